package io.vqi.compare;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * One codec as the comparison drives it: a sweep of settings, and an encoder and decoder that work on whole files
 * in memory, so that the rate is always the size of a real file.
 *
 * <p>{@link Comparison} hands every runner the same 8-bit RGB image ({@code TYPE_3BYTE_BGR}, the layout every
 * ImageIO writer accepts), calls {@link #prepare} once per image outside the timed region, then times
 * {@link #encode} and {@link #decode} separately. Runners are not thread-safe; {@link #close} frees what they hold
 * (readers, writers, temporary files).
 */
public sealed interface CodecRunner extends AutoCloseable
        permits VqiRunner, JdkImageIoRunner, Jpeg2000Runner, ExternalRunner {

    /** The name in the CSV and on the command line: {@code vqi}, {@code jpeg}, {@code webp}, ... */
    String name();

    /** One line for the report: which implementation, and what the setting means. */
    String description();

    /** The sweep, from the lowest quality to the highest. */
    List<Setting> settings();

    /** Empty when the codec can run here; otherwise why not, e.g. {@code cwebp not found on PATH}. */
    Optional<String> skipReason();

    default boolean available() {
        return skipReason().isEmpty();
    }

    /** Per-image work that is not part of the codec's time (external tools: writing the input PNG). */
    default void prepare(BufferedImage image) throws IOException {
    }

    /** The complete file this codec writes for {@code image} at {@code setting}. */
    byte[] encode(BufferedImage image, Setting setting) throws IOException;

    /** The image in a file made by {@link #encode}. */
    BufferedImage decode(byte[] encoded) throws IOException;

    @Override
    default void close() throws IOException {
    }
}

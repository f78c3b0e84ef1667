package io.vqi.format;

import io.vqi.image.PlaneConversion;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The {@code iccp} chunk: the ICC colour profile of the samples the model coded (they are coded as the source had
 * them, not converted to sRGB). At most one per file, anywhere between HEAD and IEND; the writer puts it before the
 * CODE chunks. Without it, RGB samples are sRGB.
 *
 * <p>Payload: byte 0 is the method, 0; then a zlib stream (RFC 1950) that inflates to the profile, whose ICC header
 * must be sane: at least {@value #HEADER_LENGTH} bytes, its size field (bytes 0-3, big-endian) equal to the profile's
 * length, and {@code acsp} at bytes 36-39. The profile must also be usable, as SPEC.md §5.2.2 requires: a gray
 * profile in a gray file, an RGB one in an RGB file, from which Java's CMM builds its transforms (they are built
 * here, when the chunk is read, so that no image made from it throws later).
 */
public final class IccChunk {
    /** Largest profile accepted, 16 MiB: printer profiles reach a few MB, display profiles a few KB. */
    public static final int MAX_PROFILE_LENGTH = 1 << 24;
    /** Length of the fixed ICC profile header. */
    public static final int HEADER_LENGTH = 128;

    private static final int SIGNATURE_OFFSET = 36;
    private static final byte[] SIGNATURE = "acsp".getBytes(StandardCharsets.US_ASCII);

    private IccChunk() {
    }

    /**
     * The chunk for {@code profile}, the bytes of an ICC profile (as {@code ICC_Profile.getData()} gives them), usable
     * as the gray or RGB profile its header names.
     *
     * @throws IllegalArgumentException if the profile's header is not sane (see the class comment) or it is not usable
     */
    public static Chunk encode(byte[] profile) {
        String problem = problem(profile);
        if (problem == null && PlaneConversion.iccProblem(profile, false) != null
                && PlaneConversion.iccProblem(profile, true) != null) {
            problem = "not a usable gray or RGB ICC profile";
        }
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return DeflatedChunk.deflate(ChunkType.ICCP, profile);
    }

    /**
     * The chunk for {@code profile} in a file of the given colour model: a reader would refuse any other.
     *
     * @throws IllegalArgumentException if the profile's header is not sane or it is not a usable gray (or else RGB)
     *                                  profile
     */
    public static Chunk encode(byte[] profile, boolean gray) {
        String problem = problem(profile);
        problem = problem != null ? problem : PlaneConversion.iccProblem(profile, gray);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return DeflatedChunk.deflate(ChunkType.ICCP, profile);
    }

    /**
     * The profile of {@code container}, or empty if it has no {@code iccp} chunk.
     *
     * @throws MalformedContainerException if there are two chunks, the method is unknown, the zlib stream is bad,
     *                                     the profile's header is not sane, or the profile is not a usable profile
     *                                     of the header's colour model
     */
    public static Optional<byte[]> read(VqiContainer container) throws MalformedContainerException {
        Optional<DeflatedChunk.Located> found = DeflatedChunk.find(container, ChunkType.ICCP);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        byte[] profile = DeflatedChunk.inflate(found.get(), MAX_PROFILE_LENGTH);
        String problem = problem(profile);
        if (problem == null) {
            problem = PlaneConversion.iccProblem(profile, container.header().colorModel() == ColorModel.GRAY);
        }
        if (problem != null) {
            throw new MalformedContainerException(found.get().payloadOffset(), "'iccp' chunk: " + problem);
        }
        return Optional.of(profile);
    }

    /** What is wrong with the profile's header, or null. */
    private static String problem(byte[] profile) {
        if (profile.length < HEADER_LENGTH || profile.length > MAX_PROFILE_LENGTH) {
            return "ICC profile of " + profile.length + " bytes (must be " + HEADER_LENGTH + " to "
                    + MAX_PROFILE_LENGTH + ")";
        }
        long declared = Integer.toUnsignedLong(ByteBuffer.wrap(profile).getInt(0));
        if (declared != profile.length) {
            return "ICC profile header declares " + declared + " bytes, the profile has " + profile.length;
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (profile[SIGNATURE_OFFSET + i] != SIGNATURE[i]) {
                return "not an ICC profile (no 'acsp' signature)";
            }
        }
        return null;
    }
}

package io.vqi.format;

import java.util.Optional;

/**
 * The {@code alph} chunk: the image's alpha plane, kept losslessly beside the lossy colour (the networks code colour
 * only). At most one per file, anywhere between HEAD and IEND; the writer puts it before the CODE chunks.
 *
 * <p>Payload: byte 0 is the method, 0; then a zlib stream (RFC 1950) that inflates to exactly width × height bytes,
 * the 8-bit alpha samples row by row from the top (0 transparent, 255 opaque), each row delta-coded against its left
 * neighbour, modulo 256 (PNG's "Sub" filter: hard-edged and flat masks become runs of zeros). Width and height are
 * the header's. A file without the chunk is opaque.
 */
public final class AlphaChunk {
    private AlphaChunk() {
    }

    /**
     * The chunk for {@code alpha}, {@code width × height} samples row by row.
     *
     * @throws IllegalArgumentException if the plane has the wrong length
     */
    public static Chunk encode(byte[] alpha, int width, int height) {
        if (width < 1 || height < 1 || (long) width * height != alpha.length) {
            throw new IllegalArgumentException("alpha plane of " + alpha.length + " bytes is not " + width + " x "
                    + height);
        }
        byte[] filtered = new byte[alpha.length];
        for (int y = 0, row = 0; y < height; y++, row += width) {
            filtered[row] = alpha[row];
            for (int x = 1; x < width; x++) {
                filtered[row + x] = (byte) (alpha[row + x] - alpha[row + x - 1]);
            }
        }
        return DeflatedChunk.deflate(ChunkType.ALPH, filtered);
    }

    /** True if {@code container} has an {@code alph} chunk (checked for duplicates, not inflated). */
    public static boolean isPresent(VqiContainer container) throws MalformedContainerException {
        return DeflatedChunk.find(container, ChunkType.ALPH).isPresent();
    }

    /**
     * The alpha plane of {@code container} (width × height bytes, row by row), or empty if it has no {@code alph}
     * chunk.
     *
     * @throws MalformedContainerException if there are two chunks, the method is unknown, the zlib stream is bad or
     *                                     it does not inflate to exactly width × height bytes
     */
    public static Optional<byte[]> read(VqiContainer container) throws MalformedContainerException {
        Optional<DeflatedChunk.Located> found = DeflatedChunk.find(container, ChunkType.ALPH);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        VqiHeader header = container.header();
        int width = header.width();
        int expected = Math.toIntExact(header.pixelCount()); // at most MAX_PIXELS = 2^28
        byte[] plane = DeflatedChunk.inflate(found.get(), expected);
        if (plane.length != expected) {
            throw new MalformedContainerException(found.get().payloadOffset(), "'alph' chunk inflates to "
                    + plane.length + " bytes, the " + width + " x " + header.height() + " image needs " + expected);
        }
        for (int row = 0; row < plane.length; row += width) {
            for (int x = 1; x < width; x++) {
                plane[row + x] += plane[row + x - 1];
            }
        }
        return Optional.of(plane);
    }
}

package io.vqi.format;

import io.vqi.correction.EdgeStrip;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The typed view of an {@code edge} chunk (SPEC.md §5.2.8): the image's edge strip, an {@link EdgeStrip} added to
 * the decoded picture after the colour plane. On the wire the payload is {@code u8 quality, u8 depth, u8 log2 node
 * spacing, u8 step, data}, the data being the strip range-coded by {@code EdgeStripCoder}.
 *
 * <p>Ancillary: a reader that does not know it shows the picture without it. Like {@code corr} it corrects the
 * picture of exactly one quality, HEAD's, so lowering a file's quality drops it.
 */
public record EdgeChunk(int quality, int depth, int log2Spacing, int step, byte[] data) {

    public static final int PREFIX_LENGTH = 4;

    public EdgeChunk {
        if (quality < 1 || quality > RefinementChunk.MAX_LEVEL + 1) {
            throw new IllegalArgumentException("edge quality " + quality + " is out of range 1.."
                    + (RefinementChunk.MAX_LEVEL + 1));
        }
        EdgeStrip.checkParameters(depth, log2Spacing, step);
        data = ChunkPayloads.checkedData("edge", data, PREFIX_LENGTH);
    }

    public static EdgeChunk from(Chunk chunk) {
        ByteBuffer p = ChunkPayloads.payload(chunk, ChunkType.EDGE, "an", "edge", PREFIX_LENGTH);
        int quality = Byte.toUnsignedInt(p.get());
        int depth = Byte.toUnsignedInt(p.get());
        int log2Spacing = Byte.toUnsignedInt(p.get());
        int step = Byte.toUnsignedInt(p.get());
        return new EdgeChunk(quality, depth, log2Spacing, step, ChunkPayloads.rest(p));
    }

    public Chunk toChunk() {
        return new Chunk(ChunkType.EDGE, ByteBuffer.allocate(PREFIX_LENGTH + data.length).put((byte) quality)
                .put((byte) depth).put((byte) log2Spacing).put((byte) step).put(data).array());
    }

    /**
     * The file's edge strip, checked against the header (at most one, for HEAD's quality); empty if none. A refusal
     * names the file offset of the offending chunk's payload as the reference writer lays the file out.
     */
    public static Optional<EdgeChunk> read(VqiContainer container) throws MalformedContainerException {
        List<Chunk> chunks = container.ancillary(ChunkType.EDGE);
        if (chunks.isEmpty()) {
            return Optional.empty();
        }
        if (chunks.size() > 1) {
            throw new MalformedContainerException(payloadOffset(container, 1), chunks.size()
                    + " edge chunks; a file has at most one");
        }
        long offset = payloadOffset(container, 0);
        EdgeChunk e;
        try {
            e = from(chunks.get(0));
        } catch (IllegalArgumentException x) {
            throw new MalformedContainerException(offset, x.getMessage());
        }
        if (e.quality != container.header().quality()) {
            throw new MalformedContainerException(offset, "edge chunk corrects quality " + e.quality
                    + " but HEAD says " + container.header().quality());
        }
        return Optional.of(e);
    }

    /**
     * File offset of the payload of the {@code k}-th {@code edge} chunk: signature, HEAD and the chunks before it,
     * each framed in 12 bytes.
     */
    static long payloadOffset(VqiContainer container, int k) {
        long offset = VqiFormat.signature().length + 12L
                + HeaderLayout.encode(container.header(), VqiContainerWriter.minorVersion(container)).length;
        int seen = 0;
        for (Chunk c : container.chunks()) {
            if (c.type().equals(ChunkType.EDGE) && seen++ == k) {
                break;
            }
            offset += 12L + c.payloadBuffer().remaining();
        }
        return offset + 8;
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EdgeChunk c && c.quality == quality && c.depth == depth
                && c.log2Spacing == log2Spacing && c.step == step && Arrays.equals(c.data, data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(quality, depth, log2Spacing, step, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "EdgeChunk[quality=" + quality + ", depth " + depth + ", nodes every 2^" + log2Spacing + ", step "
                + step + ", " + data.length + " bytes]";
    }
}

package io.vqi.format;

import io.vqi.correction.ColourPlane;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The typed view of a {@code corr} chunk (SPEC.md §5.2.7): the image's low-resolution colour correction, a
 * {@link ColourPlane} added to the decoded picture. On the wire the payload is {@code u8 quality, u8 log2 cell
 * side, u8 step, data}, the data being the plane range-coded by {@code ColourPlaneCoder}.
 *
 * <p>Ancillary: a reader that does not know it shows the picture without the correction. It corrects the picture of
 * exactly one quality (the one it names, which must be HEAD's), so lowering a file's quality drops it.
 */
public record CorrectionChunk(int quality, int log2Block, int step, byte[] data) {

    public static final int PREFIX_LENGTH = 3;

    public CorrectionChunk {
        if (quality < 1 || quality > RefinementChunk.MAX_LEVEL + 1) {
            throw new IllegalArgumentException("corr quality " + quality + " is out of range 1.."
                    + (RefinementChunk.MAX_LEVEL + 1));
        }
        if (log2Block < ColourPlane.MIN_LOG2_BLOCK || log2Block > ColourPlane.MAX_LOG2_BLOCK) {
            throw new IllegalArgumentException("corr cell side 2^" + log2Block + " is out of range 2^"
                    + ColourPlane.MIN_LOG2_BLOCK + "..2^" + ColourPlane.MAX_LOG2_BLOCK);
        }
        if (step < 1 || step > 255) {
            throw new IllegalArgumentException("corr step " + step + " is out of range 1..255");
        }
        data = ChunkPayloads.checkedData("corr", data, PREFIX_LENGTH);
    }

    public static CorrectionChunk from(Chunk chunk) {
        ByteBuffer p = ChunkPayloads.payload(chunk, ChunkType.CORR, "a", "corr", PREFIX_LENGTH);
        int quality = Byte.toUnsignedInt(p.get());
        int log2Block = Byte.toUnsignedInt(p.get());
        int step = Byte.toUnsignedInt(p.get());
        return new CorrectionChunk(quality, log2Block, step, ChunkPayloads.rest(p));
    }

    public Chunk toChunk() {
        return new Chunk(ChunkType.CORR, ByteBuffer.allocate(PREFIX_LENGTH + data.length)
                .put((byte) quality).put((byte) log2Block).put((byte) step).put(data).array());
    }

    /** The file's correction, checked against the header (at most one, for HEAD's quality); empty if none. */
    public static Optional<CorrectionChunk> read(VqiContainer container) throws MalformedContainerException {
        List<Chunk> chunks = container.ancillary(ChunkType.CORR);
        if (chunks.isEmpty()) {
            return Optional.empty();
        }
        if (chunks.size() > 1) {
            throw new MalformedContainerException(0, chunks.size() + " corr chunks; a file has at most one");
        }
        CorrectionChunk c;
        try {
            c = from(chunks.get(0));
        } catch (IllegalArgumentException e) {
            throw new MalformedContainerException(0, e.getMessage());
        }
        if (c.quality != container.header().quality()) {
            throw new MalformedContainerException(0, "corr chunk corrects quality " + c.quality
                    + " but HEAD says " + container.header().quality());
        }
        return Optional.of(c);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CorrectionChunk c && c.quality == quality && c.log2Block == log2Block
                && c.step == step && Arrays.equals(c.data, data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(quality, log2Block, step, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "CorrectionChunk[quality=" + quality + ", cells 2^" + log2Block + ", step " + step + ", "
                + data.length + " bytes]";
    }
}

package io.vqi.format;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * The typed view of a {@code CODE} chunk: which code stage and tile it holds, and the entropy-coded index bytes.
 * On the wire the payload is {@code u16 stage, u16 tile, data}.
 */
public record CodeChunk(int stage, int tile, byte[] data) {
    /** Bytes of the payload before {@code data}: stage (u16) and tile (u16). */
    public static final int PREFIX_LENGTH = 4;

    public CodeChunk {
        if (stage < 0 || stage >= VqiFormat.MAX_STAGES) {
            throw new IllegalArgumentException("CODE stage " + stage + " is out of range 0.." + (VqiFormat.MAX_STAGES - 1));
        }
        if (tile < 0 || tile >= VqiFormat.MAX_TILES) {
            throw new IllegalArgumentException("CODE tile " + tile + " is out of range 0.." + (VqiFormat.MAX_TILES - 1));
        }
        data = ChunkPayloads.checkedData("CODE", data, PREFIX_LENGTH);
    }

    /** Parses a {@code CODE} chunk's payload. */
    public static CodeChunk from(Chunk chunk) {
        ByteBuffer payload = ChunkPayloads.payload(chunk, ChunkType.CODE, "a", "CODE", PREFIX_LENGTH);
        int stage = Short.toUnsignedInt(payload.getShort());
        int tile = Short.toUnsignedInt(payload.getShort());
        return new CodeChunk(stage, tile, ChunkPayloads.rest(payload));
    }

    /** The chunk that carries this code. */
    public Chunk toChunk() {
        return new Chunk(ChunkType.CODE, ByteBuffer.allocate(PREFIX_LENGTH + data.length)
                .putShort((short) stage).putShort((short) tile).put(data).array());
    }

    /** A copy of the entropy-coded bytes. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CodeChunk other && stage == other.stage && tile == other.tile
                && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(stage, tile, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "CodeChunk[stage=" + stage + ", tile=" + tile + ", " + data.length + " bytes]";
    }
}

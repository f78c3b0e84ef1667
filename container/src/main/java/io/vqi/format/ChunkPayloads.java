package io.vqi.format;

import java.nio.ByteBuffer;
import java.util.Objects;

/** The checks the typed chunk views share: a {@code prefix}, then opaque data up to the chunk size limit. */
final class ChunkPayloads {
    private ChunkPayloads() {
    }

    /**
     * A copy of {@code data}, checked against what fits after the prefix.
     *
     * @param name the chunk's name in messages ({@code "CODE"}, {@code "rfin"})
     */
    static byte[] checkedData(String name, byte[] data, int prefixLength) {
        Objects.requireNonNull(data, "data");
        if (data.length > VqiFormat.MAX_CHUNK_LENGTH - prefixLength) {
            throw new IllegalArgumentException(name + " data of " + data.length + " bytes exceeds limit "
                    + (VqiFormat.MAX_CHUNK_LENGTH - prefixLength));
        }
        return data.clone();
    }

    /**
     * The payload of a chunk of {@code type}, at least {@code prefixLength} long.
     *
     * @param article {@code "a"} or {@code "an"}, before the name in the message for a chunk of another type
     */
    static ByteBuffer payload(Chunk chunk, ChunkType type, String article, String name, int prefixLength) {
        if (!chunk.type().equals(type)) {
            throw new IllegalArgumentException("not " + article + " " + name + " chunk: '" + chunk.type() + "'");
        }
        ByteBuffer p = chunk.payloadBuffer();
        if (p.remaining() < prefixLength) {
            throw new IllegalArgumentException(name + " payload has " + p.remaining() + " bytes, needs at least "
                    + prefixLength);
        }
        return p;
    }

    /** What is left of the payload after its prefix: the data. */
    static byte[] rest(ByteBuffer payload) {
        byte[] data = new byte[payload.remaining()];
        payload.get(data);
        return data;
    }
}

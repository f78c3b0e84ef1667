package io.vqi.format;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * One chunk's type and payload. The framing (length, CRC-32C) is not stored: the writer computes it and the reader
 * checks it. Immutable: the payload is copied in and out.
 */
public record Chunk(ChunkType type, byte[] payload) {
    public Chunk {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        if (payload.length > VqiFormat.MAX_CHUNK_LENGTH) {
            throw new IllegalArgumentException("chunk '" + type + "' payload of " + payload.length
                    + " bytes exceeds limit " + VqiFormat.MAX_CHUNK_LENGTH);
        }
        payload = payload.clone();
    }

    public static Chunk of(String type, byte[] payload) {
        return new Chunk(ChunkType.of(type), payload);
    }

    /** A copy of the payload. */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** A read-only view of the payload, without copying. */
    public ByteBuffer payloadBuffer() {
        return ByteBuffer.wrap(payload).asReadOnlyBuffer();
    }

    /** Payload length in bytes. */
    public int length() {
        return payload.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Chunk other && type.equals(other.type) && Arrays.equals(payload, other.payload);
    }

    @Override
    public int hashCode() {
        return 31 * type.hashCode() + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "Chunk[" + type + ", " + payload.length + " bytes]";
    }
}

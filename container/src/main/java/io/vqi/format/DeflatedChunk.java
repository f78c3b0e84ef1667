package io.vqi.format;

import java.io.ByteArrayOutputStream;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * What the ancillary chunks with a compressed payload ({@code alph}, {@code iccp}) share: a payload of one method
 * byte and a zlib stream (RFC 1950, the deflate that PNG uses, with its Adler-32), the rule of at most one chunk per
 * type, and inflating under a hard limit so that a small hostile payload cannot make a reader allocate more than the
 * chunk's own rules allow.
 */
public final class DeflatedChunk {
    /** Payload byte 0: the only method defined, a zlib stream follows. */
    static final int METHOD_ZLIB = 0;

    /** Inflate in steps of this size, so memory grows with the real output and not with a claimed length. */
    private static final int STEP = 1 << 16;

    private DeflatedChunk() {
    }

    /**
     * A chunk in a container with the file offset of its payload's first byte. The offset assumes the HEAD payload
     * has the v1.0 length (a later minor may append HEAD fields); it only serves error messages.
     */
    record Located(Chunk chunk, long payloadOffset) {
    }

    /** {@code METHOD_ZLIB} then {@code data} deflated at the best compression (chunks are written once). */
    public static Chunk deflate(ChunkType type, byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 + data.length / 4);
            out.write(METHOD_ZLIB);
            byte[] buffer = new byte[STEP];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return new Chunk(type, out.toByteArray());
        } finally {
            deflater.end();
        }
    }

    /** The only chunk of {@code type}, if any; a second one is malformed. */
    static Optional<Located> find(VqiContainer container, ChunkType type) throws MalformedContainerException {
        long offset = VqiFormat.SIGNATURE_LENGTH + VqiFormat.CHUNK_OVERHEAD
                + HeaderLayout.encode(container.header()).length;
        Located found = null;
        for (Chunk chunk : container.chunks()) {
            if (chunk.type().equals(type)) {
                if (found != null) {
                    throw new MalformedContainerException(offset, "second '" + type + "' chunk (at most one allowed)");
                }
                found = new Located(chunk, offset + 8);
            }
            offset += VqiFormat.CHUNK_OVERHEAD + chunk.length();
        }
        return Optional.ofNullable(found);
    }

    /**
     * The inflated payload of {@code at}: the method byte must be {@link #METHOD_ZLIB} and the zlib stream must end
     * exactly at the end of the payload and produce at most {@code limit} bytes.
     */
    static byte[] inflate(Located at, int limit) throws MalformedContainerException {
        byte[] payload = at.chunk().payload();
        String type = at.chunk().type().name();
        if (payload.length == 0) {
            throw new MalformedContainerException(at.payloadOffset(), "empty '" + type + "' chunk");
        }
        if (payload[0] != METHOD_ZLIB) {
            throw new MalformedContainerException(at.payloadOffset(), "unknown '" + type + "' method "
                    + Byte.toUnsignedInt(payload[0]));
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(payload, 1, payload.length - 1);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, STEP));
            byte[] buffer = new byte[STEP];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && !inflater.finished()) { // needs input (or a preset dictionary, which zlib-0 never has)
                    throw new MalformedContainerException(at.payloadOffset() + payload.length,
                            "truncated zlib stream in '" + type + "' chunk");
                }
                if ((long) out.size() + n > limit) {
                    throw new MalformedContainerException(at.payloadOffset() + 1 + inflater.getBytesRead(),
                            "'" + type + "' chunk inflates to more than " + limit + " bytes");
                }
                out.write(buffer, 0, n);
            }
            if (inflater.getRemaining() > 0) {
                throw new MalformedContainerException(at.payloadOffset() + 1 + inflater.getBytesRead(),
                        inflater.getRemaining() + " bytes after the zlib stream in '" + type + "' chunk");
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new MalformedContainerException(at.payloadOffset() + 1 + inflater.getBytesRead(),
                    "bad zlib data in '" + type + "' chunk: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }
}

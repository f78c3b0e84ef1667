package io.vqi.format;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A {@code .vqi} file as the fuzzer sees it: the first 8 bytes, the chunks as framed (type bytes and payload, any
 * type, any order), and whatever follows the last whole chunk. Parsing checks nothing but the framing; writing
 * recomputes every length and CRC-32C, so that a mutation reaches the checks behind the CRC (SPEC.md §3.1).
 */
public final class RawFile {
    byte[] signature;
    public final List<RawChunk> chunks = new ArrayList<>();
    byte[] trailing;

    /** Lenient framing; null when the input is shorter than a signature. */
    public static RawFile parse(byte[] file) {
        if (file.length < 8) {
            return null;
        }
        RawFile parsed = new RawFile();
        parsed.signature = Arrays.copyOf(file, 8);
        ByteBuffer in = ByteBuffer.wrap(file);
        int at = 8;
        while (file.length - at >= 12) {
            long length = Integer.toUnsignedLong(in.getInt(at + 4));
            if (length > file.length - at - 12) {
                break;
            }
            parsed.chunks.add(new RawChunk(Arrays.copyOfRange(file, at, at + 4),
                    Arrays.copyOfRange(file, at + 8, at + 8 + (int) length)));
            at += 12 + (int) length;
        }
        parsed.trailing = Arrays.copyOfRange(file, at, file.length);
        return parsed;
    }

    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(signature);
        for (RawChunk c : chunks) {
            out.writeBytes(c.type);
            out.writeBytes(ByteBuffer.allocate(4).putInt(c.payload.length).array());
            out.writeBytes(c.payload);
            out.writeBytes(ByteBuffer.allocate(4).putInt(ChunkFraming.crc(c.type, c.payload.length, c.payload))
                    .array());
        }
        out.writeBytes(trailing);
        return out.toByteArray();
    }

    /** One framed chunk; type and payload may be replaced by a mutation. */
    public static final class RawChunk {
        public byte[] type;
        public byte[] payload;

        RawChunk(byte[] type, byte[] payload) {
            this.type = type;
            this.payload = payload;
        }

        public boolean is(String name) {
            return Arrays.equals(type, name.getBytes(StandardCharsets.US_ASCII));
        }

        RawChunk copy() {
            return new RawChunk(type.clone(), payload.clone());
        }
    }
}

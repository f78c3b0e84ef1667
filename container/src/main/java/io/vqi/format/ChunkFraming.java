package io.vqi.format;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/** The chunk frame shared by writer and reader: {@code type(4) length(u32) payload crc32c(u32)}, SPEC.md §3. */
final class ChunkFraming {
    private ChunkFraming() {
    }

    /** CRC-32C over type, length and payload: everything in the chunk before the CRC itself. */
    static int crc(byte[] type, int length, byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(type);
        crc.update(ByteBuffer.allocate(4).putInt(0, length));
        crc.update(payload);
        return (int) crc.getValue();
    }

    static void write(OutputStream out, ChunkType type, byte[] payload) throws IOException {
        byte[] typeBytes = type.bytes();
        ByteBuffer head = ByteBuffer.allocate(8).put(typeBytes).putInt(payload.length);
        out.write(head.array());
        out.write(payload);
        out.write(ByteBuffer.allocate(4).putInt(crc(typeBytes, payload.length, payload)).array());
    }
}

package io.vqi.format;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * Builds raw {@code .vqi} bytes straight from SPEC.md, independently of the writer, so tests can make files the
 * writer refuses to make (bad fields, wrong order, bad CRCs) and can cross-check the writer's output.
 */
public final class Forge {
    static final byte[] SIGNATURE = HexFormat.of().parseHex("895651490d0a1a0a");
    /** SHA-256 of the empty input: the golden files' obviously-dummy weights hash. */
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    static final String DUMMY_ID = "dummy-f8-k1024-v1";

    /** Offset of the HEAD payload in every file: signature (8) + type (4) + length (4). */
    public static final int HEAD_PAYLOAD = 16;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private Forge() {
    }

    /** A file that starts with the signature. */
    static Forge file() {
        return new Forge().raw(SIGNATURE);
    }

    static Forge empty() {
        return new Forge();
    }

    Forge raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    Forge chunk(String type, byte[] payload) {
        return chunk(type, payload.length, payload, crc(type, payload.length, payload));
    }

    /** A chunk whose length field, payload and CRC are given separately, to lie about any of them. */
    Forge chunk(String type, long length, byte[] payload, int crc) {
        out.writeBytes(type.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) length).array());
        out.writeBytes(payload);
        out.writeBytes(ByteBuffer.allocate(4).putInt(crc).array());
        return this;
    }

    Forge head(Head head) {
        return chunk("HEAD", head.bytes());
    }

    Forge code(int stage, int tile, byte[] data) {
        return chunk("CODE", ByteBuffer.allocate(4 + data.length).putShort((short) stage).putShort((short) tile)
                .put(data).array());
    }

    Forge iend() {
        return chunk("IEND", new byte[0]);
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    static int crc(String type, int length, byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(type.getBytes(StandardCharsets.ISO_8859_1));
        crc.update(ByteBuffer.allocate(4).putInt(length).array());
        crc.update(payload);
        return (int) crc.getValue();
    }

    /** The file {@code head} describes, with a 3-byte CODE chunk for every (stage, tile), and IEND. */
    static byte[] validFile(Head head) {
        Forge forge = file().head(head);
        long tiles = ceilDiv(head.width, head.tileWidth) * ceilDiv(head.height, head.tileHeight);
        if (tiles * head.stages > VqiFormat.MAX_CHUNK_COUNT) {
            throw new IllegalArgumentException("header implies " + tiles * head.stages + " CODE chunks");
        }
        for (int stage = 0; stage < head.stages; stage++) {
            for (int tile = 0; tile < tiles; tile++) {
                forge.code(stage, tile, new byte[] {1, 2, 3});
            }
        }
        return forge.iend().bytes();
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    /** The HEAD payload, field by field as in SPEC.md §4; defaults make a valid 16 × 16 RGB header. */
    static final class Head {
        int major = 1;
        int minor = 0;
        int colorModel = 2;
        int channels = 3;
        long width = 16;
        long height = 16;
        int bitDepth = 8;
        int quality = 3;
        int stages = 1;
        long latentRows = 2;
        long latentCols = 2;
        long tileWidth = 16;
        long tileHeight = 16;
        byte[] sha256 = HexFormat.of().parseHex(EMPTY_SHA256);
        byte[] id = DUMMY_ID.getBytes(StandardCharsets.ISO_8859_1);
        int idLength = -1;
        byte[] extra = new byte[0];

        byte[] bytes() {
            return ByteBuffer.allocate(65 + id.length + extra.length)
                    .put((byte) major).put((byte) minor).put((byte) colorModel).put((byte) channels)
                    .putInt((int) width).putInt((int) height)
                    .put((byte) bitDepth).put((byte) quality).putShort((short) stages)
                    .putInt((int) latentRows).putInt((int) latentCols)
                    .putInt((int) tileWidth).putInt((int) tileHeight)
                    .put(sha256)
                    .put((byte) (idLength >= 0 ? idLength : id.length)).put(id)
                    .put(extra)
                    .array();
        }
    }
}

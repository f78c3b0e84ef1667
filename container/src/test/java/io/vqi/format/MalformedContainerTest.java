package io.vqi.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The malformed-input table: each row is a file that breaks one rule of SPEC.md, the fragment its error message must
 * contain and the byte offset it must blame. Every row is read both from a byte array (length known) and from a
 * stream (length unknown); both must give the same {@link MalformedContainerException}.
 */
class MalformedContainerTest {
    /** Offsets in a file built on the default {@link Forge.Head} (16 × 16 RGB, 17-character model id). */
    static final int HEAD_CHUNK = 8;
    static final int P = Forge.HEAD_PAYLOAD;
    static final int AFTER_HEAD = P + 82 + 4;
    /** Length of a CODE chunk with 3 data bytes, as {@link #code} writes them. */
    static final int CODE_3 = 12 + 4 + 3;

    static Stream<Arguments> malformed() {
        return Stream.of(
                // Signature
                row("empty input", new byte[0], "truncated: signature needs 8 bytes, only 0", 0),
                row("PNG signature", HexFormat.of().parseHex("89504e470d0a1a0a0000000d49484452"),
                        "not a .vqi file (bad signature)", 0),
                row("signature after CRLF -> LF conversion", Forge.empty()
                        .raw(HexFormat.of().parseHex("895651490a1a0a")).head(new Forge.Head()).bytes(),
                        "damaged .vqi signature (was the file transferred as text?)", 0),
                row("signature only", Forge.file().bytes(), "truncated: chunk type needs 4 bytes", 8),

                // Version
                row("newer major version", valid(h -> h.major = 3),
                        "unsupported format version 3.0: this reader supports major versions 1 and 2 (file is newer)",
                        P),
                row("major version 0", valid(h -> h.major = 0), "unsupported format version 0.0", P),

                // HEAD chunk
                row("first chunk is CODE", Forge.file().code(0, 0, data()).iend().bytes(),
                        "first chunk must be HEAD, found 'CODE'", HEAD_CHUNK),
                row("first chunk is ancillary", Forge.file().chunk("meta", new byte[2]).bytes(),
                        "first chunk must be HEAD, found 'meta'", HEAD_CHUNK),
                row("duplicate HEAD", Forge.file().head(new Forge.Head()).head(new Forge.Head())
                        .code(0, 0, data()).iend().bytes(), "duplicate HEAD chunk", AFTER_HEAD),
                row("HEAD length 2^31 - 1 in a 100-byte file", hugeChunkIn100Bytes("HEAD"),
                        "chunk 'HEAD' length 2147483647 exceeds limit 1024", HEAD_CHUNK + 4),
                row("HEAD length 1025", Forge.file().chunk("HEAD", new byte[1025]).bytes(),
                        "chunk 'HEAD' length 1025 exceeds limit 1024", HEAD_CHUNK + 4),
                row("HEAD CRC mismatch", Forge.file().chunk("HEAD", 82, new Forge.Head().bytes(), 0x12345678)
                        .bytes(), "CRC mismatch in chunk 'HEAD': stored 12345678", HEAD_CHUNK),
                row("HEAD payload of 1 byte", Forge.file().chunk("HEAD", new byte[] {1}).bytes(),
                        "HEAD payload of 1 bytes has no version", HEAD_CHUNK),
                row("HEAD payload shorter than v1 fixed fields",
                        Forge.file().chunk("HEAD", Arrays.copyOf(new Forge.Head().bytes(), 40)).bytes(),
                        "HEAD payload of 40 bytes is shorter than the 65 bytes of version 1's fixed fields", HEAD_CHUNK),
                row("HEAD longer than v1.0 defines", valid(h -> h.extra = new byte[3]),
                        "HEAD payload of 85 bytes: version 1.0 defines exactly 82", HEAD_CHUNK),
                row("model id length beyond payload", valid(h -> h.idLength = 64),
                        "too short for a 64-character model id (needs 129)", HEAD_CHUNK),

                // Header fields
                row("width and height 2^31", valid(h -> {
                    h.width = 1L << 31;
                    h.height = 1L << 31;
                }), "width 2147483648 exceeds limit 65535", P + 4),
                row("width 2^32 - 1", valid(h -> h.width = 0xFFFF_FFFFL), "width 4294967295 exceeds limit 65535",
                        P + 4),
                row("height 65536", valid(h -> h.height = 65536), "height 65536 exceeds limit 65535", P + 8),
                row("height 0", valid(h -> h.height = 0), "height 0 is below minimum 1", P + 8),
                row("65535 x 65535 pixels", valid(h -> {
                    h.width = 65535;
                    h.height = 65535;
                }), "65535 × 65535 = 4294836225 pixels exceeds limit 268435456", P + 4),
                row("16385 x 16384 pixels, one over the cap", valid(h -> {
                    h.width = 16385;
                    h.height = 16384;
                }), "pixels exceeds limit 268435456", P + 4),
                row("unknown colour model", valid(h -> h.colorModel = 9), "unknown colour model code 9", P + 2),
                row("colour model 0", valid(h -> h.colorModel = 0), "unknown colour model code 0", P + 2),
                row("channels do not match colour model", valid(h -> h.channels = 1),
                        "channels 1 does not match colour model RGB (3)", P + 3),
                row("bit depth 12", valid(h -> h.bitDepth = 12), "bit depth 12 is not 8 or 16", P + 12),
                row("quality 0", valid(h -> h.quality = 0), "quality 0 is below minimum 1", P + 13),
                row("zero stages", valid(h -> h.stages = 0), "stage count 0 is below minimum 1", P + 14),
                row("17 stages", valid(h -> h.stages = 17), "stage count 17 exceeds limit 16", P + 14),
                row("latent rows above height", valid(h -> h.latentRows = 17), "latent rows 17 exceeds height 16",
                        P + 16),
                row("latent cols 0", valid(h -> h.latentCols = 0), "latent cols 0 is below minimum 1", P + 20),
                row("tile wider than image", valid(h -> h.tileWidth = 17), "tile width 17 exceeds width 16", P + 24),
                row("tile height 0", valid(h -> h.tileHeight = 0), "tile height 0 is below minimum 1", P + 28),
                row("too many tiles", valid(h -> {
                    h.width = 4096;
                    h.height = 4096;
                    h.tileWidth = 63;
                    h.tileHeight = 63;
                }), "tile count 4356 exceeds limit 4096", P + 24),
                row("empty model id", valid(h -> h.id = new byte[0]), "model id length 0 is below minimum 1", P + 64),
                row("model id of 65 characters", valid(h -> h.id = "a".repeat(65).getBytes(StandardCharsets.US_ASCII)),
                        "model id length 65 exceeds limit 64", P + 64),
                row("model id with a space", valid(h -> h.id = "dummy f8".getBytes(StandardCharsets.US_ASCII)),
                        "model id has illegal character U+0020 at index 5", P + 65),
                row("model id with a non-ASCII byte", valid(h -> h.id = new byte[] {'v', (byte) 0xE9}),
                        "model id has illegal character U+00E9 at index 1", P + 65),

                // Chunk framing
                row("CODE length 2^31 - 1", head().chunk("CODE", Integer.MAX_VALUE, new byte[8], 0).bytes(),
                        "chunk 'CODE' length 2147483647 exceeds limit 67108864", AFTER_HEAD + 4),
                row("CODE length 2^32 - 1", head().chunk("CODE", 0xFFFF_FFFFL, new byte[8], 0).bytes(),
                        "chunk 'CODE' length 4294967295 exceeds limit 67108864", AFTER_HEAD + 4),
                row("CODE length 2^26 (legal) in a short file", head().chunk("CODE", 1 << 26, new byte[3], 0).bytes(),
                        "truncated: chunk 'CODE' payload needs 67108864 bytes, only 7 left", AFTER_HEAD + 8),
                row("chunk type with a NUL byte", head().chunk("CO\0E", new byte[4]).iend().bytes(),
                        "invalid chunk type bytes 43 4f 00 45", AFTER_HEAD),
                row("CRC mismatch in CODE payload", head().chunk("CODE", 7, new byte[7],
                        Forge.crc("CODE", 7, new byte[] {0, 0, 0, 0, 0, 0, 1})).iend().bytes(),
                        "CRC mismatch in chunk 'CODE'", AFTER_HEAD),
                row("CRC mismatch in an ancillary chunk", head().chunk("xtra", 1, new byte[] {7}, 0)
                        .code(0, 0, data()).iend().bytes(), "CRC mismatch in chunk 'xtra'", AFTER_HEAD),

                // Chunk rules
                row("no CODE chunk", head().iend().bytes(), "missing CODE chunk for stage 0 tile 0", AFTER_HEAD),
                row("second stage missing", valid(h -> h.stages = 2, 1),
                        "missing CODE chunk for stage 1 tile 0", AFTER_HEAD + CODE_3),
                row("duplicate CODE", head().code(0, 0, data()).code(0, 0, data()).iend().bytes(),
                        "duplicate or out-of-order CODE chunk for stage 0 tile 0 (expected stage 1 tile 0)",
                        AFTER_HEAD + CODE_3),
                row("CODE tiles out of order", Forge.file().head(twoTiles()).code(0, 1, data()).code(0, 0, data())
                        .iend().bytes(), "missing CODE chunk for stage 0 tile 0 (found stage 0 tile 1)", AFTER_HEAD),
                row("CODE stage outside header", head().code(1, 0, data()).iend().bytes(),
                        "CODE chunk for stage 1 tile 0 is outside the header's 1 stage(s) × 1 tile(s)", AFTER_HEAD),
                row("CODE payload shorter than its prefix", head().chunk("CODE", new byte[3]).iend().bytes(),
                        "CODE payload has 3 bytes, needs at least 4", AFTER_HEAD),
                row("unknown critical chunk", head().chunk("XTRA", new byte[2]).code(0, 0, data()).iend().bytes(),
                        "unknown critical chunk 'XTRA'", AFTER_HEAD),

                // End
                row("missing IEND", head().code(0, 0, data()).bytes(), "truncated: input ends without IEND chunk",
                        AFTER_HEAD + CODE_3),
                row("IEND with a payload", head().code(0, 0, data()).chunk("IEND", new byte[1]).bytes(),
                        "IEND payload must be empty, length is 1", AFTER_HEAD + CODE_3 + 4),
                row("IEND cut short", Arrays.copyOf(Forge.validFile(new Forge.Head()), AFTER_HEAD + CODE_3 + 10),
                        "truncated: chunk 'IEND' CRC needs 4 bytes", AFTER_HEAD + CODE_3 + 8),
                row("one byte of trailing garbage", Forge.file().head(new Forge.Head()).code(0, 0, data()).iend()
                        .raw(new byte[1]).bytes(), "unexpected data after IEND", AFTER_HEAD + CODE_3 + 12),
                row("two files concatenated", Forge.empty().raw(Forge.validFile(new Forge.Head()))
                        .raw(Forge.validFile(new Forge.Head())).bytes(), "unexpected data after IEND",
                        AFTER_HEAD + CODE_3 + 12));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusedFromByteArray(String name, byte[] file, String fragment, long offset) {
        MalformedContainerException e = assertThrows(MalformedContainerException.class,
                () -> VqiContainerReader.read(file));
        assertTrue(e.getMessage().contains(fragment), () -> "message '" + e.getMessage() + "' lacks '" + fragment + "'");
        assertEquals(offset, e.offset(), () -> "offset of: " + e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusedFromStream(String name, byte[] file, String fragment, long offset) {
        MalformedContainerException e = assertThrows(MalformedContainerException.class,
                () -> VqiContainerReader.read(new ByteArrayInputStream(file)));
        assertTrue(e.getMessage().contains(fragment), () -> "message '" + e.getMessage() + "' lacks '" + fragment + "'");
        assertEquals(offset, e.offset(), () -> "offset of: " + e.getMessage());
    }

    @Test
    void tooManyChunks() throws MalformedContainerException {
        // HEAD, CODE, empty ancillary chunks, IEND: exactly MAX_CHUNK_COUNT is fine, one more is not.
        byte[] atLimit = withEmptyChunks(VqiFormat.MAX_CHUNK_COUNT - 3);
        byte[] overLimit = withEmptyChunks(VqiFormat.MAX_CHUNK_COUNT - 2);
        assertEquals(VqiFormat.MAX_CHUNK_COUNT - 2, VqiContainerReader.read(atLimit).chunks().size());
        MalformedContainerException e = assertThrows(MalformedContainerException.class,
                () -> VqiContainerReader.read(overLimit));
        assertTrue(e.getMessage().contains("more than 131072 chunks"), e::getMessage);
        assertEquals(overLimit.length - 12, e.offset(), "the IEND that is one chunk too many");
    }

    private static byte[] withEmptyChunks(int count) {
        Forge forge = head().code(0, 0, data());
        for (int i = 0; i < count; i++) {
            forge.chunk("pads", new byte[0]);
        }
        return forge.iend().bytes();
    }

    private static Arguments row(String name, byte[] file, String fragment, long offset) {
        return Arguments.of(name, file, fragment, offset);
    }

    /** A file that is valid except for what {@code edit} does to the default header. */
    private static byte[] valid(Consumer<Forge.Head> edit) {
        Forge.Head head = new Forge.Head();
        edit.accept(head);
        return Forge.file().head(head).code(0, 0, data()).iend().bytes();
    }

    /** Header edited, then only {@code codes} CODE chunks (for stage 0, tile 0, 1, ...) and IEND. */
    private static byte[] valid(Consumer<Forge.Head> edit, int codes) {
        Forge.Head head = new Forge.Head();
        edit.accept(head);
        Forge forge = Forge.file().head(head);
        for (int i = 0; i < codes; i++) {
            forge.code(0, i, data());
        }
        return forge.iend().bytes();
    }

    private static Forge head() {
        return Forge.file().head(new Forge.Head());
    }

    private static Forge.Head twoTiles() {
        Forge.Head head = new Forge.Head();
        head.tileWidth = 8;
        return head;
    }

    private static byte[] data() {
        return new byte[] {1, 2, 3};
    }

    /** Exactly 100 bytes: signature, a chunk header claiming 2^31 - 1 payload bytes, and 84 bytes of filler. */
    static byte[] hugeChunkIn100Bytes(String type) {
        byte[] file = Forge.file().chunk(type, Integer.MAX_VALUE, new byte[80], 0).bytes();
        assertEquals(100, file.length);
        return file;
    }
}

package io.vqi.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Format 2's HEAD (SPEC.md §4.3): variable-length sizes with one encoding per value, the model's hash cut to 8
 * bytes, every broken rule blamed on the offset where its field starts in this file.
 */
class HeaderV2Test {
    static final int P = Forge.HEAD_PAYLOAD;

    static VqiHeader.Builder rgb(int width, int height) {
        return VqiHeader.builder().size(width, height).colorModel(ColorModel.RGB).quality(2)
                .model(Samples.DUMMY_MODEL).latentGrid((height + 7) / 8, (width + 7) / 8);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 127, 128, 16383, 16384, 65535})
    void sizesRoundTripInTheFewestBytes(int side) {
        int other = Math.max(1, (1 << 28) / side / 2);
        VqiHeader h = rgb(side, Math.min(other, 65535)).build();
        byte[] payload = HeaderLayout.encode(h);
        assertEquals(h, HeaderLayout.decode(payload));
        int expected = 5 + varintLength(h.width()) + varintLength(h.height()) + 1 + varintLength(h.latentRows())
                + varintLength(h.latentCols()) + varintLength(h.tileWidth()) + varintLength(h.tileHeight()) + 8 + 1
                + h.model().id().length();
        assertEquals(expected, payload.length);
    }

    private static int varintLength(int v) {
        return v < 1 << 7 ? 1 : v < 1 << 14 ? 2 : 3;
    }

    @Test
    void aVersion2HeaderKeepsTheFirstEightBytesOfTheHash() {
        VqiHeader h = rgb(768, 512).build();
        assertEquals(8, h.model().weightsSha256().length);
        assertTrue(h.model().matchesWeights(HexFormat.of().parseHex(Forge.EMPTY_SHA256)));
        assertEquals(h.model(), rgb(768, 512).model(Samples.DUMMY_MODEL.prefix()).build().model());
        // kodak24's size and the default model's 23-character id: 48 bytes, 40 fewer than version 1's 88.
        VqiHeader kodak = rgb(768, 512).model(ModelRef.of("vqvae-f8-k1024-0f06913f", Forge.EMPTY_SHA256)).build();
        assertEquals(48, HeaderLayout.encode(kodak).length);
        assertEquals(88, HeaderLayout.encode(rgb(768, 512).formatMajor(1)
                .model(ModelRef.of("vqvae-f8-k1024-0f06913f", Forge.EMPTY_SHA256)).build()).length);
    }

    @Test
    void aVersion1HeaderNeedsTheWholeHash() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> rgb(16, 16).model(Samples.DUMMY_MODEL.prefix()).formatMajor(1).build());
        assertTrue(e.getMessage().contains("whole weights SHA-256"), e::getMessage);
    }

    @Test
    void aNewerMinorVersionsFieldsAreIgnored() throws MalformedContainerException {
        byte[] payload = HeaderLayout.encode(rgb(16, 16).build());
        byte[] newer = Arrays.copyOf(payload, payload.length + 3);
        newer[1] = 1;
        assertEquals(rgb(16, 16).build(), VqiContainerReader.readHeader(file(newer)));
    }

    /** minimal-rgb-v2's HEAD payload: 02 00 02 08 03, then width at 5, height 6, stages 7, rows 8, cols 9, ... */
    static byte[] head() {
        return HeaderLayout.encode(Samples.rgb16x16(2));
    }

    static byte[] with(int at, String hex) {
        byte[] h = head();
        byte[] insert = HexFormat.of().parseHex(hex);
        byte[] out = new byte[h.length - 1 + insert.length];
        System.arraycopy(h, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(h, at + 1, out, at + insert.length, h.length - at - 1);
        return out;
    }

    static byte[] file(byte[] headPayload) {
        return Forge.file().chunk("HEAD", headPayload).code(0, 0, new byte[] {1, 2, 3}).iend().bytes();
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("width in two bytes where one does", with(5, "9000"),
                        "width is not in its shortest form", P + 5),
                Arguments.of("height in four bytes", with(6, "80808001"), "height takes more than 3 bytes", P + 6),
                Arguments.of("width 65536", with(5, "808004"), "width 65536 exceeds limit 65535", P + 5),
                Arguments.of("width 0", with(5, "00"), "width 0 is below minimum 1", P + 5),
                Arguments.of("17 stages", with(7, "11"), "stage count 17 exceeds limit 16", P + 7),
                Arguments.of("latent rows above height", with(8, "11"), "latent rows 17 exceeds height 16", P + 8),
                Arguments.of("tile wider than the image", with(10, "11"), "tile width 17 exceeds width 16", P + 10),
                Arguments.of("bit depth 12", with(3, "0c"), "bit depth 12 is not 8 or 16", P + 3),
                Arguments.of("quality 0", with(4, "00"), "quality 0 is below minimum 1", P + 4),
                Arguments.of("colour model 3", with(2, "03"), "unknown colour model code 3", P + 2),
                Arguments.of("model id with a space", with(21, "20"), "illegal character U+0020", P + 21),
                Arguments.of("cut inside the hash", Arrays.copyOf(head(), 15),
                        "HEAD payload of 15 bytes ends in the weights SHA-256", 8),
                Arguments.of("a byte more than 2.0 defines", Arrays.copyOf(head(), head().length + 1),
                        "HEAD payload of 39 bytes: version 2.0 defines exactly 38", 8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusedAndBlamedOnTheField(String name, byte[] headPayload, String fragment, long offset) {
        for (boolean stream : new boolean[] {false, true}) {
            byte[] bytes = file(headPayload);
            MalformedContainerException e = assertThrows(MalformedContainerException.class, () -> {
                if (stream) {
                    VqiContainerReader.read(new ByteArrayInputStream(bytes));
                } else {
                    VqiContainerReader.read(bytes);
                }
            });
            assertTrue(e.getMessage().contains(fragment), () -> "message '" + e.getMessage() + "' lacks '"
                    + fragment + "'");
            assertEquals(offset, e.offset(), () -> "offset of: " + e.getMessage());
        }
    }

    @Test
    void theWorkedExamplesHeadIsWhatTheWriterMakes() {
        assertArrayEquals(HexFormat.of().parseHex("0200020803101001020210" + "10e3b0c44298fc1c14" + "11"
                + HexFormat.of().formatHex("dummy-f8-k1024-v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII))),
                head());
    }
}

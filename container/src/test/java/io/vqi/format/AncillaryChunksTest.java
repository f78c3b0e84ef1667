package io.vqi.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@code alph} and {@code iccp} chunks: round trips through a whole file, exact offsets, hostile payloads. */
class AncillaryChunksTest {
    private static final VqiContainer BASE = Samples.minimalRgb(); // 16 x 16
    private static final int PIXELS = 16 * 16;

    /** BASE with {@code extra} before its CODE chunk, written and read back as a file. */
    private static VqiContainer withChunks(Chunk... extra) throws MalformedContainerException {
        List<Chunk> chunks = new ArrayList<>(List.of(extra));
        chunks.addAll(BASE.chunks());
        return VqiContainerReader.read(VqiContainerWriter.toBytes(new VqiContainer(BASE.header(), chunks)));
    }

    static byte[] alphaPlane(long seed) {
        byte[] plane = new byte[PIXELS];
        Random random = new Random(seed);
        for (int i = 0; i < plane.length; i++) {
            int x = i % 16;
            plane[i] = (byte) (x < 5 ? 0 : x < 11 ? 255 : random.nextInt(256)); // flat, opaque and noisy columns
        }
        return plane;
    }

    @Test
    void alphaPlaneRoundTripsExactly() throws MalformedContainerException {
        for (long seed = 0; seed < 5; seed++) {
            byte[] plane = alphaPlane(seed);
            Optional<byte[]> read = AlphaChunk.read(withChunks(AlphaChunk.encode(plane, 16, 16)));
            assertArrayEquals(plane, read.orElseThrow());
        }
    }

    @Test
    void flatAlphaCostsAFewBytes() {
        byte[] opaque = new byte[PIXELS];
        Arrays.fill(opaque, (byte) 255);
        assertTrue(AlphaChunk.encode(opaque, 16, 16).length() < 20);
    }

    @Test
    void iccProfileRoundTripsExactly() throws MalformedContainerException {
        byte[] profile = ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();
        VqiContainer container = withChunks(IccChunk.encode(profile), AlphaChunk.encode(alphaPlane(1), 16, 16));
        assertArrayEquals(profile, IccChunk.read(container).orElseThrow());
        assertArrayEquals(alphaPlane(1), AlphaChunk.read(container).orElseThrow());
    }

    @Test
    void aFileWithoutTheChunksHasNeither() throws MalformedContainerException {
        assertEquals(Optional.empty(), AlphaChunk.read(BASE));
        assertEquals(Optional.empty(), IccChunk.read(BASE));
    }

    @Test
    void encodeRefusesWrongSizesAndNonProfiles() {
        assertThrows(IllegalArgumentException.class, () -> AlphaChunk.encode(new byte[10], 4, 3));
        assertThrows(IllegalArgumentException.class, () -> IccChunk.encode(new byte[200]));
    }

    @Test
    void errorOffsetsPointIntoTheChunkInTheFile() {
        Chunk bad = new Chunk(ChunkType.ALPH, new byte[] {5});
        byte[] file = VqiContainerWriter.toBytes(new VqiContainer(BASE.header(),
                Stream.concat(Stream.of(bad), BASE.chunks().stream()).toList()));
        MalformedContainerException e = assertThrows(MalformedContainerException.class,
                () -> AlphaChunk.read(VqiContainerReader.read(file)));
        int payload = (int) e.offset();
        assertEquals("alph", new String(file, payload - 8, 4, StandardCharsets.US_ASCII));
        assertEquals(5, file[payload]);
        assertTrue(e.getMessage().contains("unknown 'alph' method 5"), e.getMessage());
    }

    static Stream<Arguments> malformedAlpha() {
        byte[] plane = alphaPlane(3);
        byte[] good = AlphaChunk.encode(plane, 16, 16).payload();
        return Stream.of(
                Arguments.of("empty payload", payload(new byte[0]), "empty 'alph' chunk"),
                Arguments.of("unknown method", payload(concat(new byte[] {1}, Arrays.copyOfRange(good, 1,
                        good.length))), "unknown 'alph' method 1"),
                Arguments.of("truncated stream", payload(Arrays.copyOf(good, good.length - 3)),
                        "truncated zlib stream"),
                Arguments.of("trailing bytes", payload(concat(good, new byte[] {0, 0})), "2 bytes after the zlib"),
                Arguments.of("not zlib", payload(new byte[] {0, 1, 2, 3, 4, 5}), "bad zlib data"),
                Arguments.of("too short", payload(zlib(new byte[PIXELS - 1])), "inflates to 255 bytes"),
                Arguments.of("too long", payload(zlib(new byte[PIXELS + 1])), "inflates to more than 256"),
                Arguments.of("a deflate bomb", payload(zlib(new byte[1 << 24])), "inflates to more than 256"),
                Arguments.of("two chunks", new Chunk[] {new Chunk(ChunkType.ALPH, good),
                        new Chunk(ChunkType.ALPH, good)}, "second 'alph' chunk"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedAlpha")
    void malformedAlphaIsRefusedWithItsReason(String name, Chunk[] chunks, String reason) throws Exception {
        VqiContainer container = withChunks(chunks);
        MalformedContainerException e = assertThrows(MalformedContainerException.class,
                () -> AlphaChunk.read(container));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertTrue(e.offset() > 20, "offset inside the chunk, not 0: " + e.offset());
    }

    static Stream<Arguments> malformedIcc() {
        byte[] profile = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
        byte[] wrongSize = profile.clone();
        wrongSize[3]++;
        byte[] noSignature = profile.clone();
        noSignature[36] = 'x';
        return Stream.of(
                Arguments.of("short profile", zlib(new byte[100]), "ICC profile of 100 bytes"),
                Arguments.of("size field", zlib(wrongSize), "header declares"),
                Arguments.of("signature", zlib(noSignature), "no 'acsp' signature"),
                Arguments.of("bomb", zlib(new byte[IccChunk.MAX_PROFILE_LENGTH + 1]), "inflates to more than"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedIcc")
    void malformedIccIsRefusedWithItsReason(String name, byte[] payload, String reason) throws Exception {
        VqiContainer container = withChunks(new Chunk(ChunkType.ICCP, payload));
        MalformedContainerException e = assertThrows(MalformedContainerException.class,
                () -> IccChunk.read(container));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    private static Chunk[] payload(byte[] bytes) {
        return new Chunk[] {new Chunk(ChunkType.ALPH, bytes)};
    }

    /** Method byte 0 then {@code data} as a zlib stream, made here without the code under test. */
    private static byte[] zlib(byte[] data) {
        Deflater deflater = new Deflater(9);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

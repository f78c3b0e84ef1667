package io.vqi.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The records validate on construction and are immutable; API misuse is an IllegalArgumentException. */
class ValueTypesTest {
    @Test
    void chunkTypeCriticalityIsTheCaseOfTheFirstLetter() {
        assertTrue(ChunkType.HEAD.isCritical());
        assertTrue(ChunkType.CODE.isCritical());
        assertTrue(ChunkType.IEND.isCritical());
        assertTrue(ChunkType.of("Xtra").isCritical());
        assertTrue(ChunkType.ICCP.isAncillary());
        assertTrue(ChunkType.ALPH.isAncillary());
        assertTrue(ChunkType.META.isAncillary());
        assertTrue(ChunkType.of("xTRA").isAncillary());
    }

    @Test
    void chunkTypeIsFourAsciiLetters() {
        for (String bad : new String[] {"", "abc", "abcde", "ab1d", "ab d", "abç", "END "}) {
            assertThrows(IllegalArgumentException.class, () -> ChunkType.of(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> ChunkType.of(null));
    }

    @Test
    void chunkPayloadIsCopiedInAndOut() {
        byte[] payload = {1, 2, 3};
        Chunk chunk = Chunk.of("xtra", payload);
        payload[0] = 9;
        chunk.payload()[1] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, chunk.payload());
        assertEquals(Chunk.of("xtra", new byte[] {1, 2, 3}), chunk);
        assertEquals(Chunk.of("xtra", new byte[] {1, 2, 3}).hashCode(), chunk.hashCode());
        assertTrue(chunk.payloadBuffer().isReadOnly());
    }

    @Test
    void chunkPayloadLimit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Chunk.of("xtra", new byte[VqiFormat.MAX_CHUNK_LENGTH + 1]));
        assertTrue(e.getMessage().contains("exceeds limit 67108864"), e::getMessage);
    }

    @Test
    void codeChunkRoundTripsThroughItsChunk() {
        CodeChunk code = new CodeChunk(15, 4095, new byte[] {5, 6});
        assertArrayEquals(new byte[] {0, 15, 0x0F, (byte) 0xFF, 5, 6}, code.toChunk().payload());
        assertEquals(code, CodeChunk.from(code.toChunk()));
        assertThrows(IllegalArgumentException.class, () -> new CodeChunk(16, 0, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new CodeChunk(0, 4096, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new CodeChunk(-1, 0, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> CodeChunk.from(Chunk.of("xtra", new byte[4])));
    }

    @Test
    void modelRef() {
        ModelRef ref = Samples.DUMMY_MODEL;
        assertEquals(Forge.EMPTY_SHA256, ref.weightsSha256Hex());
        assertTrue(ref.matchesWeights(java.util.HexFormat.of().parseHex(Forge.EMPTY_SHA256)));
        assertFalse(ref.matchesWeights(new byte[32]));
        ref.weightsSha256()[0] = 0;
        assertEquals(Forge.EMPTY_SHA256, ref.weightsSha256Hex());
        assertThrows(IllegalArgumentException.class, () -> new ModelRef("ok", new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> new ModelRef("", new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> new ModelRef("a/b", new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> new ModelRef("a".repeat(65), new byte[32]));
        assertEquals(new ModelRef("A-z_0.9", new byte[32]), new ModelRef("A-z_0.9", new byte[32]));
    }

    @Test
    void pixelCapIsOverflowSafeAndInclusive() {
        assertEquals(1L << 28, header(16384, 16384).pixelCount());
        assertEquals(65535L * 4096, header(65535, 4096).pixelCount());
        for (int[] size : new int[][] {{16385, 16384}, {65535, 65535}, {65535, 4097}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> header(size[0], size[1]));
            assertTrue(e.getMessage().contains("pixels exceeds limit 268435456"), e::getMessage);
        }
        assertThrows(IllegalArgumentException.class, () -> header(Integer.MAX_VALUE, Integer.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> header(Integer.MIN_VALUE, 1));
    }

    @Test
    void builderDefaultsToOneStageOneTileEightBits() {
        VqiHeader header = Samples.rgb16x16();
        assertEquals(8, header.bitDepth());
        assertEquals(1, header.stages());
        assertEquals(16, header.tileWidth());
        assertEquals(16, header.tileHeight());
        assertEquals(1, header.tileCount());
        assertEquals(3, header.channels());
        assertEquals(1, header.codeChunkCount());
    }

    @Test
    void tileGridRoundsUp() {
        VqiHeader header = Samples.tiled().header();
        assertEquals(2, header.tileColumns());
        assertEquals(2, header.tileRows());
        assertEquals(8, header.codeChunkCount());
    }

    @Test
    void headerValidationNamesTheField() {
        var b = VqiHeader.builder().size(16, 16).colorModel(ColorModel.GRAY).quality(1).model(Samples.DUMMY_MODEL)
                .latentGrid(2, 2);
        assertMessage("bit depth 12 is not 8 or 16", () -> b.bitDepth(12).build());
        b.bitDepth(8);
        assertMessage("stage count 17 exceeds limit 16", () -> b.stages(17).build());
        b.stages(1);
        assertMessage("latent cols 17 exceeds width 16", () -> b.latentGrid(2, 17).build());
        b.latentGrid(2, 2);
        assertMessage("tile height 17 exceeds height 16", () -> b.tileSize(16, 17).build());
        b.tileSize(0, 0);
        assertMessage("quality 256 exceeds limit 255", () -> b.quality(256).build());
        assertThrows(NullPointerException.class, () -> b.quality(1).colorModel(null).build());
    }

    @Test
    void containerEnforcesTheChunkRules() {
        VqiHeader header = Samples.rgb16x16();
        Chunk code = new CodeChunk(0, 0, new byte[1]).toChunk();
        assertMessage("missing CODE chunk for stage 0 tile 0", () -> new VqiContainer(header, List.of()));
        assertMessage("duplicate or out-of-order CODE", () -> new VqiContainer(header, List.of(code, code)));
        assertMessage("unknown critical chunk 'XTRA'",
                () -> new VqiContainer(header, List.of(code, Chunk.of("XTRA", new byte[0]))));
        assertMessage("duplicate HEAD chunk",
                () -> new VqiContainer(header, List.of(new Chunk(ChunkType.HEAD, new byte[0]), code)));
        assertMessage("IEND must be the last chunk",
                () -> new VqiContainer(header, List.of(code, new Chunk(ChunkType.IEND, new byte[0]))));
        assertMessage("is a critical chunk type",
                () -> new VqiContainer(header, List.of(code)).ancillary(ChunkType.CODE));
        assertThrows(IndexOutOfBoundsException.class, () -> new VqiContainer(header, List.of(code)).code(1, 0));
    }

    @Test
    void containerIsImmutable() {
        List<Chunk> chunks = new java.util.ArrayList<>(List.of(new CodeChunk(0, 0, new byte[1]).toChunk()));
        VqiContainer container = new VqiContainer(Samples.rgb16x16(), chunks);
        chunks.add(Chunk.of("xtra", new byte[0]));
        assertEquals(1, container.chunks().size());
        assertThrows(UnsupportedOperationException.class, () -> container.chunks().clear());
        assertNotEquals(container, Samples.minimalRgb());
    }

    @Test
    void signature() {
        assertTrue(VqiFormat.startsWithSignature(VqiContainerWriter.toBytes(Samples.minimalRgb())));
        assertFalse(VqiFormat.startsWithSignature(new byte[] {(byte) 0x89, 'V', 'Q', 'I'}));
        assertArrayEquals(Forge.SIGNATURE, VqiFormat.signature());
    }

    @Test
    void colorModelCodesAreStable() {
        assertEquals(1, ColorModel.GRAY.code());
        assertEquals(2, ColorModel.RGB.code());
        assertEquals(ColorModel.RGB, ColorModel.fromCode(2).orElseThrow());
        assertTrue(ColorModel.fromCode(0).isEmpty());
    }

    private static VqiHeader header(int width, int height) {
        return VqiHeader.builder().size(width, height).colorModel(ColorModel.RGB).quality(1)
                .model(Samples.DUMMY_MODEL).latentGrid(1, 1).tileSize(Math.max(1, width / 32), Math.max(1, height / 32))
                .build();
    }

    private static void assertMessage(String fragment, org.junit.jupiter.api.function.Executable executable) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, executable);
        assertTrue(e.getMessage().contains(fragment), () -> "'" + e.getMessage() + "' lacks '" + fragment + "'");
    }
}

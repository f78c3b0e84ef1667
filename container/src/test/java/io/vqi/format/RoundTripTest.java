package io.vqi.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Write then read gives the same container, through both entry points; and the reader's tolerance rules hold. */
class RoundTripTest {
    static Stream<VqiContainer> containers() {
        VqiHeader large = VqiHeader.builder().size(16384, 16384).colorModel(ColorModel.RGB).quality(255)
                .model(new ModelRef("a".repeat(64), new byte[32])).latentGrid(2048, 2048).stages(16)
                .tileSize(256, 256).build();
        List<CodeChunk> codes = new java.util.ArrayList<>();
        for (int stage = 0; stage < large.stages(); stage++) {
            for (int tile = 0; tile < large.tileCount(); tile++) {
                codes.add(new CodeChunk(stage, tile, new byte[0]));
            }
        }
        return Stream.concat(Samples.golden().values().stream(), Stream.of(VqiContainer.ofCodes(large, codes)));
    }

    @ParameterizedTest
    @MethodSource("containers")
    void writeThenRead(VqiContainer container) throws IOException {
        byte[] bytes = VqiContainerWriter.toBytes(container);
        assertEquals(container, VqiContainerReader.read(bytes));
        assertEquals(container, VqiContainerReader.read(new ByteArrayInputStream(bytes)));
        assertArrayEquals(bytes, VqiContainerWriter.toBytes(VqiContainerReader.read(bytes)));
    }

    @Test
    void writerMatchesAnIndependentEncodingOfTheSpec() {
        byte[] forged = Forge.file().head(new Forge.Head()).code(0, 0, Samples.pattern(5, 1)).iend().bytes();
        assertArrayEquals(forged, VqiContainerWriter.toBytes(Samples.minimalRgb()));
    }

    @Test
    void readHeaderStopsRightAfterTheHeadChunk() throws IOException {
        byte[] file = VqiContainerWriter.toBytes(Samples.tiled());
        ByteArrayInputStream in = new ByteArrayInputStream(file);
        VqiHeader header = VqiContainerReader.readHeader(in);
        assertEquals(Samples.tiled().header(), header);
        assertEquals(file.length - CorruptionTest.headerRegion(file), in.available());
    }

    @Test
    void newerMinorVersionIsReadAndItsExtraFieldsIgnored() throws IOException {
        Forge.Head head = new Forge.Head();
        head.minor = 7;
        head.extra = "future fields".getBytes(StandardCharsets.US_ASCII);
        byte[] file = Forge.file().head(head).code(0, 0, Samples.pattern(5, 1)).iend().bytes();
        assertEquals(Samples.minimalRgb(), VqiContainerReader.read(file));
        head.extra = new byte[0];
        byte[] noExtra = Forge.file().head(head).code(0, 0, Samples.pattern(5, 1)).iend().bytes();
        assertEquals(Samples.minimalRgb(), VqiContainerReader.read(noExtra));
    }

    @Test
    void unknownAncillaryChunksAreSkippedButKeptInOrder() throws IOException {
        VqiContainer read = VqiContainerReader.read(VqiContainerWriter.toBytes(Samples.unknownAncillary()));
        assertEquals(List.of("xtra", "CODE", "zero"), read.chunks().stream().map(c -> c.type().name()).toList());
        assertEquals(Samples.minimalRgb().codeChunks(), read.codeChunks());
        assertEquals("kept, not understood",
                new String(read.ancillary(ChunkType.of("xtra")).get(0).payload(), StandardCharsets.US_ASCII));
        assertTrue(read.ancillary(ChunkType.ICCP).isEmpty());
    }

    @Test
    void reservedAncillaryChunksAreOpaqueInV10() throws IOException {
        byte[] file = Forge.file().head(new Forge.Head()).chunk("iccp", new byte[] {9}).code(0, 0, new byte[1])
                .chunk("meta", new byte[] {1, 2}).chunk("alph", new byte[0]).chunk("meta", new byte[0]).iend()
                .bytes();
        VqiContainer read = VqiContainerReader.read(file);
        assertEquals(2, read.ancillary(ChunkType.META).size());
        assertEquals(1, read.ancillary(ChunkType.ALPH).size());
        assertArrayEquals(file, VqiContainerWriter.toBytes(read));
    }

    @Test
    void codeChunksAreStageMajor() {
        VqiContainer tiled = Samples.tiled();
        List<CodeChunk> codes = tiled.codeChunks();
        assertEquals(8, codes.size());
        for (int i = 0; i < codes.size(); i++) {
            assertEquals(i / 4, codes.get(i).stage());
            assertEquals(i % 4, codes.get(i).tile());
        }
        assertEquals(codes.get(6), tiled.code(1, 2));
    }
}

package io.vqi.codec;

import io.vqi.core.CorruptStreamException;
import io.vqi.correction.ColourPlane;
import io.vqi.correction.EdgeCorrection;
import io.vqi.correction.EdgeStrip;
import io.vqi.correction.EdgeStripCoder;
import io.vqi.format.Chunk;
import io.vqi.format.ChunkType;
import io.vqi.format.EdgeChunk;
import io.vqi.format.MalformedContainerException;
import io.vqi.format.VqiContainer;
import io.vqi.format.VqiContainerReader;
import io.vqi.format.VqiContainerWriter;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code edge} chunk (SPEC.md §5.2.8) through the codec with the random tiny model: applied after the colour
 * plane on whole and region decodes, version 1.3, dropped by transcoding, and the refusals of a malformed chunk.
 */
class EdgeStripTest {

    static final int W = 48;
    static final int H = 40;

    /** A strip of depth 3, nodes every 8 pixels, step 2, with values of a few steps either way. */
    static EdgeStrip strip() {
        SplittableRandom rnd = new SplittableRandom(11);
        int across = ColourPlane.cells(W, 3);
        int down = ColourPlane.cells(H, 3);
        int[] v = new int[3 * 3 * 2 * (across + down)];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextInt(-4, 5);
        }
        return new EdgeStrip(3, 3, 2, across, down, v);
    }

    /** The tiny model's ramp (with its colour plane) plus {@code edge} as its last chunk. */
    static VqiContainer withEdge(VqiContainer c, Chunk edge) {
        List<Chunk> chunks = new ArrayList<>(c.chunks());
        chunks.add(edge);
        return new VqiContainer(c.header(), chunks);
    }

    static Chunk edgeChunk(int quality, EdgeStrip s) {
        return new EdgeChunk(quality, s.depth(), s.log2Spacing(), s.step(), EdgeStripCoder.encode(s)).toChunk();
    }

    @Test
    void theDecoderAddsTheStripAfterThePlaneAndTheFileIsVersion13() throws IOException {
        VqiContainer plain = CorrectionTest.encode(CorrectionTest.ramp(W, H), 1, true);
        assertTrue(plain.ancillary(ChunkType.EDGE).isEmpty() || plain.ancillary(ChunkType.EDGE).size() == 1);
        plain = new VqiContainer(plain.header(), plain.chunks().stream()
                .filter(c -> !c.type().equals(ChunkType.EDGE)).toList());
        byte[] before = VqiContainerWriter.toBytes(plain);
        byte[] before1 = VqiContainerWriter.toBytes(Format1.of(plain, VqiCodecTest.MODEL, CorrectionTest.LAYER));
        assertTrue(before1[17] <= 2, "in format 1, a file without an edge chunk keeps its version");
        VqiContainer with = withEdge(plain, edgeChunk(1, strip()));
        byte[] file = VqiContainerWriter.toBytes(with);
        assertEquals(0, file[17], "version 2.0 with an edge chunk too");
        byte[] file1 = VqiContainerWriter.toBytes(Format1.of(with, VqiCodecTest.MODEL, CorrectionTest.LAYER));
        assertEquals(3, file1[17], "in format 1, version minor 3 for a file with an edge chunk");
        int[] expected = CorrectionTest.decode(plain).rgb();
        EdgeCorrection.apply(strip(), expected, W, H);
        assertArrayEquals(expected, CorrectionTest.decode(VqiContainerReader.read(file)).rgb());
    }

    @Test
    void regionsOfAFileWithAnEdgeStrip() throws IOException {
        VqiContainer c = CorrectionTest.encode(CorrectionTest.ramp(160, 120), 1, true);
        List<Chunk> chunks = new ArrayList<>();
        c.chunks().stream().filter(x -> !x.type().equals(ChunkType.EDGE)).forEach(chunks::add);
        int across = ColourPlane.cells(160, 4);
        int down = ColourPlane.cells(120, 4);
        int[] v = new int[3 * 5 * 2 * (across + down)];
        Arrays.fill(v, 3);
        chunks.add(edgeChunk(1, new EdgeStrip(5, 4, 3, across, down, v)));
        RegionDecodeTest.assertRegionsMatch(new VqiContainer(c.header(), chunks), List.of(CorrectionTest.LAYER),
                Tiling.DEFAULT);
    }

    @Test
    void transcodingDropsTheStrip() throws IOException {
        VqiContainer at3 = CorrectionTest.encode(CorrectionTest.ramp(W, H), 3, false);
        VqiContainer with = withEdge(at3, edgeChunk(at3.header().quality(), strip()));
        if (at3.header().quality() > 1) {
            VqiContainer lowered = VqiTranscoder.lower(with, 1, ModelRegistry.of(List.of(VqiCodecTest.MODEL),
                    List.of(CorrectionTest.LAYER), true));
            assertTrue(lowered.ancillary(ChunkType.EDGE).isEmpty());
        }
    }

    /** The malformed-input table of the chunk: each row breaks one rule of §5.2.8. */
    @Test
    void malformedStripsAreRefused() throws IOException {
        VqiContainer c = CorrectionTest.encode(CorrectionTest.ramp(W, H), 1, false);
        Chunk good = edgeChunk(1, strip());
        byte[] data = EdgeStripCoder.encode(strip());
        record Row(String name, List<Chunk> edges, Class<? extends Exception> refusal) {
        }
        List<Row> rows = List.of(
                new Row("two edge chunks", List.of(good, good), MalformedContainerException.class),
                new Row("another quality", List.of(new EdgeChunk(2, 3, 3, 2, data).toChunk()),
                        MalformedContainerException.class),
                new Row("depth 0", List.of(raw(1, 0, 3, 2, data)), MalformedContainerException.class),
                new Row("depth 9", List.of(raw(1, 9, 3, 2, data)), MalformedContainerException.class),
                new Row("spacing 2^2", List.of(raw(1, 3, 2, 2, data)), MalformedContainerException.class),
                new Row("spacing 2^7", List.of(raw(1, 3, 7, 2, data)), MalformedContainerException.class),
                new Row("step 0", List.of(raw(1, 3, 3, 0, data)), MalformedContainerException.class),
                new Row("quality 0", List.of(raw(0, 3, 3, 2, data)), MalformedContainerException.class),
                new Row("payload of 3 bytes", List.of(new Chunk(ChunkType.EDGE, new byte[] {1, 3, 3})),
                        MalformedContainerException.class),
                new Row("data cut to a third", List.of(raw(1, 3, 3, 2, Arrays.copyOf(data, data.length / 3))),
                        CorruptStreamException.class),
                new Row("garbage data", List.of(raw(1, 8, 3, 1, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff,
                        (byte) 0xff, 0x13, 0x37})), CorruptStreamException.class));
        for (Row row : rows) {
            List<Chunk> chunks = new ArrayList<>(c.chunks());
            chunks.addAll(row.edges());
            VqiContainer bad = new VqiContainer(c.header(), chunks);
            Exception e = assertThrows(row.refusal(), () -> CorrectionTest.decode(bad), row.name());
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), row.name());
            // the same file as bytes, read back: the same refusal
            Exception again = assertThrows(row.refusal(), () -> CorrectionTest.decode(VqiContainerReader.read(
                    VqiContainerWriter.toBytes(bad))), row.name());
            assertEquals(e.getMessage(), again.getMessage(), row.name());
        }
        // a refused chunk is blamed at its payload's file offset
        List<Chunk> twice = new ArrayList<>(c.chunks());
        twice.add(raw(1, 0, 3, 2, data));
        VqiContainer bad = new VqiContainer(c.header(), twice);
        byte[] file = VqiContainerWriter.toBytes(bad);
        MalformedContainerException e = assertThrows(MalformedContainerException.class,
                () -> CorrectionTest.decode(VqiContainerReader.read(file)));
        int payload = file.length - 12 - (12 + 4 + data.length) + 8;
        assertEquals(payload, e.offset(), e.getMessage());
    }

    /** An {@code edge} chunk with any field values, unchecked. */
    private static Chunk raw(int quality, int depth, int log2Spacing, int step, byte[] data) {
        byte[] p = new byte[4 + data.length];
        p[0] = (byte) quality;
        p[1] = (byte) depth;
        p[2] = (byte) log2Spacing;
        p[3] = (byte) step;
        System.arraycopy(data, 0, p, 4, data.length);
        return new Chunk(ChunkType.EDGE, p);
    }
}

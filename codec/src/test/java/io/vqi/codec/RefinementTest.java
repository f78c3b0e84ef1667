package io.vqi.codec;

import io.vqi.format.Chunk;
import io.vqi.format.ChunkType;
import io.vqi.image.ImagePlanes;
import io.vqi.format.MalformedContainerException;
import io.vqi.format.RefinementChunk;
import io.vqi.format.VqiContainer;
import io.vqi.format.VqiContainerReader;
import io.vqi.format.VqiContainerWriter;
import io.vqi.core.CorruptStreamException;
import io.vqi.model.ModelBundle;
import io.vqi.model.RefineBundle;
import io.vqi.model.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Quality levels above 1 with a random tiny refinement layer: the rfin chunks, the version rule, scalability (a
 * file without its refinement is the base file byte for byte) and the refusals.
 */
class RefinementTest {

    static final ModelBundle MODEL = VqiCodecTest.MODEL;
    static final RefineBundle LAYER = TestModels.randomRefine(MODEL, 5);

    static ImagePlanes planes(int w, int h, long seed) {
        return ImagePlanes.of(VqiCodecTest.image(w, h, BufferedImage.TYPE_INT_RGB, seed));
    }

    static VqiContainer encode(ImagePlanes p, int quality) throws IOException {
        return VqiCodec.toContainer(p, MODEL, LAYER, quality, Tiling.DEFAULT, false);
    }

    static ImagePlanes decode(VqiContainer c) throws IOException {
        return VqiCodec.decompressPlanes(c, ModelRegistry.of(List.of(MODEL), List.of(LAYER), true));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void everyQualityRoundTrips(int quality) throws IOException {
        ImagePlanes p = planes(37, 29, quality);
        byte[] file = VqiContainerWriter.toBytes(encode(p, quality));
        VqiContainer back = VqiContainerReader.read(file);
        assertEquals(quality, back.header().quality());
        assertEquals(2, file[16], "format 2");
        assertEquals(0, file[17], "version 2.0 at every quality");
        byte[] v1 = VqiContainerWriter.toBytes(Format1.of(back, MODEL, LAYER));
        assertEquals(quality == 1 ? 0 : 1, v1[17], "in format 1, version minor 1.1 only when refinement is present");
        // 37 x 29: every size one varint byte, HEAD 44 bytes shorter (65 + n -> 21 + n); rfin 24 (32 -> 8 hash bytes)
        assertEquals(quality == 1 ? 44 : 68, v1.length - file.length, "bytes format 2 saves");
        assertArrayEquals(decode(back).rgb(), decode(VqiContainerReader.read(v1)).rgb(),
                "format 1 and 2 hold the same picture");
        assertEquals(quality == 1 ? 0 : 1, back.ancillary(ChunkType.RFIN).size());
        ImagePlanes decoded = decode(back);
        assertEquals(37, decoded.width());
        assertEquals(29, decoded.height());
        assertArrayEquals(decode(back).rgb(), decoded.rgb(), "decoding is deterministic");
    }

    @Test
    void qualityOneIsWhatTheBaseModelAloneWrites() throws IOException {
        ImagePlanes p = planes(40, 24, 3);
        // with its colour plane too: quality 1's trade-off does not depend on the layer
        assertArrayEquals(VqiCodec.compress(p, MODEL), VqiContainerWriter.toBytes(
                VqiCodec.toContainer(p, MODEL, LAYER, 1, Tiling.DEFAULT, true)));
    }

    @Test
    void higherQualitySpendsMoreBytes() throws IOException {
        ImagePlanes p = planes(64, 64, 4);
        int q2 = VqiContainerWriter.toBytes(encode(p, 2)).length;
        int q3 = VqiContainerWriter.toBytes(encode(p, 3)).length;
        assertTrue(q3 > q2, () -> q3 + " bytes at quality 3, " + q2 + " at 2");
    }

    /** Scalability: lowering to 1 drops the rfin chunks and gives exactly the direct encode at quality 1. */
    @Test
    void transcodingToOneIsTheBaseFileByteForByte() throws IOException {
        ImagePlanes p = planes(48, 40, 5);
        VqiContainer lowered = VqiTranscoder.lower(encode(p, 3), 1, ModelRegistry.of(List.of(MODEL), List.of(LAYER), true));
        assertArrayEquals(VqiContainerWriter.toBytes(encode(p, 1)), VqiContainerWriter.toBytes(lowered));
    }

    @Test
    void transcodingBetweenRefinementLevelsRequantises() throws IOException {
        ImagePlanes p = planes(48, 40, 6);
        VqiContainer lowered = VqiTranscoder.lower(encode(p, 3), 2, ModelRegistry.of(List.of(MODEL), List.of(LAYER), true));
        assertEquals(2, lowered.header().quality());
        assertEquals(1, RefinementChunk.read(lowered).get(0).level());
        assertEquals(48, decode(lowered).width());
        assertThrows(IllegalArgumentException.class,
                () -> VqiTranscoder.lower(encode(p, 2), 3, ModelRegistry.of(List.of(MODEL), List.of(LAYER), true)));
    }

    /** A rewrite keeps the file's format: a format 1 file lowered is the format 1 file of the lower quality. */
    @Test
    void transcodingAFormat1FileKeepsFormat1() throws IOException {
        ImagePlanes p = planes(48, 40, 6);
        ModelRegistry models = ModelRegistry.of(List.of(MODEL), List.of(LAYER), true);
        VqiContainer v1 = Format1.of(encode(p, 3), MODEL, LAYER);
        VqiContainer base = VqiTranscoder.lower(v1, 1, models);
        assertArrayEquals(VqiContainerWriter.toBytes(Format1.of(encode(p, 1), MODEL, LAYER)),
                VqiContainerWriter.toBytes(base));
        byte[] two = VqiContainerWriter.toBytes(VqiTranscoder.lower(v1, 2, models));
        assertEquals(1, two[16], "still format 1");
        assertEquals(1, two[17], "1.1: it has rfin chunks");
        VqiContainer read = VqiContainerReader.read(two);
        assertEquals(32, RefinementChunk.read(read).get(0).layerSha256().length);
        assertArrayEquals(decode(VqiTranscoder.lower(encode(p, 3), 2, models)).rgb(), decode(read).rgb(),
                "the same picture as the format 2 file lowered");
    }

    @Test
    void tiledImagesCarryOneRfinChunkPerTile() throws IOException {
        ImagePlanes p = planes(40, 24, 7);
        VqiContainer c = VqiCodec.toContainer(p, MODEL, LAYER, 3, new Tiling(100, 16, 2), false);
        assertEquals(c.header().tileCount(), RefinementChunk.read(c).size());
        ImagePlanes d = VqiCodec.decompressPlanes(c, ModelRegistry.of(List.of(MODEL), List.of(LAYER), true), new Tiling(100, 16, 2));
        assertEquals(40, d.width());
        VqiContainer lowered = VqiTranscoder.lower(c, 1, ModelRegistry.of(List.of(MODEL), List.of(LAYER), true));
        assertArrayEquals(VqiContainerWriter.toBytes(VqiCodec.toContainer(p, MODEL, LAYER, 1,
                new Tiling(100, 16, 2))), VqiContainerWriter.toBytes(lowered));
    }

    @Test
    void aFileWhoseLayerIsMissingIsRefusedInOneLineThatNamesIt() throws IOException {
        VqiContainer c = encode(planes(16, 16, 8), 2);
        UnsupportedModelException e = assertThrows(UnsupportedModelException.class,
                () -> VqiCodec.decompressPlanes(c, ModelRegistry.of(List.of(MODEL), List.of(), true)));
        assertTrue(e.getMessage().contains(LAYER.layerId()) && !e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void rfinThatDisagreesWithTheHeaderIsMalformed() throws IOException {
        VqiContainer c = encode(planes(16, 16, 9), 3);
        VqiContainer wrongQuality = new VqiContainer(c.header().withQuality(2), c.chunks());
        assertThrows(MalformedContainerException.class, () -> decode(wrongQuality));
        List<Chunk> doubled = new ArrayList<>(c.chunks());
        doubled.add(c.ancillary(ChunkType.RFIN).get(0));
        assertThrows(MalformedContainerException.class, () -> decode(new VqiContainer(c.header(), doubled)));
    }

    /** Broken refinement payloads behind valid CRCs: the typed error or a complete image, nothing else. */
    @Test
    void brokenRefinementPayloadsFailCleanly() throws IOException {
        VqiContainer c = encode(planes(32, 32, 10), 3);
        RefinementChunk r = RefinementChunk.read(c).get(0);
        Random rnd = new Random(1);
        byte[] noise = new byte[r.data().length];
        rnd.nextBytes(noise);
        for (byte[] bad : List.of(new byte[0], noise, java.util.Arrays.copyOf(r.data(), r.data().length / 2))) {
            List<Chunk> chunks = new ArrayList<>();
            for (Chunk k : c.chunks()) {
                chunks.add(k.type().equals(ChunkType.RFIN)
                        ? new RefinementChunk(r.level(), r.channels(), 0, r.layerSha256(), bad).toChunk() : k);
            }
            try {
                assertEquals(32, decode(new VqiContainer(c.header(), chunks)).width());
            } catch (CorruptStreamException expected) {
                // typed: fine
            }
        }
    }

    /**
     * The refinement's entropy walk runs on its own thread while the base decoder works: a corrupt payload still
     * reaches the caller as the walk's own typed error (with its offset), not wrapped and not as a stack trace.
     */
    @Test
    void aCorruptRefinementFoundWhileTheBaseDecodesIsStillTheTypedError() throws IOException {
        VqiContainer c = encode(planes(32, 32, 10), 3);
        RefinementChunk r = RefinementChunk.read(c).get(0);
        List<Chunk> chunks = new ArrayList<>();
        for (Chunk k : c.chunks()) {
            chunks.add(k.type().equals(ChunkType.RFIN)
                    ? new RefinementChunk(r.level(), r.channels(), 0, r.layerSha256(), new byte[0]).toChunk() : k);
        }
        assertThrows(CorruptStreamException.class, () -> decode(new VqiContainer(c.header(), chunks)));
    }
}

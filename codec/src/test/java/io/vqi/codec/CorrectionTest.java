package io.vqi.codec;

import io.vqi.format.Chunk;
import io.vqi.format.ChunkType;
import io.vqi.format.CorrectionChunk;
import io.vqi.image.ImagePlanes;
import io.vqi.format.MalformedContainerException;
import io.vqi.format.RefinementChunk;
import io.vqi.format.VqiContainer;
import io.vqi.format.VqiContainerReader;
import io.vqi.format.VqiContainerWriter;
import io.vqi.metrics.Psnr;
import io.vqi.core.CorruptStreamException;
import io.vqi.model.RefineBundle;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code corr} chunk (SPEC.md §5.2.7) with a random tiny model, whose pictures are poor enough that a colour
 * plane always pays: written when it pays, applied on decode, version 1.2, dropped by transcoding, and the refusals.
 */
class CorrectionTest {

    static final RefineBundle LAYER = RefinementTest.LAYER;

    /** A smooth ramp: the content the plane is for. */
    static ImagePlanes ramp(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, ((40 + 3 * x) << 16) | ((200 - 2 * y) << 8) | (90 + x + y));
            }
        }
        return ImagePlanes.of(img);
    }

    static VqiContainer encode(ImagePlanes p, int quality, boolean plane) throws IOException {
        return VqiCodec.toContainer(p, VqiCodecTest.MODEL, LAYER, quality, Tiling.DEFAULT, plane);
    }

    static ImagePlanes decode(VqiContainer c) throws IOException {
        return VqiCodec.decompressPlanes(c, ModelRegistry.of(List.of(VqiCodecTest.MODEL), List.of(LAYER), true));
    }

    static double psnr(ImagePlanes a, ImagePlanes b) {
        return io.vqi.metrics.Psnr.ofRgb(a.rgb(), b.rgb());
    }

    @Test
    void aPlaneIsWrittenWhenItPaysAndTheDecoderAppliesIt() throws IOException {
        ImagePlanes p = ramp(48, 40);
        VqiContainer without = encode(p, 1, false);
        VqiContainer with = encode(p, 1, true);
        assertEquals(1, with.ancillary(ChunkType.CORR).size());
        byte[] file = VqiContainerWriter.toBytes(with);
        assertEquals(2, file[16], "format 2");
        assertEquals(0, file[17], "version 2.0, whatever the chunks");
        byte[] v1 = VqiContainerWriter.toBytes(Format1.of(with, VqiCodecTest.MODEL, LAYER));
        assertEquals(2, v1[17], "in format 1, version minor 2 for a file with a corr chunk");
        assertArrayEquals(decode(VqiContainerReader.read(file)).rgb(), decode(VqiContainerReader.read(v1)).rgb(),
                "format 1 and 2 hold the same picture");
        ImagePlanes back = decode(VqiContainerReader.read(file));
        double plain = psnr(p, decode(without));
        assertTrue(psnr(p, back) > plain + 3, () -> psnr(p, back) + " dB with the plane, " + plain + " without");
        assertArrayEquals(back.rgb(), decode(VqiContainerReader.read(file)).rgb(), "deterministic");
    }

    @Test
    void transcodingDropsThePlaneItNoLongerFits() throws IOException {
        ImagePlanes p = ramp(48, 40);
        VqiContainer at3 = encode(p, 3, true);
        if (at3.header().quality() == 3) {
            VqiContainer lowered = VqiTranscoder.lower(at3, 2, ModelRegistry.of(List.of(VqiCodecTest.MODEL), List.of(LAYER), true));
            assertTrue(lowered.ancillary(ChunkType.CORR).isEmpty());
            decode(lowered);
        }
        VqiContainer at1 = VqiTranscoder.lower(encode(p, 3, false), 1, ModelRegistry.of(List.of(VqiCodecTest.MODEL), List.of(LAYER), true));
        assertTrue(at1.ancillary(ChunkType.CORR).isEmpty());
    }

    /** Above quality 1 the file is the cheaper of the refined picture and the base layer with a plane. */
    @Test
    void aboveQualityOneTheEncoderKeepsTheCheaperOfTheTwo() throws IOException {
        ImagePlanes p = ramp(48, 40);
        VqiContainer c = encode(p, 3, true);
        assertTrue(c.header().quality() == 3 || c.header().quality() == 1);
        assertEquals(c.header().quality() == 3 ? 1 : 0, RefinementChunk.read(c).isEmpty() ? 0 : 1);
        CorrectionChunk.read(c).ifPresent(corr -> assertEquals(c.header().quality(), corr.quality()));
    }

    @Test
    void malformedCorrectionsAreRefused() throws IOException {
        VqiContainer c = encode(ramp(48, 40), 1, true);
        Chunk corr = c.ancillary(ChunkType.CORR).get(0);
        CorrectionChunk parsed = CorrectionChunk.from(corr);

        List<Chunk> twice = new ArrayList<>(c.chunks());
        twice.add(corr);
        assertThrows(MalformedContainerException.class, () -> decode(new VqiContainer(c.header(), twice)));

        List<Chunk> otherQuality = replace(c, new CorrectionChunk(2, parsed.log2Block(), parsed.step(),
                parsed.data()).toChunk());
        assertThrows(MalformedContainerException.class, () -> decode(new VqiContainer(c.header(), otherQuality)));

        List<Chunk> badSpacing = replace(c, new Chunk(ChunkType.CORR, new byte[] {1, 9, 1, 0}));
        assertThrows(MalformedContainerException.class, () -> decode(new VqiContainer(c.header(), badSpacing)));

        List<Chunk> shortPayload = replace(c, new Chunk(ChunkType.CORR, new byte[] {1, 3}));
        assertThrows(MalformedContainerException.class, () -> decode(new VqiContainer(c.header(), shortPayload)));

        byte[] data = parsed.data();
        List<Chunk> truncated = replace(c, new CorrectionChunk(1, parsed.log2Block(), parsed.step(),
                java.util.Arrays.copyOf(data, data.length / 3)).toChunk());
        assertThrows(CorruptStreamException.class, () -> decode(new VqiContainer(c.header(), truncated)));
    }

    private static List<Chunk> replace(VqiContainer c, Chunk corr) {
        List<Chunk> out = new ArrayList<>();
        for (Chunk x : c.chunks()) {
            out.add(x.type().equals(ChunkType.CORR) ? corr : x);
        }
        return out;
    }
}

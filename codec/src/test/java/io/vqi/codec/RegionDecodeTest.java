package io.vqi.codec;

import io.vqi.format.ChunkType;
import io.vqi.format.ImageMetadata;
import io.vqi.image.ImagePlanes;
import io.vqi.format.RefinementChunk;
import io.vqi.format.VqiContainer;
import io.vqi.format.VqiContainerReader;
import io.vqi.model.ModelBundle;
import io.vqi.model.RefineBundle;
import io.vqi.core.ProgressListener;
import io.vqi.correction.ColourCorrection;
import io.vqi.correction.ColourPlane;
import io.vqi.image.PixelRegion;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static io.vqi.codec.VqiCodecTest.MODEL;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A region decode runs the networks on the windows its latent cells need and gives the pixels a whole decode gives
 * there: up to one level of the networks' float rounding (windows with different context sizes), exactly for alpha
 * and for the colour plane's arithmetic.
 */
class RegionDecodeTest {
    private static final Tiling SMALL = new Tiling(1000, 32, 4);

    /** Inside (well away from the edges, so the margins are cut from the grid), at the corners, odd sizes, 1x1. */
    private static final List<PixelRegion> REGIONS = List.of(
            new PixelRegion(83, 61, 25, 13), new PixelRegion(0, 0, 17, 9), new PixelRegion(151, 111, 9, 9),
            new PixelRegion(40, 0, 1, 120), new PixelRegion(77, 50, 1, 1), new PixelRegion(0, 0, 160, 120));

    private static ImagePlanes noisyWithAlpha(int w, int h) {
        ImagePlanes rgb = ImagePlanes.of(VqiCodecTest.image(w, h, BufferedImage.TYPE_INT_RGB, 7));
        byte[] alpha = new byte[w * h];
        new Random(8).nextBytes(alpha);
        return new ImagePlanes(w, h, rgb.rgb(), alpha, false, null);
    }

    static void assertRegionsMatch(VqiContainer c, List<io.vqi.model.RefineBundle> layers,
                                           Tiling tiling) throws IOException {
        ImagePlanes whole = VqiCodec.decompressPlanes(c, ModelRegistry.of(List.of(MODEL), layers, true), tiling);
        for (PixelRegion r : REGIONS) {
            ImagePlanes part = VqiCodec.decompressPlanes(c, ModelRegistry.of(List.of(MODEL), layers, true), r, tiling, ProgressListener.NONE);
            assertEquals(r.width(), part.width());
            assertEquals(r.height(), part.height());
            assertTrue(largestDifference(whole, part, r) <= 1, r + ": largest difference "
                    + largestDifference(whole, part, r));
            if (whole.alpha() == null) {
                assertNull(part.alpha());
            }
            if (r.isWhole(whole.width(), whole.height())) {
                assertArrayEquals(whole.rgb(), part.rgb(), "the whole image as a region is the whole decode");
            }
        }
    }

    @Test
    void baseLayerRegionsWithAlphaAreTheCropOfTheWholeDecode() throws IOException {
        VqiContainer c = VqiCodec.toContainer(noisyWithAlpha(160, 120), MODEL, null, 1, Tiling.DEFAULT,
                false);
        assertRegionsMatch(c, List.of(), Tiling.DEFAULT);
    }

    @Test
    void regionsOfAFileWithAColourPlane() throws IOException {
        VqiContainer c = CorrectionTest.encode(CorrectionTest.ramp(160, 120), 1, true);
        assertEquals(1, c.ancillary(ChunkType.CORR).size(), "the tiny model's picture needs a plane");
        assertRegionsMatch(c, List.of(CorrectionTest.LAYER), Tiling.DEFAULT);
    }

    @Test
    void regionsOfARefinedFile() throws IOException {
        VqiContainer c = RefinementTest.encode(ImagePlanes.of(VqiCodecTest.image(160, 120,
                BufferedImage.TYPE_INT_RGB, 9)), 3);
        assertEquals(1, RefinementChunk.read(c).size());
        assertRegionsMatch(c, List.of(RefinementTest.LAYER), Tiling.DEFAULT);
    }

    @Test
    void regionsOfATiledFileDecodedInSmallWindows() throws IOException {
        VqiContainer c = VqiCodec.toContainer(noisyWithAlpha(160, 120), MODEL, SMALL);
        assertTrue(c.header().tileCount() > 1);
        assertRegionsMatch(c, List.of(), SMALL);
    }

    /** The shipped decoder's margins are what its reach needs: a photograph-like ramp at the default quality. */
    @Test
    void regionsWithTheEmbeddedModelAtTheDefaultQuality() throws IOException {
        io.vqi.model.ModelBundle model = io.vqi.codec.ModelZoo.defaultModel();
        BufferedImage img = new BufferedImage(240, 176, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(5);
        for (int y = 0; y < 176; y++) {
            for (int x = 0; x < 240; x++) {
                int v = (int) (120 + 60 * Math.sin(x * 0.07) * Math.cos(y * 0.05)) + r.nextInt(20);
                img.setRGB(x, y, (v << 16) | ((255 - v) << 8) | (x + y) / 2);
            }
        }
        VqiContainer c = VqiContainerReader.read(VqiCodec.compress(ImagePlanes.of(img), ImageMetadata.NONE, model,
                VqiCodec.DEFAULT_QUALITY));
        ImagePlanes whole = VqiCodec.decompressPlanes(c, ModelRegistry.embedded());
        for (PixelRegion region : List.of(new PixelRegion(100, 70, 60, 50), new PixelRegion(0, 150, 240, 26))) {
            ImagePlanes part = VqiCodec.decompressPlanes(c, ModelRegistry.embedded(), region, ProgressListener.NONE);
            int worst = largestDifference(whole, part, region);
            assertTrue(worst <= 1, region + ": largest difference " + worst);
        }
    }

    @Test
    void aRegionRunsTheNetworkOnlyOnTheWindowsItNeeds() throws IOException {
        VqiContainer c = VqiCodec.toContainer(noisyWithAlpha(160, 120), MODEL, SMALL);
        // 20x15 cells in windows of 4: 5 x 4 windows for the whole image; 25x13 at (83, 61) lies in cells
        // 10..13 x 7..9, one window.
        assertEquals(20, windows(c, PixelRegion.whole(160, 120)));
        assertEquals(1, windows(c, new PixelRegion(83, 61, 25, 13)));
        assertEquals(2, windows(c, new PixelRegion(83, 61, 30, 13)), "pixel 112, in cell 14, needs a second window");
    }

    private static long windows(VqiContainer c, PixelRegion r) throws IOException {
        AtomicLong total = new AtomicLong(-1);
        VqiCodec.decompressPlanes(c, ModelRegistry.of(List.of(MODEL), List.of(), true), r, SMALL, (stage, done, count) -> {
            if (stage == ProgressListener.Stage.RENDERING) {
                total.set(count);
            }
        });
        return total.get();
    }

    @Test
    void aRegionOutsideTheImageIsRefused() throws IOException {
        VqiContainer c = VqiCodec.toContainer(noisyWithAlpha(40, 30), MODEL, null, 1, Tiling.DEFAULT,
                false);
        assertThrows(IllegalArgumentException.class, () -> VqiCodec.decompressPlanes(c, ModelRegistry.of(List.of(MODEL), List.of(), true), new PixelRegion(30, 20, 11, 10), ProgressListener.NONE));
    }

    @Test
    void theColourPlaneOnARegionIsExactlyItsCropOfTheWholeApply() {
        int w = 53;
        int h = 37;
        Random random = new Random(3);
        int log2Block = 3;
        int rows = ColourPlane.cells(h, log2Block);
        int cols = ColourPlane.cells(w, log2Block);
        int[] values = new int[3 * rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextInt(81) - 40;
        }
        ColourPlane plane = new ColourPlane(log2Block, 3, rows, cols, values);
        int[] rgb = new int[w * h];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = random.nextInt(0x1000000);
        }
        int[] whole = rgb.clone();
        ColourCorrection.apply(plane, whole, w, h);
        for (PixelRegion r : List.of(new PixelRegion(0, 0, w, h), new PixelRegion(11, 5, 20, 30),
                new PixelRegion(52, 36, 1, 1), new PixelRegion(0, 17, 53, 3))) {
            int[] part = new int[r.width() * r.height()];
            int[] expected = new int[part.length];
            for (int y = 0; y < r.height(); y++) {
                System.arraycopy(rgb, (r.y() + y) * w + r.x(), part, y * r.width(), r.width());
                System.arraycopy(whole, (r.y() + y) * w + r.x(), expected, y * r.width(), r.width());
            }
            ColourCorrection.apply(plane, part, w, h, r.x(), r.y(), r.width(), r.height());
            assertArrayEquals(expected, part, r.toString());
        }
    }

    /**
     * The largest difference of a colour sample between {@code part} and {@code region} of {@code whole}; alpha, when
     * the image has it, must be exact.
     */
    private static int largestDifference(ImagePlanes whole, ImagePlanes part, PixelRegion r) {
        int worst = 0;
        for (int y = 0; y < r.height(); y++) {
            for (int x = 0; x < r.width(); x++) {
                int a = whole.rgb()[(r.y() + y) * whole.width() + r.x() + x];
                int b = part.rgb()[y * r.width() + x];
                for (int shift = 0; shift < 24; shift += 8) {
                    worst = Math.max(worst, Math.abs((a >> shift & 0xff) - (b >> shift & 0xff)));
                }
                if (whole.alpha() != null) {
                    assertEquals(whole.alpha()[(r.y() + y) * whole.width() + r.x() + x],
                            part.alpha()[y * r.width() + x], "alpha is exact");
                }
            }
        }
        return worst;
    }
}

package io.vqi.correction;

import io.vqi.core.CorruptStreamException;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ColourCorrectionTest {

    /** Issue 16's bilinear ramp. */
    static int[] ramp(int w, int h) {
        int[] rgb = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double u = (double) x / (w - 1);
                double v = (double) y / (h - 1);
                int r = (int) Math.round(30 + 200 * u);
                int g = (int) Math.round(180 - 120 * v + 40 * u * v);
                int b = (int) Math.round(230 - 90 * u * v);
                rgb[y * w + x] = (r << 16) | (g << 8) | b;
            }
        }
        return rgb;
    }

    /**
     * Roughly what the VQ grid does to a ramp: flat 8x8 cells, each the colour of its corner, under a slowly
     * varying colour cast of up to 15 levels.
     */
    static int[] posterise(int[] rgb, int w, int h) {
        int[] out = new int[rgb.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = rgb[(y / 8 * 8) * w + x / 8 * 8];
                int cast = (int) Math.round(15 * Math.sin(x / 60.0) * Math.cos(y / 45.0));
                int r = Math.max(0, Math.min(255, ((p >> 16) & 0xff) + cast));
                int g = Math.max(0, Math.min(255, ((p >> 8) & 0xff) - cast));
                int b = Math.max(0, Math.min(255, (p & 0xff) + cast / 2));
                out[y * w + x] = (r << 16) | (g << 8) | b;
            }
        }
        return out;
    }

    static double psnr(int[] a, int[] b) {
        double sse = ColourCorrection.sse(a, b, null, 1, a.length, 1);
        return 10 * Math.log10(255.0 * 255 * 3 * a.length / sse);
    }

    @Test
    void aPosterisedRampIsRestoredForAFewHundredBytes() {
        int w = 333;
        int h = 217;
        int[] original = ramp(w, h);
        int[] decoded = posterise(original, w, h);
        double before = psnr(original, decoded);
        ColourCorrection.Choice choice = ColourCorrection.choose(original, decoded, w, h, 1 / 4000.0);
        assertTrue(choice.isPresent());
        int[] corrected = decoded.clone();
        ColourCorrection.apply(choice.plane(), corrected, w, h);
        double after = psnr(original, corrected);
        assertTrue(after > 35 && after > before + 8, () -> before + " dB -> " + after + " dB");
        assertTrue(choice.codedBytes() < 600, () -> choice.codedBytes() + " bytes");
        assertEquals(ColourCorrection.sse(original, corrected, null, w, h, 1), choice.sseAfter());
    }

    @Test
    void noiseThatNoSmoothSurfaceExplainsGetsNoPlane() {
        int w = 128;
        int h = 96;
        SplittableRandom rnd = new SplittableRandom(3);
        int[] original = new int[w * h];
        int[] decoded = new int[w * h];
        for (int i = 0; i < original.length; i++) {
            int v = rnd.nextInt(40, 200);
            original[i] = v * 0x010101;
            int e = rnd.nextInt(-12, 13);
            decoded[i] = (v + e) * 0x010101;
        }
        assertTrue(!ColourCorrection.choose(original, decoded, w, h, 1 / 4000.0).isPresent());
    }

    @Test
    void aConstantPlaneShiftsEveryPixelByItsStepTimesItsValue() {
        int w = 20;
        int h = 12;
        int[] rgb = new int[w * h];
        java.util.Arrays.fill(rgb, 0x646464);
        // R + 2 * 3, G - 3, B unchanged
        ColourCorrection.apply(plane(w, h, 3, (channel, r, c) -> channel == 0 ? 2 : channel == 1 ? -1 : 0), rgb, w, h);
        for (int p : rgb) {
            assertEquals(0x6a6164, p);
        }
    }

    @Test
    void interpolationIsExactOnALinearPlaneUpToTheBorders() {
        // values rising by one per cell across: at step 8 and cells of 8 pixels, exactly one level per pixel
        int w = 64;
        int h = 8;
        int[] rgb = new int[w * h];
        java.util.Arrays.fill(rgb, 100 << 16);
        ColourCorrection.apply(plane(w, h, 8, (channel, r, c) -> channel == 0 ? c : 0), rgb, w, h);
        for (int x = 0; x < w; x++) {
            // node c is at pixel 8c: pixel x gets exactly x levels, up to the right edge
            assertEquals(100 + x, rgb[x] >> 16, "pixel " + x);
        }
    }

    @Test
    void coderRoundTripsAndIsGolden() throws Exception {
        SplittableRandom rnd = new SplittableRandom(5);
        int rows = 9;
        int cols = 13;
        int[] v = new int[3 * rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextInt(10) == 0 ? rnd.nextInt(-ColourPlane.MAX_VALUE, ColourPlane.MAX_VALUE + 1)
                    : rnd.nextInt(-3, 4);
        }
        ColourPlane plane = new ColourPlane(4, 2, rows, cols, v);
        byte[] coded = ColourPlaneCoder.encode(plane);
        ColourPlane back = ColourPlaneCoder.decode(coded, 0, coded.length, 4, 2, rows, cols);
        assertArrayEquals(v, back.values());
        assertEquals(GOLDEN_CODED, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(coded)));
    }

    static final String GOLDEN_CODED = "2b3b3b15e9e460e01f40e83de384c46552d86a6465fcbc9673a71ee6e3043e40";

    @Test
    void damagedStreamsAreCorruptDataNeverAnotherException() {
        int[] v = new int[3 * 4 * 4];
        java.util.Arrays.fill(v, 7);
        byte[] coded = ColourPlaneCoder.encode(new ColourPlane(3, 1, 4, 4, v));
        assertThrows(CorruptStreamException.class, () ->
                ColourPlaneCoder.decode(coded, 0, coded.length, 3, 1, 40, 40));
        SplittableRandom rnd = new SplittableRandom(1);
        for (int trial = 0; trial < 500; trial++) {
            byte[] junk = new byte[rnd.nextInt(1, 40)];
            for (int i = 0; i < junk.length; i++) {
                junk[i] = (byte) rnd.nextInt(256);
            }
            try {
                ColourPlaneCoder.decode(junk, 0, junk.length, 3, 1, 6, 5);
            } catch (CorruptStreamException expected) {
                // the only acceptable failure
            }
        }
    }

    /** Node values of a channel at a row and column of the plane. */
    private interface NodeValue {
        int at(int channel, int row, int col);
    }

    /** A plane for a {@code w} x {@code h} image, nodes every 8 pixels, quantised in steps of {@code step}. */
    private static ColourPlane plane(int w, int h, int step, NodeValue value) {
        int rows = ColourPlane.cells(h, 3);
        int cols = ColourPlane.cells(w, 3);
        int[] v = new int[3 * rows * cols];
        for (int channel = 0; channel < 3; channel++) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    v[(channel * rows + r) * cols + c] = value.at(channel, r, c);
                }
            }
        }
        return new ColourPlane(3, step, rows, cols, v);
    }

    @Test
    void smoothnessSeparatesARampFromNoise() {
        int w = 64;
        int h = 40;
        int[] ramp = new int[w * h];
        int[] noise = new int[w * h];
        java.util.Random random = new java.util.Random(7);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = 40 + 2 * x + y;
                ramp[y * w + x] = v << 16 | (200 - x) << 8 | v;
                noise[y * w + x] = random.nextInt(1 << 24);
            }
        }
        double smooth = ColourCorrection.smoothnessDb(ramp, w, h);
        double rough = ColourCorrection.smoothnessDb(noise, w, h);
        assertTrue(smooth > 40, "ramp " + smooth);
        assertTrue(rough < 12, "noise " + rough);
        assertEquals(Double.POSITIVE_INFINITY, ColourCorrection.smoothnessDb(new int[w * h], w, h));
    }
}

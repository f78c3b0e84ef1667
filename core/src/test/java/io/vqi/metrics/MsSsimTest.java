package io.vqi.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class MsSsimTest {
    private static final double C1 = 6.5025;
    private static final BufferedImage TEXTURE = SyntheticImages.texture(201, 185, 42);

    @Test
    void identicalImagesScoreExactlyOne() {
        BufferedImage copy = SyntheticImages.copy(TEXTURE);
        assertEquals(1.0, MsSsim.of(TEXTURE, copy), 0);
        assertEquals(1.0, MsSsim.ssim(TEXTURE, copy), 0);
    }

    @Test
    void flatImagesScoreTheirLuminanceTermByHand() {
        // No variance anywhere: every contrast-structure term is exactly 1 and the coarsest SSIM is the luminance
        // term l = (2ab + C1) / (a² + b² + C1), which halving does not change. So MS-SSIM = mean over RGB of l^0.1333.
        int[] a = {200, 90, 10};
        int[] b = {180, 90, 40};
        BufferedImage x = SyntheticImages.flat(180, 177, (a[0] << 16) | (a[1] << 8) | a[2]);
        BufferedImage y = SyntheticImages.flat(180, 177, (b[0] << 16) | (b[1] << 8) | b[2]);
        double msSsim = 0;
        double ssim = 0;
        for (int c = 0; c < 3; c++) {
            double l = (2.0 * a[c] * b[c] + C1) / ((double) a[c] * a[c] + (double) b[c] * b[c] + C1);
            msSsim += Math.pow(l, 0.1333) / 3;
            ssim += l / 3;
        }
        // Not exact: the local variance E[x²] - mean² of a flat patch rounds to about 1e-11 rather than 0.
        assertEquals(msSsim, MsSsim.of(x, y), 1e-12);
        assertEquals(ssim, MsSsim.ssim(x, y), 1e-12);
    }

    @Test
    void decreasesUnderIncreasingBlur() {
        double previous = 1.0;
        for (int passes : new int[] {1, 2, 4, 8}) {
            double score = MsSsim.of(TEXTURE, SyntheticImages.blur(TEXTURE, passes));
            assertTrue(score < previous, passes + " blur passes: " + score + " not below " + previous);
            previous = score;
        }
    }

    @Test
    void decreasesUnderIncreasingNoise() {
        double previousMsSsim = 1.0;
        double previousSsim = 1.0;
        for (double sigma : new double[] {2, 5, 10, 20, 40}) {
            BufferedImage noisy = SyntheticImages.noisy(TEXTURE, sigma, 7);
            double msSsim = MsSsim.of(TEXTURE, noisy);
            double ssim = MsSsim.ssim(TEXTURE, noisy);
            assertTrue(msSsim < previousMsSsim, "sigma " + sigma + ": " + msSsim + " not below " + previousMsSsim);
            assertTrue(ssim < previousSsim, "sigma " + sigma + ": SSIM " + ssim + " not below " + previousSsim);
            previousMsSsim = msSsim;
            previousSsim = ssim;
        }
    }

    @Test
    void anticorrelatedImagesAreClippedToZero() {
        BufferedImage inverted = SyntheticImages.inverted(TEXTURE);
        assertTrue(MsSsim.ssim(TEXTURE, inverted) < 0, "single-scale SSIM is not clipped");
        assertEquals(0.0, MsSsim.of(TEXTURE, inverted), 0);
    }

    @Test
    void isSymmetric() {
        BufferedImage noisy = SyntheticImages.noisy(TEXTURE, 12, 9);
        assertEquals(MsSsim.of(TEXTURE, noisy), MsSsim.of(noisy, TEXTURE), 1e-15);
    }

    @Test
    void grayImageEqualsItsSingleChannel() {
        int w = 190;
        int h = 181;
        BufferedImage a = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        BufferedImage b = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        BufferedImage noisy = SyntheticImages.noisy(TEXTURE, 15, 11);
        double[] pa = new double[w * h];
        double[] pb = new double[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int va = (TEXTURE.getRGB(x, y) >> 8) & 0xFF;
                int vb = (noisy.getRGB(x, y) >> 8) & 0xFF;
                a.getRaster().setSample(x, y, 0, va);
                b.getRaster().setSample(x, y, 0, vb);
                pa[y * w + x] = va;
                pb[y * w + x] = vb;
            }
        }
        assertEquals(MsSsim.ofChannel(pa, pb, w, h), MsSsim.of(a, b), 1e-15);
        assertEquals(MsSsim.ssimOfChannel(pa, pb, w, h), MsSsim.ssim(a, b), 1e-15);
    }

    @Test
    void sizeLimits() {
        BufferedImage smallest = SyntheticImages.texture(176, 176, 3);
        assertTrue(MsSsim.of(smallest, SyntheticImages.noisy(smallest, 5, 4)) < 1);

        BufferedImage narrow = SyntheticImages.texture(175, 300, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MsSsim.of(narrow, narrow));
        assertEquals("MS-SSIM needs at least 176x176 pixels (5 scales, an 11x11 window at the coarsest), got 175x300;"
                + " use single-scale ssim for smaller images", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> MsSsim.ofChannel(new double[300 * 175], new double[300 * 175], 300, 175));

        BufferedImage window = SyntheticImages.texture(11, 11, 6);
        assertEquals(1.0, MsSsim.ssim(window, window), 0);
        BufferedImage tooSmall = SyntheticImages.texture(10, 11, 6);
        assertThrows(IllegalArgumentException.class, () -> MsSsim.ssim(tooSmall, tooSmall));
    }

    @Test
    void rejectsMismatchedInput() {
        BufferedImage other = SyntheticImages.texture(201, 186, 42);
        assertThrows(IllegalArgumentException.class, () -> MsSsim.of(TEXTURE, other));
        assertThrows(IllegalArgumentException.class, () -> MsSsim.ssim(TEXTURE, other));
        assertThrows(IllegalArgumentException.class,
                () -> MsSsim.ofChannel(new double[200 * 200], new double[200 * 199], 200, 200));
        assertThrows(IllegalArgumentException.class, () -> MsSsim.ssimOfChannel(new double[0], new double[0], 0, 0));
    }

    @Test
    void decibels() {
        assertEquals(20.0, MsSsim.toDecibels(0.99), 1e-12);
        assertEquals(0.0, MsSsim.toDecibels(0.0), 0);
        assertEquals(Double.POSITIVE_INFINITY, MsSsim.toDecibels(1.0));
        assertThrows(IllegalArgumentException.class, () -> MsSsim.toDecibels(1.01));
        assertThrows(IllegalArgumentException.class, () -> MsSsim.toDecibels(Double.NaN));
    }
}

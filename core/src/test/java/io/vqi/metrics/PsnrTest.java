package io.vqi.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PsnrTest {
    @Test
    void samplesByHand() {
        // One sample of four off by 255: MSE = 255² / 4, PSNR = 10 log10(4).
        assertEquals(10 * Math.log10(4), Psnr.ofSamples(new byte[] {0, 0, 0, 0}, new byte[] {0, 0, 0, (byte) 255}),
                1e-12);
        assertEquals(6.020599913279624, Psnr.ofSamples(new byte[] {0, 0, 0, 0}, new byte[] {0, 0, 0, (byte) 255}),
                1e-12);
        // Off by 1 everywhere: MSE = 1, PSNR = 20 log10(255).
        assertEquals(48.1308036086791, Psnr.ofSamples(new byte[] {10, 20, (byte) 200}, new byte[] {11, 19, (byte) 201}),
                1e-12);
    }

    @Test
    void packedRgbByHand() {
        // Two pixels, each off by (2, 0, -3): squared errors 4 + 0 + 9 per pixel over 6 samples, MSE = 13 / 3.
        int[] a = {rgb(10, 20, 30), rgb(200, 100, 50)};
        int[] b = {rgb(12, 20, 27), rgb(202, 100, 47)};
        assertEquals(10 * Math.log10(255.0 * 255.0 * 3 / 13), Psnr.ofRgb(a, b), 1e-12);
        assertEquals(41.76258263280736, Psnr.ofRgb(a, b), 1e-12);
    }

    @Test
    void oneMseOverChannelsNotMeanOfChannelPsnrs() {
        // Error only in red: per-channel PSNRs would be (x, Inf, Inf); one MSE gives 255² / (d² / 3).
        int[] a = {rgb(100, 100, 100)};
        int[] b = {rgb(110, 100, 100)};
        assertEquals(10 * Math.log10(255.0 * 255.0 * 3 / 100), Psnr.ofRgb(a, b), 1e-12);
    }

    @Test
    void alphaIsIgnored() {
        assertEquals(Double.POSITIVE_INFINITY, Psnr.ofRgb(new int[] {0xFF123456}, new int[] {0x00123456}));
    }

    @Test
    void identicalImagesArePositiveInfinity() {
        BufferedImage image = SyntheticImages.texture(40, 30, 1);
        assertEquals(Double.POSITIVE_INFINITY, Psnr.of(image, SyntheticImages.copy(image)));
        assertEquals(Double.POSITIVE_INFINITY, Psnr.fromMse(0));
    }

    @Test
    void imageMatchesArrays() {
        BufferedImage a = SyntheticImages.texture(37, 23, 2);
        BufferedImage b = SyntheticImages.noisy(a, 7, 3);
        int[] pa = a.getRGB(0, 0, 37, 23, null, 0, 37);
        int[] pb = b.getRGB(0, 0, 37, 23, null, 0, 37);
        assertEquals(Psnr.ofRgb(pa, pb), Psnr.of(a, b), 0);
        assertTrue(Psnr.of(a, b) > 20 && Psnr.of(a, b) < 40, "sigma 7 noise is about 31 dB");
    }

    @Test
    void differentImageTypesReadTheSame() {
        BufferedImage a = SyntheticImages.texture(20, 10, 4);
        BufferedImage b = SyntheticImages.noisy(a, 10, 5);
        double expected = Psnr.of(a, b);
        for (int type : new int[] {BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_INT_ARGB,
                BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_INT_BGR}) {
            assertEquals(expected, Psnr.of(convert(a, type), convert(b, type)), 0, "type " + type);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_USHORT_GRAY})
    void grayIsReadAsEqualRgbWithoutGammaConversion(int type) {
        int max = type == BufferedImage.TYPE_BYTE_GRAY ? 255 : 65535;
        BufferedImage gray = new BufferedImage(3, 1, type);
        BufferedImage rgb = new BufferedImage(3, 1, BufferedImage.TYPE_INT_RGB);
        int[] values = {0, 100, 255};
        for (int x = 0; x < 3; x++) {
            gray.getRaster().setSample(x, 0, 0, values[x] * max / 255);
            rgb.setRGB(x, 0, rgb(values[x], values[x], values[x]));
        }
        assertEquals(Double.POSITIVE_INFINITY, Psnr.of(gray, rgb));
    }

    @Test
    void rejectsMismatchedOrEmptyInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Psnr.of(new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB),
                        new BufferedImage(3, 4, BufferedImage.TYPE_INT_RGB)));
        assertEquals("images differ in size: 4x3 vs 3x4", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Psnr.ofRgb(new int[2], new int[3]));
        assertThrows(IllegalArgumentException.class, () -> Psnr.ofSamples(new byte[0], new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> Psnr.fromMse(-1));
        assertThrows(IllegalArgumentException.class, () -> Psnr.fromMse(Double.NaN));
    }

    private static int rgb(int r, int g, int b) {
        return (r << 16) | (g << 8) | b;
    }

    private static BufferedImage convert(BufferedImage image, int type) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), type);
        out.getGraphics().drawImage(image, 0, 0, null);
        return out;
    }
}

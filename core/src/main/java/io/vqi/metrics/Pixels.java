package io.vqi.metrics;

import io.vqi.image.ImagePlanes;

import java.awt.image.BufferedImage;

/** Where the metrics take their 8-bit RGB samples from a {@link BufferedImage}: the codec's own conversion. */
final class Pixels {
    private Pixels() {
    }

    /**
     * The image as packed {@code 0xRRGGBB} ints in raster order, alpha ignored: the pixels {@code vqi compress} codes
     * ({@link ImagePlanes#of(BufferedImage)}), so a score is measured on what was coded.
     */
    static int[] rgb(BufferedImage image) {
        return ImagePlanes.of(image).rgb();
    }

    /** One channel of packed RGB as doubles in [0, 255]; {@code shift} is 16 for red, 8 for green, 0 for blue. */
    static double[] channel(int[] rgb, int shift) {
        double[] plane = new double[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            plane[i] = (rgb[i] >>> shift) & 0xFF;
        }
        return plane;
    }

    static void requireSameSize(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            throw new IllegalArgumentException("images differ in size: " + a.getWidth() + "x" + a.getHeight()
                    + " vs " + b.getWidth() + "x" + b.getHeight());
        }
    }
}

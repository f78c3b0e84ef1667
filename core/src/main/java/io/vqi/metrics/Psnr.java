package io.vqi.metrics;

import java.awt.image.BufferedImage;

/**
 * Peak signal-to-noise ratio of 8-bit images, peak 255, in dB.
 *
 * <p>RGB images get <em>one</em> mean squared error over all pixels and all three channels, not a mean of three
 * per-channel PSNRs (the two differ, and papers disagree; this is the convention of the reference values in
 * {@code shared/datasets/metric-reference}). Identical inputs have MSE 0 and PSNR {@link Double#POSITIVE_INFINITY};
 * callers that average PSNRs over a set of images should decide what that means for them.
 */
public final class Psnr {
    /** The peak sample value of 8-bit images. */
    public static final double PEAK = 255.0;

    private Psnr() {
    }

    /**
     * PSNR over the R, G and B samples of two images of the same size. Any {@link BufferedImage} type is accepted;
     * alpha is ignored and a grayscale image counts as R = G = B (so gray and its RGB copy give +Infinity).
     *
     * @throws IllegalArgumentException if the sizes differ
     */
    public static double of(BufferedImage reference, BufferedImage distorted) {
        Pixels.requireSameSize(reference, distorted);
        return ofRgb(Pixels.rgb(reference), Pixels.rgb(distorted));
    }

    /**
     * PSNR of packed {@code 0x??RRGGBB} pixels (the format of {@link BufferedImage#getRGB}); the top byte is ignored.
     *
     * @throws IllegalArgumentException if the arrays are empty or differ in length
     */
    public static double ofRgb(int[] reference, int[] distorted) {
        requireSameNonEmptyLength(reference.length, distorted.length);
        long sumOfSquares = 0;
        for (int i = 0; i < reference.length; i++) {
            int a = reference[i];
            int b = distorted[i];
            for (int shift = 0; shift <= 16; shift += 8) {
                int d = ((a >>> shift) & 0xFF) - ((b >>> shift) & 0xFF);
                sumOfSquares += d * d;
            }
        }
        return fromMse(sumOfSquares / (3.0 * reference.length));
    }

    /**
     * PSNR of unsigned 8-bit samples in any layout (interleaved RGB, planar, gray): every sample counts once.
     *
     * @throws IllegalArgumentException if the arrays are empty or differ in length
     */
    public static double ofSamples(byte[] reference, byte[] distorted) {
        requireSameNonEmptyLength(reference.length, distorted.length);
        long sumOfSquares = 0;
        for (int i = 0; i < reference.length; i++) {
            int d = (reference[i] & 0xFF) - (distorted[i] & 0xFF);
            sumOfSquares += d * d;
        }
        return fromMse((double) sumOfSquares / reference.length);
    }

    /** {@code 10 log10(255² / mse)}; +Infinity for {@code mse == 0}. */
    public static double fromMse(double mse) {
        if (!(mse >= 0)) {
            throw new IllegalArgumentException("mean squared error must be >= 0, got " + mse);
        }
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(PEAK * PEAK / mse);
    }

    private static void requireSameNonEmptyLength(int a, int b) {
        if (a != b) {
            throw new IllegalArgumentException("inputs differ in length: " + a + " vs " + b);
        }
        if (a == 0) {
            throw new IllegalArgumentException("inputs are empty");
        }
    }
}

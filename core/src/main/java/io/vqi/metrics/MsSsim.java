package io.vqi.metrics;

import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * Multi-scale structural similarity (Wang, Simoncelli and Bovik 2003) and single-scale SSIM for 8-bit images.
 *
 * <p>Definition, the one of Wang's {@code msssim.m} and of {@code shared/datasets/metric-reference}:
 * <ul>
 *   <li>an 11x11 Gaussian window with sigma 1.5, normalised to sum 1, applied with "valid" filtering (no padding,
 *       so a w x h image gives (w-10) x (h-10) local statistics), as a separable pair of 1-D passes;</li>
 *   <li>K1 = 0.01, K2 = 0.03, L = 255, population (not sample) variances;</li>
 *   <li>5 scales with weights 0.0448, 0.2856, 0.3001, 0.2363, 0.1333 (they sum to 1.0001 and are used as they are);
 *       scales 1-4 contribute the mean contrast-structure term, scale 5 the mean SSIM;</li>
 *   <li>between scales a 2x2 mean; a dimension of odd size first gets its last row or column replicated, so a side
 *       of n becomes ceil(n / 2);</li>
 *   <li>each per-scale mean is clipped at 0 before it is raised to its weight (a negative base has no real
 *       fractional power; anti-correlated images score 0);</li>
 *   <li>RGB images: computed for R, G and B separately and averaged.</li>
 * </ul>
 * All arithmetic is in double precision. Both sides must be at least {@value #MIN_SIDE} pixels, the rule of
 * {@code msssim.m} (side / 2^4 >= 11, so the fifth scale holds an 11x11 window; with the ceil(n / 2) halving 161
 * would be enough, but the stricter rule keeps us comparable with that reference). Smaller images are rejected
 * rather than scored on fewer scales, because a 3-scale number is not comparable with a 5-scale one.
 */
public final class MsSsim {
    /** Smallest width and height {@link #of} accepts: 11 px at the fifth scale, 11 * 2^4. */
    public static final int MIN_SIDE = 176;
    /** Side of the Gaussian window, and the smallest side {@link #ssim} accepts. */
    public static final int WINDOW = 11;

    private static final double[] WEIGHTS = {0.0448, 0.2856, 0.3001, 0.2363, 0.1333};
    private static final double SIGMA = 1.5;
    private static final double C1 = (0.01 * 255) * (0.01 * 255);
    private static final double C2 = (0.03 * 255) * (0.03 * 255);
    private static final double[] GAUSSIAN = gaussian();

    private MsSsim() {
    }

    /**
     * MS-SSIM of two RGB (or gray, read as R = G = B) images of the same size: the mean of the per-channel values.
     * Returns exactly 1.0 for identical images; the range is [0, 1].
     *
     * @throws IllegalArgumentException if the sizes differ or a side is below {@value #MIN_SIDE}
     */
    public static double of(BufferedImage reference, BufferedImage distorted) {
        Pixels.requireSameSize(reference, distorted);
        int width = reference.getWidth();
        int height = reference.getHeight();
        requireMultiScaleSize(width, height);
        return meanOverRgb(reference, distorted, (a, b) -> multiScale(a, b, width, height));
    }

    /**
     * MS-SSIM of one channel, samples in [0, 255] in raster order (row after row of {@code width}).
     *
     * @throws IllegalArgumentException if the lengths do not match {@code width * height} or a side is below
     *                                  {@value #MIN_SIDE}
     */
    public static double ofChannel(double[] reference, double[] distorted, int width, int height) {
        requireChannelShape(reference, distorted, width, height);
        requireMultiScaleSize(width, height);
        return multiScale(reference, distorted, width, height);
    }

    /**
     * Single-scale SSIM: the mean of the SSIM map over the valid window positions, averaged over R, G and B. Not
     * clipped, so the range is [-1, 1]; 1.0 for identical images.
     *
     * @throws IllegalArgumentException if the sizes differ or a side is below {@value #WINDOW}
     */
    public static double ssim(BufferedImage reference, BufferedImage distorted) {
        Pixels.requireSameSize(reference, distorted);
        int width = reference.getWidth();
        int height = reference.getHeight();
        requireWindowSize(width, height);
        return meanOverRgb(reference, distorted, (a, b) -> localMeans(a, b, width, height).ssim());
    }

    /** Single-scale SSIM of one channel, samples in [0, 255] in raster order. */
    public static double ssimOfChannel(double[] reference, double[] distorted, int width, int height) {
        requireChannelShape(reference, distorted, width, height);
        requireWindowSize(width, height);
        return localMeans(reference, distorted, width, height).ssim();
    }

    /**
     * MS-SSIM on a dB scale, {@code -10 log10(1 - msSsim)}, which spreads the crowded top of the range the way
     * PSNR does; +Infinity for 1.0 (identical images), like {@link Psnr}.
     *
     * @throws IllegalArgumentException if the value is not in [0, 1]
     */
    public static double toDecibels(double msSsim) {
        if (!(msSsim >= 0 && msSsim <= 1)) {
            throw new IllegalArgumentException("MS-SSIM must be in [0, 1], got " + msSsim);
        }
        return -10 * Math.log10(1 - msSsim);
    }

    private interface ChannelMetric {
        double apply(double[] reference, double[] distorted);
    }

    private static double meanOverRgb(BufferedImage reference, BufferedImage distorted, ChannelMetric metric) {
        int[] a = Pixels.rgb(reference);
        int[] b = Pixels.rgb(distorted);
        double sum = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            sum += metric.apply(Pixels.channel(a, shift), Pixels.channel(b, shift));
        }
        return sum / 3;
    }

    private static double multiScale(double[] a, double[] b, int width, int height) {
        double product = 1;
        for (int scale = 0; ; scale++) {
            LocalMeans means = localMeans(a, b, width, height);
            if (scale == WEIGHTS.length - 1) {
                return product * Math.pow(Math.max(means.ssim(), 0), WEIGHTS[scale]);
            }
            product *= Math.pow(Math.max(means.contrastStructure(), 0), WEIGHTS[scale]);
            a = halve(a, width, height);
            b = halve(b, width, height);
            width = (width + 1) / 2;
            height = (height + 1) / 2;
        }
    }

    /** Means over the valid window positions of the SSIM map and of its contrast-structure factor. */
    private record LocalMeans(double ssim, double contrastStructure) {
    }

    /**
     * Gaussian-weighted local statistics by two 1-D passes: a horizontal pass over all rows into five buffers
     * (a, b, a², b², ab), then per output row a vertical pass that is consumed at once.
     */
    private static LocalMeans localMeans(double[] a, double[] b, int width, int height) {
        int outWidth = width - WINDOW + 1;
        int outHeight = height - WINDOW + 1;
        double[] g = GAUSSIAN;
        int rows = height * outWidth;
        double[] ha = new double[rows];
        double[] hb = new double[rows];
        double[] haa = new double[rows];
        double[] hbb = new double[rows];
        double[] hab = new double[rows];
        for (int y = 0; y < height; y++) {
            int in = y * width;
            int out = y * outWidth;
            for (int x = 0; x < outWidth; x++) {
                double sa = 0;
                double sb = 0;
                double saa = 0;
                double sbb = 0;
                double sab = 0;
                for (int k = 0; k < WINDOW; k++) {
                    double va = a[in + x + k];
                    double vb = b[in + x + k];
                    double w = g[k];
                    sa += w * va;
                    sb += w * vb;
                    saa += w * va * va;
                    sbb += w * vb * vb;
                    sab += w * va * vb;
                }
                ha[out + x] = sa;
                hb[out + x] = sb;
                haa[out + x] = saa;
                hbb[out + x] = sbb;
                hab[out + x] = sab;
            }
        }

        double[] mua = new double[outWidth];
        double[] mub = new double[outWidth];
        double[] eaa = new double[outWidth];
        double[] ebb = new double[outWidth];
        double[] eab = new double[outWidth];
        double ssimSum = 0;
        double csSum = 0;
        for (int y = 0; y < outHeight; y++) {
            Arrays.fill(mua, 0);
            Arrays.fill(mub, 0);
            Arrays.fill(eaa, 0);
            Arrays.fill(ebb, 0);
            Arrays.fill(eab, 0);
            for (int k = 0; k < WINDOW; k++) {
                double w = g[k];
                int row = (y + k) * outWidth;
                for (int x = 0; x < outWidth; x++) {
                    mua[x] += w * ha[row + x];
                    mub[x] += w * hb[row + x];
                    eaa[x] += w * haa[row + x];
                    ebb[x] += w * hbb[row + x];
                    eab[x] += w * hab[row + x];
                }
            }
            double rowSsim = 0;
            double rowCs = 0;
            for (int x = 0; x < outWidth; x++) {
                double ma = mua[x];
                double mb = mub[x];
                double varA = eaa[x] - ma * ma;
                double varB = ebb[x] - mb * mb;
                double cov = eab[x] - ma * mb;
                double cs = (2 * cov + C2) / (varA + varB + C2);
                double luminance = (2 * ma * mb + C1) / (ma * ma + mb * mb + C1);
                rowCs += cs;
                rowSsim += luminance * cs;
            }
            ssimSum += rowSsim;
            csSum += rowCs;
        }
        double count = (double) outWidth * outHeight;
        return new LocalMeans(ssimSum / count, csSum / count);
    }

    /** 2x2 mean; an odd last row or column is paired with itself (replicated), so a side n becomes ceil(n / 2). */
    private static double[] halve(double[] src, int width, int height) {
        int halfWidth = (width + 1) / 2;
        int halfHeight = (height + 1) / 2;
        double[] dst = new double[halfWidth * halfHeight];
        for (int y = 0; y < halfHeight; y++) {
            int row0 = 2 * y * width;
            int row1 = Math.min(2 * y + 1, height - 1) * width;
            for (int x = 0; x < halfWidth; x++) {
                int x0 = 2 * x;
                int x1 = Math.min(2 * x + 1, width - 1);
                dst[y * halfWidth + x] = (src[row0 + x0] + src[row0 + x1] + src[row1 + x0] + src[row1 + x1]) * 0.25;
            }
        }
        return dst;
    }

    private static double[] gaussian() {
        double[] g = new double[WINDOW];
        double sum = 0;
        for (int k = 0; k < WINDOW; k++) {
            int d = k - WINDOW / 2;
            g[k] = Math.exp(-(d * d) / (2 * SIGMA * SIGMA));
            sum += g[k];
        }
        // Normalising the 1-D kernel normalises the 2-D window, which is its outer product.
        for (int k = 0; k < WINDOW; k++) {
            g[k] /= sum;
        }
        return g;
    }

    private static void requireChannelShape(double[] reference, double[] distorted, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("width and height must be positive, got " + width + "x" + height);
        }
        long expected = (long) width * height;
        if (reference.length != expected || distorted.length != expected) {
            throw new IllegalArgumentException("a " + width + "x" + height + " channel needs " + expected
                    + " samples, got " + reference.length + " and " + distorted.length);
        }
    }

    private static void requireMultiScaleSize(int width, int height) {
        if (width < MIN_SIDE || height < MIN_SIDE) {
            throw new IllegalArgumentException("MS-SSIM needs at least " + MIN_SIDE + "x" + MIN_SIDE
                    + " pixels (5 scales, an 11x11 window at the coarsest), got " + width + "x" + height
                    + "; use single-scale ssim for smaller images");
        }
    }

    private static void requireWindowSize(int width, int height) {
        if (width < WINDOW || height < WINDOW) {
            throw new IllegalArgumentException("SSIM needs at least " + WINDOW + "x" + WINDOW + " pixels (one window), got "
                    + width + "x" + height);
        }
    }
}

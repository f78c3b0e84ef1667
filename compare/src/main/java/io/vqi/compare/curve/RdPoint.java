package io.vqi.compare.curve;

/**
 * One rate-quality measurement: a rate in bits per pixel and a quality (PSNR in dB, MS-SSIM, ...).
 *
 * @param bpp     bits per pixel, finite and positive (rates are interpolated in the log domain)
 * @param quality finite
 */
public record RdPoint(double bpp, double quality) {
    public RdPoint {
        if (!(bpp > 0) || bpp == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("rate must be finite and > 0 bpp, got " + bpp);
        }
        if (!Double.isFinite(quality)) {
            throw new IllegalArgumentException("quality must be finite, got " + quality + " (at " + bpp + " bpp)");
        }
    }
}

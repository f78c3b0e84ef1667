package io.vqi.compare;

/**
 * One row of {@code results.csv}: one image through one codec at one setting.
 *
 * @param bpp    {@code 8 * bytes / (width * height)}, from the size of the real file
 * @param psnr   dB over R, G and B; +Infinity when the decoded image is identical
 * @param msssim MS-SSIM averaged over R, G and B; NaN when a side is below
 *               {@link io.vqi.metrics.MsSsim#MIN_SIDE}
 * @param encMs  wall-clock milliseconds of the encode (after one warm-up per codec)
 * @param decMs  wall-clock milliseconds of the decode
 */
public record Measurement(String codec, String setting, String image, int width, int height, long bytes,
                          double bpp, double psnr, double msssim, double encMs, double decMs) {

    /** A row whose bpp is computed from {@code bytes} and the size, so the two can never disagree. */
    public static Measurement of(String codec, String setting, String image, int width, int height, long bytes,
                                 double psnr, double msssim, double encMs, double decMs) {
        double bpp = 8.0 * bytes / ((double) width * height);
        return new Measurement(codec, setting, image, width, height, bytes, bpp, psnr, msssim, encMs, decMs);
    }
}

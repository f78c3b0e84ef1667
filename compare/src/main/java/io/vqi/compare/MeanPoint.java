package io.vqi.compare;

/**
 * One setting of one codec averaged over the images: the point of the codec's mean curve (ANCHORS.md's method).
 * Each field is the arithmetic mean of the per-image values, so a PSNR of +Infinity on any image (lossless) makes
 * the mean +Infinity, and an MS-SSIM missing on any image (too small) makes it NaN.
 */
public record MeanPoint(String setting, int images, double bpp, double psnr, double msssim, double encMs,
                        double decMs) {
}

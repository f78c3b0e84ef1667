package io.vqi.compare.curve;

/**
 * A BD-quality (BD-PSNR when the quality is PSNR): the mean quality difference of a test curve against an anchor
 * at equal rate, averaged over log-rate.
 *
 * @param delta    mean of (test quality - anchor quality); positive means the test is better
 * @param rateLow  lower end, in bpp, of the rate interval both curves cover
 * @param rateHigh upper end, in bpp, of that interval
 */
public record BdQualityResult(double delta, double rateLow, double rateHigh) {
}

/**
 * Image quality metrics, in pure Java, on the pixels {@code vqi compress} codes ({@link io.vqi.image.ImagePlanes}):
 *
 * <ul>
 *   <li>{@link io.vqi.metrics.Psnr}: one MSE over R, G and B, peak 255; +Infinity for identical images;</li>
 *   <li>{@link io.vqi.metrics.MsSsim}: 5-scale MS-SSIM (Wang et al. 2003) per channel, averaged; also
 *       single-scale SSIM.</li>
 * </ul>
 * Both are checked against the values in {@code shared/datasets/metric-reference}. Curves, BD-rate and their fitting
 * are the comparison's ({@code io.vqi.compare.curve}).
 */
package io.vqi.metrics;

/**
 * Image quality metrics and rate-quality comparisons, in pure Java.
 *
 * <ul>
 *   <li>{@link io.vqi.metrics.Psnr}: one MSE over R, G and B, peak 255; +Infinity for identical images;</li>
 *   <li>{@link io.vqi.metrics.MsSsim}: 5-scale MS-SSIM (Wang et al. 2003) per channel, averaged; also
 *       single-scale SSIM;</li>
 *   <li>{@link io.vqi.compare.curve.RateQualityCurve}: quality at a fixed bpp and bpp at a fixed quality;</li>
 *   <li>{@link io.vqi.compare.curve.BjontegaardDelta}: BD-rate and BD-PSNR between two curves.</li>
 * </ul>
 * Both image metrics are checked against the values in {@code shared/datasets/metric-reference}.
 */
package io.vqi.metrics;

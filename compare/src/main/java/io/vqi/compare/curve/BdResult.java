package io.vqi.compare.curve;

/**
 * A BD-rate: the mean rate difference of a test curve against an anchor at equal quality.
 *
 * @param percent     {@code 100 * (exp(mean of ln(test rate / anchor rate)) - 1)}; negative means the test needs
 *                    fewer bits
 * @param qualityLow  lower end of the quality interval both curves cover, on the scale used for the computation
 * @param qualityHigh upper end of that interval
 */
public record BdResult(double percent, double qualityLow, double qualityHigh) {
}

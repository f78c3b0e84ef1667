package io.vqi.compare;

import java.util.OptionalDouble;

/**
 * A codec's mean-curve quality at a fixed rate, interpolated (PCHIP in log-rate), never extrapolated.
 *
 * @param quality empty when {@code bpp} is outside [{@code minRate}, {@code maxRate}], the rates the curve reaches
 */
public record QualityAtRate(String codec, Metric metric, double bpp, OptionalDouble quality, double minRate,
                            double maxRate) {
}

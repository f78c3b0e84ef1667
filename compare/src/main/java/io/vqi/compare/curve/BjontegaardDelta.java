package io.vqi.compare.curve;

/**
 * Bjøntegaard-delta numbers: how far apart two rate-quality curves are, averaged over the range both cover.
 *
 * <p>BD-rate interpolates ln(rate) as a function of quality for each curve, integrates both exactly over the
 * overlapping quality interval, and reports {@code exp(mean difference) - 1} as a percentage. BD-quality (BD-PSNR)
 * does the same with quality as a function of ln(rate). The default interpolation is {@link Interpolation#PCHIP},
 * the method of the JCT-VC/JVET common-test-condition sheets; {@link Interpolation#CUBIC_POLYNOMIAL} is the
 * original VCEG-M33 fit. Quality may be PSNR or MS-SSIM; {@link QualityScale#MS_SSIM_DB} converts MS-SSIM to dB
 * first, and the reported quality interval is then in dB.
 *
 * <p>Errors are {@link IllegalArgumentException}s that name the curve: too few distinct points for the method, or
 * curves whose ranges do not overlap (or only touch), where no average exists.
 */
public final class BjontegaardDelta {
    private BjontegaardDelta() {
    }

    /** BD-rate of {@code test} against {@code anchor}, PCHIP, qualities as given. */
    public static BdResult bdRate(RateQualityCurve anchor, RateQualityCurve test) {
        return bdRate(anchor, test, Interpolation.PCHIP, QualityScale.AS_IS);
    }

    /** BD-rate of {@code test} against {@code anchor}: negative percent means the test saves bits. */
    public static BdResult bdRate(RateQualityCurve anchor, RateQualityCurve test, Interpolation how,
                                  QualityScale scale) {
        Interpolant a = anchor.in(scale).logRateOfQuality(how, "anchor");
        Interpolant t = test.in(scale).logRateOfQuality(how, "test");
        Overlap o = Overlap.of(a, t, "quality");
        return new BdResult(100 * Math.expm1(o.meanDifference()), o.low(), o.high());
    }

    /** BD-quality (BD-PSNR for PSNR curves) of {@code test} against {@code anchor}, PCHIP, qualities as given. */
    public static BdQualityResult bdQuality(RateQualityCurve anchor, RateQualityCurve test) {
        return bdQuality(anchor, test, Interpolation.PCHIP, QualityScale.AS_IS);
    }

    /** BD-quality of {@code test} against {@code anchor}: positive delta means the test is better at equal rate. */
    public static BdQualityResult bdQuality(RateQualityCurve anchor, RateQualityCurve test, Interpolation how,
                                            QualityScale scale) {
        Interpolant a = anchor.in(scale).qualityOfLogRate(how, "anchor");
        Interpolant t = test.in(scale).qualityOfLogRate(how, "test");
        double delta = Overlap.of(a, t, "log-rate").meanDifference();
        // Report the ends as the measured rates themselves, not exp(ln(rate)), so they read back exactly.
        double rateLow = Math.max(anchor.minRate(), test.minRate());
        double rateHigh = Math.min(anchor.maxRate(), test.maxRate());
        return new BdQualityResult(delta, rateLow, rateHigh);
    }

    /** Where both curves are defined, and the mean of the test's curve minus the anchor's over it. */
    private record Overlap(double low, double high, double meanDifference) {
        static Overlap of(Interpolant anchor, Interpolant test, String axis) {
            double low = Math.max(anchor.lowerBound(), test.lowerBound());
            double high = Math.min(anchor.upperBound(), test.upperBound());
            if (!(low < high)) {
                throw new IllegalArgumentException("curves do not overlap in " + axis + ": anchor covers ["
                        + anchor.lowerBound() + ", " + anchor.upperBound() + "], test covers [" + test.lowerBound()
                        + ", " + test.upperBound() + "]");
            }
            return new Overlap(low, high, (test.integral(low, high) - anchor.integral(low, high)) / (high - low));
        }
    }
}

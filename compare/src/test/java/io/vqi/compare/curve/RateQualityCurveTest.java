package io.vqi.compare.curve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class RateQualityCurveTest {
    static final double[] BPP = {0.12, 0.25, 0.5, 0.9, 1.6};
    static final double[] PSNR = {27.1, 29.8, 32.9, 35.2, 38.4};

    @Test
    void qualityAtFixedRatesMatchesScipy() {
        // scipy.interpolate.PchipInterpolator(np.log(BPP), PSNR) at np.log(rate).
        RateQualityCurve curve = RateQualityCurve.of(BPP, PSNR);
        assertEquals(OptionalDouble.empty(), curve.qualityAt(0.1), "below the curve");
        assertEquals(29.8, curve.qualityAt(0.25).orElseThrow(), 1e-12);
        assertEquals(30.5834666323066, curve.qualityAt(0.3).orElseThrow(), 1e-11);
        assertEquals(32.9, curve.qualityAt(0.5).orElseThrow(), 1e-12);
        assertEquals(35.7052869884388, curve.qualityAt(1.0).orElseThrow(), 1e-11);
    }

    @Test
    void rangeIsInclusiveAndNothingIsExtrapolated() {
        RateQualityCurve curve = RateQualityCurve.of(BPP, PSNR);
        assertEquals(27.1, curve.qualityAt(0.12).orElseThrow(), 1e-12);
        assertEquals(38.4, curve.qualityAt(1.6).orElseThrow(), 1e-12);
        for (double outside : new double[] {0.1199, 1.6001, 0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertTrue(curve.qualityAt(outside).isEmpty(), "rate " + outside);
        }
        assertTrue(curve.rateAt(27).isEmpty());
        assertTrue(curve.rateAt(38.5).isEmpty());
        assertEquals(0.5, curve.rateAt(32.9).orElseThrow(), 1e-14);
        assertEquals(0.12, curve.minRate());
        assertEquals(1.6, curve.maxRate());
        assertEquals(27.1, curve.minQuality());
        assertEquals(38.4, curve.maxQuality());
    }

    @Test
    void inputOrderDoesNotMatter() {
        RateQualityCurve sorted = RateQualityCurve.of(BPP, PSNR);
        RateQualityCurve shuffled = RateQualityCurve.of(new double[] {0.9, 0.12, 1.6, 0.5, 0.25},
                new double[] {35.2, 27.1, 38.4, 32.9, 29.8});
        assertEquals(sorted.points(), shuffled.points());
        for (double rate = 0.12; rate <= 1.6; rate += 0.01) {
            assertEquals(sorted.qualityAt(rate), shuffled.qualityAt(rate));
        }
    }

    @Test
    void duplicateRatesMergeToTheirMeanWhateverTheOrder() {
        RateQualityCurve a = RateQualityCurve.of(new double[] {0.5, 0.5, 0.25, 1.0, 0.5},
                new double[] {30, 32, 28, 36, 31.3});
        RateQualityCurve b = RateQualityCurve.of(new double[] {0.25, 0.5, 1.0, 0.5, 0.5},
                new double[] {28, 31.3, 36, 32, 30});
        assertEquals(31.1, a.qualityAt(0.5).orElseThrow(), 1e-12);
        assertEquals(5, a.points().size(), "points() keeps duplicates");
        for (double rate = 0.25; rate <= 1.0; rate += 0.01) {
            assertEquals(a.qualityAt(rate), b.qualityAt(rate));
        }
        // Exact repeats of one point change nothing.
        RateQualityCurve plain = RateQualityCurve.of(BPP, PSNR);
        RateQualityCurve repeated = RateQualityCurve.of(new double[] {0.12, 0.25, 0.25, 0.5, 0.9, 1.6, 1.6, 1.6},
                new double[] {27.1, 29.8, 29.8, 32.9, 35.2, 38.4, 38.4, 38.4});
        assertEquals(plain.qualityAt(0.7), repeated.qualityAt(0.7));
    }

    @Test
    void onePointCurve() {
        RateQualityCurve single = RateQualityCurve.of(List.of(new RdPoint(0.5, 33)));
        assertEquals(33, single.qualityAt(0.5).orElseThrow());
        assertEquals(0.5, single.rateAt(33).orElseThrow(), 1e-15);
        assertTrue(single.qualityAt(0.50001).isEmpty());
    }

    @Test
    void msSsimDecibelScale() {
        RateQualityCurve curve = RateQualityCurve.of(new double[] {0.2, 0.4}, new double[] {0.9, 0.99});
        RateQualityCurve db = curve.in(QualityScale.MS_SSIM_DB);
        assertEquals(10, db.minQuality(), 1e-12);
        assertEquals(20, db.maxQuality(), 1e-12);
        assertTrue(curve.in(QualityScale.AS_IS) == curve);
        RateQualityCurve lossless = RateQualityCurve.of(new double[] {0.2, 4}, new double[] {0.9, 1.0});
        assertThrows(IllegalArgumentException.class, () -> lossless.in(QualityScale.MS_SSIM_DB));
    }

    @Test
    void rejectsInvalidPoints() {
        assertThrows(IllegalArgumentException.class, () -> RateQualityCurve.of(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new RdPoint(0, 30));
        assertThrows(IllegalArgumentException.class, () -> new RdPoint(-0.1, 30));
        assertThrows(IllegalArgumentException.class, () -> new RdPoint(Double.NaN, 30));
        assertThrows(IllegalArgumentException.class, () -> new RdPoint(Double.POSITIVE_INFINITY, 30));
        assertThrows(IllegalArgumentException.class, () -> new RdPoint(0.5, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new RdPoint(0.5, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class,
                () -> RateQualityCurve.of(new double[] {0.1, 0.2}, new double[] {30}));
    }
}

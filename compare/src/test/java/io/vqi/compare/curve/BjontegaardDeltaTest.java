package io.vqi.compare.curve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BjontegaardDeltaTest {
    private static final double[] BPP = {0.1, 0.2, 0.4, 0.8, 1.6};
    private static final double[] PSNR = {28.0, 30.6, 33.1, 35.9, 38.7};
    private static final RateQualityCurve ANCHOR = RateQualityCurve.of(BPP, PSNR);

    @ParameterizedTest
    @EnumSource(Interpolation.class)
    void sameQualityAtEightyPercentOfTheRateIsMinusTwentyPercent(Interpolation how) {
        RateQualityCurve test = RateQualityCurve.of(scale(BPP, 0.8), PSNR);
        BdResult result = BjontegaardDelta.bdRate(ANCHOR, test, how, QualityScale.AS_IS);
        assertEquals(-20.0, result.percent(), 1e-9);
        assertEquals(28.0, result.qualityLow());
        assertEquals(38.7, result.qualityHigh());
        assertEquals(25.0, BjontegaardDelta.bdRate(test, ANCHOR, how, QualityScale.AS_IS).percent(), 1e-9);
    }

    @ParameterizedTest
    @EnumSource(Interpolation.class)
    void identicalCurvesAreZero(Interpolation how) {
        RateQualityCurve copy = RateQualityCurve.of(BPP.clone(), PSNR.clone());
        assertEquals(0.0, BjontegaardDelta.bdRate(ANCHOR, copy, how, QualityScale.AS_IS).percent(), 0);
        assertEquals(0.0, BjontegaardDelta.bdQuality(ANCHOR, copy, how, QualityScale.AS_IS).delta(), 0);
    }

    @ParameterizedTest
    @EnumSource(Interpolation.class)
    void halfADecibelBetterAtEveryRateIsBdPsnrOfHalfADecibel(Interpolation how) {
        RateQualityCurve test = RateQualityCurve.of(BPP, offset(PSNR, 0.5));
        BdQualityResult result = BjontegaardDelta.bdQuality(ANCHOR, test, how, QualityScale.AS_IS);
        assertEquals(0.5, result.delta(), 1e-9);
        assertEquals(0.1, result.rateLow());
        assertEquals(1.6, result.rateHigh());
        assertTrue(BjontegaardDelta.bdRate(ANCHOR, test, how, QualityScale.AS_IS).percent() < 0,
                "better quality at equal rate saves bits");
    }

    @Test
    void partialOverlapMatchesScipyAndNumpy() {
        // Reference: scipy PchipInterpolator on ln(rate) integrated over the overlap (the FAU-LMS bjontegaard
        // package's method, which matches the JVET sheet), and numpy polyfit(., 3) for the classic method.
        RateQualityCurve anchor = RateQualityCurve.of(new double[] {0.12, 0.25, 0.5, 0.9, 1.6},
                new double[] {27.1, 29.8, 32.9, 35.2, 38.4});
        RateQualityCurve test = RateQualityCurve.of(new double[] {0.10, 0.22, 0.41, 0.83, 1.3},
                new double[] {27.5, 30.1, 33.4, 36.0, 38.1});
        BdResult pchip = BjontegaardDelta.bdRate(anchor, test);
        assertEquals(-22.3091344165897, pchip.percent(), 1e-10);
        assertEquals(27.5, pchip.qualityLow());
        assertEquals(38.1, pchip.qualityHigh());
        assertEquals(1.06724509873538, BjontegaardDelta.bdQuality(anchor, test).delta(), 1e-11);
        assertEquals(-22.2829364911712, BjontegaardDelta.bdRate(anchor, test, Interpolation.CUBIC_POLYNOMIAL,
                QualityScale.AS_IS).percent(), 1e-9);
        assertEquals(1.07894201492875, BjontegaardDelta.bdQuality(anchor, test, Interpolation.CUBIC_POLYNOMIAL,
                QualityScale.AS_IS).delta(), 1e-10);
    }

    @Test
    void msSsimAsIsOrInDecibels() {
        double[] msSsim = {0.90, 0.94, 0.965, 0.98, 0.99};
        RateQualityCurve anchor = RateQualityCurve.of(BPP, msSsim);
        RateQualityCurve cheaper = RateQualityCurve.of(scale(BPP, 0.9), msSsim);
        for (QualityScale scale : QualityScale.values()) {
            assertEquals(-10.0, BjontegaardDelta.bdRate(anchor, cheaper, Interpolation.PCHIP, scale).percent(), 1e-9);
        }
        BdResult db = BjontegaardDelta.bdRate(anchor, cheaper, Interpolation.PCHIP, QualityScale.MS_SSIM_DB);
        assertEquals(10.0, db.qualityLow(), 1e-12);
        assertEquals(20.0, db.qualityHigh(), 1e-12);

        RateQualityCurve better = RateQualityCurve.of(BPP, new double[] {0.91, 0.95, 0.97, 0.982, 0.991});
        double asIs = BjontegaardDelta.bdRate(anchor, better, Interpolation.PCHIP, QualityScale.AS_IS).percent();
        double inDb = BjontegaardDelta.bdRate(anchor, better, Interpolation.PCHIP, QualityScale.MS_SSIM_DB).percent();
        assertTrue(asIs < 0 && inDb < 0, asIs + " " + inDb);
        assertNotEquals(asIs, inDb, "the scale changes the weighting along the curve");
    }

    @Test
    void unsortedAndDuplicatedInputGivesTheSameAnswer() {
        RateQualityCurve test = RateQualityCurve.of(new double[] {0.7, 0.09, 1.5, 0.35, 0.18},
                new double[] {35.8, 28.3, 38.9, 33.0, 30.7});
        RateQualityCurve messy = RateQualityCurve.of(new double[] {1.5, 0.35, 0.09, 0.7, 0.18, 0.35},
                new double[] {38.9, 33.0, 28.3, 35.8, 30.7, 33.0});
        assertEquals(BjontegaardDelta.bdRate(ANCHOR, test), BjontegaardDelta.bdRate(ANCHOR, messy));
        assertEquals(BjontegaardDelta.bdQuality(ANCHOR, test), BjontegaardDelta.bdQuality(ANCHOR, messy));
    }

    @Test
    void curvesThatDoNotOverlapAreRejected() {
        RateQualityCurve far = RateQualityCurve.of(new double[] {2, 4}, new double[] {39, 42});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BjontegaardDelta.bdRate(ANCHOR, far));
        assertEquals("curves do not overlap in quality: anchor covers [28.0, 38.7], test covers [39.0, 42.0]",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BjontegaardDelta.bdQuality(ANCHOR, far));
        RateQualityCurve touching = RateQualityCurve.of(new double[] {1.6, 3}, new double[] {38.7, 41});
        assertThrows(IllegalArgumentException.class, () -> BjontegaardDelta.bdRate(ANCHOR, touching));
    }

    @Test
    void tooFewPointsAreRejected() {
        RateQualityCurve one = RateQualityCurve.of(new double[] {0.5, 0.6}, new double[] {33, 33});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BjontegaardDelta.bdRate(ANCHOR, one));
        assertEquals("test curve has 1 distinct qualities; PCHIP needs at least 2", e.getMessage());

        RateQualityCurve three = RateQualityCurve.of(new double[] {0.2, 0.4, 0.8}, new double[] {30, 33, 36});
        BjontegaardDelta.bdRate(ANCHOR, three);
        e = assertThrows(IllegalArgumentException.class, () -> BjontegaardDelta.bdRate(three, ANCHOR,
                Interpolation.CUBIC_POLYNOMIAL, QualityScale.AS_IS));
        assertEquals("anchor curve has 3 distinct qualities; CUBIC_POLYNOMIAL needs at least 4", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BjontegaardDelta.bdQuality(three, ANCHOR,
                Interpolation.CUBIC_POLYNOMIAL, QualityScale.AS_IS));
    }

    private static double[] scale(double[] values, double factor) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] * factor;
        }
        return out;
    }

    private static double[] offset(double[] values, double delta) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] + delta;
        }
        return out;
    }
}

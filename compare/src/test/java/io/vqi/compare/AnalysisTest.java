package io.vqi.compare;

import io.vqi.compare.curve.BdResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnalysisTest {
    private static final List<Double> RATES = List.of(0.1, 0.25, 0.5, 1.0);

    /** A codec whose image i at setting s has {@code rateScale * bpp(s)} and a PSNR that rises with log-rate. */
    private static void codec(List<Measurement> rows, String name, double rateScale) {
        int[] settings = {10, 30, 50, 70, 90};
        for (int image = 0; image < 2; image++) {
            for (int s : settings) {
                double bpp = rateScale * (0.15 + s / 50.0) * (image == 0 ? 0.9 : 1.1);
                long bytes = Math.round(bpp * 200 * 200 / 8);
                double realBpp = 8.0 * bytes / (200 * 200);
                double psnr = 30 + 6 * Math.log(realBpp / rateScale) / Math.log(2) + image;
                double msssim = 1 - 0.1 * Math.pow(2, -realBpp / rateScale);
                rows.add(Measurement.of(name, Integer.toString(s), "img" + image + ".png", 200, 200, bytes, psnr,
                        msssim, 1, 1));
            }
        }
    }

    private static BdResult measured(Analysis a, String codec, Metric metric) {
        BdRate.Outcome o = a.bdRates().stream().filter(b -> b.codec().equals(codec) && b.metric() == metric)
                .findFirst().orElseThrow().outcome();
        return assertInstanceOf(BdRate.Measured.class, o).result();
    }

    @Test
    void bdRateOfTheAnchorAgainstItselfIsZero() {
        List<Measurement> rows = new ArrayList<>();
        codec(rows, "jpeg", 1);
        Analysis a = Analysis.of(rows, "jpeg", RATES);
        assertEquals(0.0, measured(a, "jpeg", Metric.PSNR).percent(), 1e-12);
        assertEquals(0.0, measured(a, "jpeg", Metric.MS_SSIM).percent(), 1e-12);
    }

    @Test
    void halfTheRateForTheSameQualityIsMinusFiftyPercent() {
        List<Measurement> rows = new ArrayList<>();
        codec(rows, "jpeg", 1);
        codec(rows, "jpeg2000", 0.5);
        Analysis a = Analysis.of(rows, "jpeg", RATES);
        assertEquals(-50, measured(a, "jpeg2000", Metric.PSNR).percent(), 1.0);
        assertEquals(-50, measured(a, "jpeg2000", Metric.MS_SSIM).percent(), 1.0);
        BdResult bd = measured(a, "jpeg2000", Metric.PSNR);
        assertTrue(bd.qualityLow() < bd.qualityHigh());
    }

    @Test
    void meanCurvesAverageBppAndQualityPerSetting() {
        List<Measurement> rows = List.of(
                Measurement.of("jpeg", "50", "a.png", 10, 10, 100, 30, 0.9, 2, 4),
                Measurement.of("jpeg", "50", "b.png", 10, 10, 300, 34, 0.8, 4, 6));
        MeanPoint p = Analysis.of(rows, "jpeg", RATES).curve("jpeg").orElseThrow().points().get(0);
        assertEquals(2, p.images());
        assertEquals(16.0, p.bpp(), 1e-12);
        assertEquals(32.0, p.psnr(), 1e-12);
        assertEquals(0.85, p.msssim(), 1e-12);
        assertEquals(3.0, p.encMs(), 1e-12);
        assertEquals(5.0, p.decMs(), 1e-12);
    }

    @Test
    void losslessCodecsHaveNoCurveAndNoBdRate() {
        List<Measurement> rows = new ArrayList<>();
        codec(rows, "jpeg", 1);
        rows.add(Measurement.of("png", "lossless", "img0.png", 200, 200, 60000, Double.POSITIVE_INFINITY, 1.0, 5, 2));
        Analysis a = Analysis.of(rows, "jpeg", RATES);
        CodecCurve png = a.curve("png").orElseThrow();
        assertTrue(png.lossless());
        assertTrue(png.curve(Metric.PSNR).isEmpty());
        assertTrue(png.curve(Metric.MS_SSIM).isEmpty());
        for (Metric metric : Metric.values()) {
            BdRate.Outcome o = a.bdRates().stream().filter(b -> b.codec().equals("png") && b.metric() == metric)
                    .findFirst().orElseThrow().outcome();
            assertEquals(new BdRate.NotComputable("lossless"), o);
        }
        assertTrue(a.qualityAtRates().stream().noneMatch(q -> q.codec().equals("png")));
    }

    @Test
    void oneSettingOrNoOverlapIsAReasonNotAnError() {
        List<Measurement> rows = new ArrayList<>();
        codec(rows, "jpeg", 1);
        rows.add(Measurement.of("vqi", "1", "img0.png", 200, 200, 800, 12, 0.3, 5, 2));
        rows.add(Measurement.of("jpeg2000", "0.1", "img0.png", 200, 200, 500, 60, 0.9999, 5, 2));
        rows.add(Measurement.of("jpeg2000", "0.2", "img0.png", 200, 200, 1000, 70, 0.99999, 5, 2));
        Analysis a = Analysis.of(rows, "jpeg", RATES);
        BdRate.Outcome vqi = a.bdRates().stream().filter(b -> b.codec().equals("vqi")).findFirst().orElseThrow()
                .outcome();
        assertEquals(new BdRate.NotComputable("one quality only: a curve needs two settings"), vqi);
        BdRate.Outcome j2k = a.bdRates().stream().filter(b -> b.codec().equals("jpeg2000")).findFirst()
                .orElseThrow().outcome();
        assertTrue(assertInstanceOf(BdRate.NotComputable.class, j2k).reason().startsWith("no overlap"), j2k::toString);
    }

    @Test
    void qualityAtRateIsEmptyOutsideTheCurve() {
        List<Measurement> rows = new ArrayList<>();
        codec(rows, "jpeg", 1);
        Analysis a = Analysis.of(rows, "jpeg", RATES);
        QualityAtRate low = a.qualityAtRates().stream()
                .filter(q -> q.metric() == Metric.PSNR && q.bpp() == 0.1).findFirst().orElseThrow();
        assertTrue(low.quality().isEmpty());
        assertTrue(low.minRate() > 0.1);
        QualityAtRate mid = a.qualityAtRates().stream()
                .filter(q -> q.metric() == Metric.PSNR && q.bpp() == 1.0).findFirst().orElseThrow();
        assertTrue(mid.quality().isPresent());
    }
}

package io.vqi.compare;

import io.vqi.compare.curve.BjontegaardDelta;
import io.vqi.compare.curve.Interpolation;
import io.vqi.compare.curve.RateQualityCurve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The numbers derived from the rows: each codec's mean curve over the images (mean bpp and mean quality per
 * setting, as ANCHORS.md computes them), BD-rates against the anchor on those mean curves (PCHIP in log-rate, via
 * {@link BjontegaardDelta}, with the overlapping quality range), and the quality each mean curve reaches at fixed
 * rates.
 *
 * @param anchor         the codec the BD-rates are against
 * @param curves         one per codec that has rows, in row order
 * @param bdRates        per curve (the anchor included, at 0 %), PSNR then MS-SSIM
 * @param qualityAtRates per codec with a curve for the metric, per metric, per target rate
 */
public record Analysis(String anchor, List<CodecCurve> curves, List<BdRate> bdRates,
                       List<QualityAtRate> qualityAtRates, List<BdRate> vqiAgainst) {

    public Analysis {
        curves = List.copyOf(curves);
        bdRates = List.copyOf(bdRates);
        qualityAtRates = List.copyOf(qualityAtRates);
        vqiAgainst = List.copyOf(vqiAgainst);
    }

    public static Analysis of(List<Measurement> rows, String anchor, List<Double> targetRates) {
        List<CodecCurve> curves = meanCurves(rows);
        Optional<CodecCurve> anchorCurve = curves.stream().filter(c -> c.codec().equals(anchor)).findFirst();
        List<BdRate> bd = new ArrayList<>();
        List<QualityAtRate> atRates = new ArrayList<>();
        for (Metric metric : Metric.values()) {
            for (CodecCurve curve : curves) {
                bd.add(new BdRate(curve.codec(), metric, bdRate(anchor, anchorCurve, curve, metric)));
            }
            for (CodecCurve curve : curves) {
                Optional<RateQualityCurve> rq = curve.curve(metric);
                if (rq.isEmpty()) {
                    continue;
                }
                for (double rate : targetRates) {
                    atRates.add(new QualityAtRate(curve.codec(), metric, rate, rq.get().qualityAt(rate),
                            rq.get().minRate(), rq.get().maxRate()));
                }
            }
        }
        // vqi's BD-rate with each other codec as the anchor: the question a reader of a codec's README asks.
        List<BdRate> vqi = new ArrayList<>();
        Optional<CodecCurve> vqiCurve = curves.stream().filter(c -> c.codec().equals(VqiRunner.NAME)).findFirst();
        if (vqiCurve.isPresent()) {
            for (Metric metric : Metric.values()) {
                for (CodecCurve other : curves) {
                    if (!other.codec().equals(VqiRunner.NAME)) {
                        vqi.add(new BdRate(other.codec(), metric,
                                bdRate(other.codec(), Optional.of(other), vqiCurve.get(), metric)));
                    }
                }
            }
        }
        return new Analysis(anchor, curves, bd, atRates, vqi);
    }

    /** The mean curve of {@code codec}, if it has rows. */
    public Optional<CodecCurve> curve(String codec) {
        return curves.stream().filter(c -> c.codec().equals(codec)).findFirst();
    }

    /** Rows grouped by codec, then setting (both in first-seen order), averaged over the images. */
    static List<CodecCurve> meanCurves(List<Measurement> rows) {
        Map<String, Map<String, List<Measurement>>> grouped = new LinkedHashMap<>();
        for (Measurement m : rows) {
            grouped.computeIfAbsent(m.codec(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(m.setting(), k -> new ArrayList<>()).add(m);
        }
        List<CodecCurve> curves = new ArrayList<>();
        grouped.forEach((codec, bySetting) -> {
            List<MeanPoint> points = new ArrayList<>();
            bySetting.forEach((setting, ms) -> points.add(mean(setting, ms)));
            curves.add(new CodecCurve(codec, points));
        });
        return curves;
    }

    private static MeanPoint mean(String setting, List<Measurement> ms) {
        double bpp = 0;
        double psnr = 0;
        double msssim = 0;
        double enc = 0;
        double dec = 0;
        for (Measurement m : ms) {
            bpp += m.bpp();
            psnr += m.psnr();
            msssim += m.msssim();
            enc += m.encMs();
            dec += m.decMs();
        }
        int n = ms.size();
        return new MeanPoint(setting, n, bpp / n, psnr / n, msssim / n, enc / n, dec / n);
    }

    /** Checks every precondition of {@link BjontegaardDelta#bdRate} first, so a failure becomes a short reason. */
    private static BdRate.Outcome bdRate(String anchor, Optional<CodecCurve> anchorCurve, CodecCurve test,
                                         Metric metric) {
        if (test.lossless()) {
            return new BdRate.NotComputable("lossless");
        }
        Optional<RateQualityCurve> t = test.curve(metric);
        if (t.isEmpty()) {
            return new BdRate.NotComputable("no " + metric.label() + " values");
        }
        Optional<RateQualityCurve> a = anchorCurve.flatMap(c -> c.curve(metric));
        if (a.isEmpty()) {
            return new BdRate.NotComputable("anchor " + anchor + " has no " + metric.label() + " curve");
        }
        RateQualityCurve ts = t.get().in(metric.bdScale());
        RateQualityCurve as = a.get().in(metric.bdScale());
        if (!(ts.minQuality() < ts.maxQuality())) {
            return new BdRate.NotComputable("one quality only: a curve needs two settings");
        }
        if (!(as.minQuality() < as.maxQuality())) {
            return new BdRate.NotComputable("anchor has one quality only");
        }
        double low = Math.max(ts.minQuality(), as.minQuality());
        double high = Math.min(ts.maxQuality(), as.maxQuality());
        if (!(low < high)) {
            return new BdRate.NotComputable(String.format(Locale.ROOT,
                    "no overlap: %.2f to %.2f against the anchor's %.2f to %.2f (%s)", ts.minQuality(),
                    ts.maxQuality(), as.minQuality(), as.maxQuality(), metric.bdUnit()));
        }
        return new BdRate.Measured(BjontegaardDelta.bdRate(a.get(), t.get(), Interpolation.PCHIP,
                metric.bdScale()));
    }
}

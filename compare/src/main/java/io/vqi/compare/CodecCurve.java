package io.vqi.compare;

import io.vqi.compare.curve.RateQualityCurve;
import io.vqi.compare.curve.RdPoint;

import java.util.List;
import java.util.Optional;

/** A codec's mean points, one per setting in sweep order. */
public record CodecCurve(String codec, List<MeanPoint> points) {
    public CodecCurve {
        points = List.copyOf(points);
    }

    /** The points that can sit on a {@code metric} curve ({@link Metric#onCurve}), in sweep order. */
    public List<MeanPoint> usable(Metric metric) {
        return points.stream().filter(p -> metric.onCurve(metric.of(p))).toList();
    }

    /** The mean rate-quality curve for {@code metric}; empty when no point is usable (e.g. a lossless codec). */
    public Optional<RateQualityCurve> curve(Metric metric) {
        List<MeanPoint> usable = usable(metric);
        if (usable.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(RateQualityCurve.of(usable.stream().map(p -> new RdPoint(p.bpp(), metric.of(p))).toList()));
    }

    /** Whether every point is lossless (PSNR +Infinity): such a codec has no curve at all. */
    public boolean lossless() {
        return points.stream().allMatch(p -> p.psnr() == Double.POSITIVE_INFINITY);
    }
}

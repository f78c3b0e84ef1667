package io.vqi.compare.curve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;

/**
 * An immutable rate-quality curve: the (bpp, quality) points of one codec over its quality settings, for reading off
 * the quality at a fixed rate ({@link #qualityAt}), the rate at a fixed quality ({@link #rateAt}), and for
 * {@link BjontegaardDelta}.
 *
 * <p>Rates are interpolated in the log domain, with {@link Interpolation#PCHIP} unless a BD computation asks for
 * another method. The points may come in any order. A curve is a function of whichever coordinate is the abscissa,
 * so points that share it are merged into one whose other coordinate is their mean (in log-rate, so rates merge by
 * geometric mean); the result does not depend on input order. The curve need not be monotone.
 */
public final class RateQualityCurve {
    private static final Comparator<RdPoint> BY_RATE =
            Comparator.comparingDouble(RdPoint::bpp).thenComparingDouble(RdPoint::quality);

    private final List<RdPoint> points;
    private final Merged byLogRate;
    private final Merged byQuality;
    private final Pchip qualityOfLogRate;
    private final Pchip logRateOfQuality;

    private RateQualityCurve(List<RdPoint> points) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("a rate-quality curve needs at least one point");
        }
        List<RdPoint> sorted = new ArrayList<>(points);
        sorted.sort(BY_RATE);
        this.points = List.copyOf(sorted);
        int n = sorted.size();
        double[] logRate = new double[n];
        double[] quality = new double[n];
        for (int i = 0; i < n; i++) {
            logRate[i] = Math.log(sorted.get(i).bpp());
            quality[i] = sorted.get(i).quality();
        }
        this.byLogRate = Merged.of(logRate, quality);
        this.byQuality = Merged.of(quality, logRate);
        this.qualityOfLogRate = Pchip.fit(byLogRate.x, byLogRate.y);
        this.logRateOfQuality = Pchip.fit(byQuality.x, byQuality.y);
    }

    /** A curve through the given points, in any order. */
    public static RateQualityCurve of(Collection<RdPoint> points) {
        return new RateQualityCurve(List.copyOf(points));
    }

    /** A curve through {@code (bpp[i], quality[i])}, in any order. */
    public static RateQualityCurve of(double[] bpp, double[] quality) {
        if (bpp.length != quality.length) {
            throw new IllegalArgumentException("bpp and quality differ in length: " + bpp.length + " vs "
                    + quality.length);
        }
        List<RdPoint> points = new ArrayList<>(bpp.length);
        for (int i = 0; i < bpp.length; i++) {
            points.add(new RdPoint(bpp[i], quality[i]));
        }
        return new RateQualityCurve(points);
    }

    /** All points as given (duplicates kept), sorted by rate, then quality. */
    public List<RdPoint> points() {
        return points;
    }

    public double minRate() {
        return points.get(0).bpp();
    }

    public double maxRate() {
        return points.get(points.size() - 1).bpp();
    }

    public double minQuality() {
        return byQuality.x[0];
    }

    public double maxQuality() {
        return byQuality.x[byQuality.x.length - 1];
    }

    /**
     * The quality at {@code bpp}, by PCHIP of quality over log-rate; empty if {@code bpp} is outside
     * [{@link #minRate()}, {@link #maxRate()}] (no extrapolation). The ends are inside.
     */
    public OptionalDouble qualityAt(double bpp) {
        if (!(bpp >= minRate() && bpp <= maxRate())) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(qualityOfLogRate.valueAt(Math.log(bpp)));
    }

    /**
     * The rate in bpp that reaches {@code quality}, by PCHIP of log-rate over quality (the direction BD-rate
     * integrates); empty if {@code quality} is outside [{@link #minQuality()}, {@link #maxQuality()}].
     */
    public OptionalDouble rateAt(double quality) {
        if (!(quality >= minQuality() && quality <= maxQuality())) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Math.exp(logRateOfQuality.valueAt(quality)));
    }

    /** This curve with every quality converted to {@code scale}. */
    public RateQualityCurve in(QualityScale scale) {
        if (scale == QualityScale.AS_IS) {
            return this;
        }
        return new RateQualityCurve(points.stream().map(p -> new RdPoint(p.bpp(), scale.apply(p.quality()))).toList());
    }

    /** Log-rate as a function of quality, for BD-rate; {@code role} names the curve in errors. */
    Interpolant logRateOfQuality(Interpolation how, String role) {
        return fit(how, byQuality, role, "qualities");
    }

    /** Quality as a function of log-rate, for BD-quality; {@code role} names the curve in errors. */
    Interpolant qualityOfLogRate(Interpolation how, String role) {
        return fit(how, byLogRate, role, "rates");
    }

    private static Interpolant fit(Interpolation how, Merged merged, String role, String abscissa) {
        if (merged.x.length < how.minimumPoints()) {
            throw new IllegalArgumentException(role + " curve has " + merged.x.length + " distinct " + abscissa
                    + "; " + how + " needs at least " + how.minimumPoints());
        }
        return how.fit(merged.x, merged.y);
    }

    @Override
    public String toString() {
        return "RateQualityCurve" + points;
    }

    /** Points with strictly increasing x; each run of equal x replaced by one point at the mean y. */
    private record Merged(double[] x, double[] y) {
        static Merged of(double[] x, double[] y) {
            Integer[] order = new Integer[x.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            // Sorting ties by y makes each run's sum, and so its mean, independent of the input order.
            Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> x[i]).thenComparingDouble(i -> y[i]));
            double[] mx = new double[x.length];
            double[] my = new double[x.length];
            int count = 0;
            for (int start = 0; start < order.length; ) {
                double runX = x[order[start]];
                double first = y[order[start]];
                double offsets = 0;
                int end = start + 1;
                for (; end < order.length && x[order[end]] == runX; end++) {
                    offsets += y[order[end]] - first;
                }
                // first + mean offset, so that a run of equal values keeps that exact value.
                mx[count] = runX;
                my[count] = first + offsets / (end - start);
                count++;
                start = end;
            }
            return new Merged(Arrays.copyOf(mx, count), Arrays.copyOf(my, count));
        }
    }
}

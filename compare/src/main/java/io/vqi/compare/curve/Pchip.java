package io.vqi.compare.curve;

import java.util.Arrays;

/**
 * Monotone piecewise cubic Hermite interpolant (Fritsch–Carlson PCHIP). On each interval the curve is the cubic
 * with the data values and the slopes below at both ends, so it is C1 and never leaves the range of its two points.
 * <ul>
 *   <li>interior slopes: 0 where the neighbouring secant slopes differ in sign or one is 0 (a local extremum stays
 *       flat), otherwise their weighted harmonic mean with weights {@code 2h_k + h_(k-1)} and {@code h_k + 2h_(k-1)}
 *       (Fritsch–Butland, as in Matlab's {@code pchip} and scipy's {@code PchipInterpolator});</li>
 *   <li>end slopes: the one-sided three-point estimate, set to 0 if its sign differs from the end secant and
 *       limited to 3x that secant where the first two secants differ in sign;</li>
 *   <li>two points: the straight line; one point: a single value.</li>
 * </ul>
 */
final class Pchip implements Interpolant {
    private final double[] x;
    private final double[] y;
    private final double[] slope;

    private Pchip(double[] x, double[] y, double[] slope) {
        this.x = x;
        this.y = y;
        this.slope = slope;
    }

    /** Fits points with strictly increasing, finite {@code x}; at least one point. The arrays are copied. */
    static Pchip fit(double[] x, double[] y) {
        Knots.require(x, y, 1);
        int n = x.length;
        double[] slope = new double[n];
        if (n == 2) {
            Arrays.fill(slope, (y[1] - y[0]) / (x[1] - x[0]));
        } else if (n > 2) {
            double[] h = new double[n - 1];
            double[] secant = new double[n - 1];
            for (int k = 0; k < n - 1; k++) {
                h[k] = x[k + 1] - x[k];
                secant[k] = (y[k + 1] - y[k]) / h[k];
            }
            for (int k = 1; k < n - 1; k++) {
                double before = secant[k - 1];
                double after = secant[k];
                if (Math.signum(before) * Math.signum(after) <= 0) {
                    slope[k] = 0;
                } else {
                    double w1 = 2 * h[k] + h[k - 1];
                    double w2 = h[k] + 2 * h[k - 1];
                    slope[k] = (w1 + w2) / (w1 / before + w2 / after);
                }
            }
            slope[0] = endSlope(h[0], h[1], secant[0], secant[1]);
            slope[n - 1] = endSlope(h[n - 2], h[n - 3], secant[n - 2], secant[n - 3]);
        }
        return new Pchip(x.clone(), y.clone(), slope);
    }

    /** Slope at an end from the end interval (h0, m0) and its neighbour (h1, m1), kept shape-preserving. */
    private static double endSlope(double h0, double h1, double m0, double m1) {
        double d = ((2 * h0 + h1) * m0 - h0 * m1) / (h0 + h1);
        if (Math.signum(d) != Math.signum(m0)) {
            return 0;
        }
        if (Math.signum(m0) != Math.signum(m1) && Math.abs(d) > 3 * Math.abs(m0)) {
            return 3 * m0;
        }
        return d;
    }

    @Override
    public double lowerBound() {
        return x[0];
    }

    @Override
    public double upperBound() {
        return x[x.length - 1];
    }

    @Override
    public double valueAt(double at) {
        if (x.length == 1) {
            return y[0];
        }
        int k = segment(at);
        double s = at - x[k];
        Cubic c = cubic(k);
        return y[k] + s * (slope[k] + s * (c.square + s * c.cube));
    }

    @Override
    public double integral(double from, double to) {
        if (x.length == 1) {
            return 0;
        }
        double sum = 0;
        for (int k = segment(from), last = segment(to); k <= last; k++) {
            double lo = Math.max(from, x[k]) - x[k];
            double hi = Math.min(to, x[k + 1]) - x[k];
            sum += antiderivative(k, hi) - antiderivative(k, lo);
        }
        return sum;
    }

    /** Coefficients of s² and s³ of the Hermite cubic on interval k, in s = x - x_k. */
    private record Cubic(double square, double cube) {
    }

    private Cubic cubic(int k) {
        double h = x[k + 1] - x[k];
        double secant = (y[k + 1] - y[k]) / h;
        double d0 = slope[k];
        double d1 = slope[k + 1];
        return new Cubic((3 * secant - 2 * d0 - d1) / h, (d0 + d1 - 2 * secant) / (h * h));
    }

    /** Integral of the interval-k cubic from s = 0 to s. */
    private double antiderivative(int k, double s) {
        Cubic c = cubic(k);
        return s * (y[k] + s * (slope[k] / 2 + s * (c.square / 3 + s * c.cube / 4)));
    }

    /** The interval [x_k, x_(k+1)] that holds {@code at}, clamped to the first and last interval. */
    private int segment(double at) {
        int i = Arrays.binarySearch(x, at);
        int k = i >= 0 ? i : -i - 2;
        return Math.max(0, Math.min(k, x.length - 2));
    }
}

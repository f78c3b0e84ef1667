package io.vqi.compare.curve;

/** Preconditions shared by the interpolants. */
final class Knots {
    private Knots() {
    }

    /** Equal lengths, at least {@code minimum} points, finite values, strictly increasing x. */
    static void require(double[] x, double[] y, int minimum) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length: " + x.length + " vs " + y.length);
        }
        if (x.length < minimum) {
            throw new IllegalArgumentException("need at least " + minimum + " points, got " + x.length);
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException("point " + i + " is not finite: (" + x[i] + ", " + y[i] + ")");
            }
            if (i > 0 && !(x[i] > x[i - 1])) {
                throw new IllegalArgumentException("x must increase strictly, but x[" + i + "] = " + x[i]
                        + " after " + x[i - 1]);
            }
        }
    }
}

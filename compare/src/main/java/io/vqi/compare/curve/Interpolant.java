package io.vqi.compare.curve;

/** A curve y(x) fitted through points, defined on [{@link #lowerBound()}, {@link #upperBound()}]. */
sealed interface Interpolant permits Pchip, CubicPolynomial {
    double lowerBound();

    double upperBound();

    /** The curve at {@code x}; {@code x} must lie within the bounds. */
    double valueAt(double x);

    /** The exact integral of the curve from {@code from} to {@code to}, both within the bounds, {@code from <= to}. */
    double integral(double from, double to);
}

package io.vqi.compare.curve;

/** How {@link BjontegaardDelta} and {@link RateQualityCurve} draw a curve through rate-quality points. */
public enum Interpolation {
    /**
     * Monotone piecewise cubic Hermite interpolation (PCHIP, Fritsch–Carlson with Fritsch–Butland weighted harmonic
     * slopes and the shape-preserving three-point end slopes): the method of the JCT-VC / JVET common-test-condition
     * sheets ("bjontegaard2" pchip) and of scipy's {@code PchipInterpolator}. It passes through every point and never
     * overshoots between them. Needs 2 points.
     */
    PCHIP(2),
    /**
     * The original VCEG-M33 method: one least-squares cubic polynomial through all points. Can swing far outside the
     * data on awkward curves; offered to compare with old published numbers. Needs 4 points.
     */
    CUBIC_POLYNOMIAL(4);

    private final int minimumPoints;

    Interpolation(int minimumPoints) {
        this.minimumPoints = minimumPoints;
    }

    /** Fewest distinct abscissae the method accepts. */
    public int minimumPoints() {
        return minimumPoints;
    }

    /** Fits points with strictly increasing {@code x}; at least {@link #minimumPoints()} of them. */
    Interpolant fit(double[] x, double[] y) {
        return switch (this) {
            case PCHIP -> Pchip.fit(x, y);
            case CUBIC_POLYNOMIAL -> CubicPolynomial.fit(x, y);
        };
    }
}

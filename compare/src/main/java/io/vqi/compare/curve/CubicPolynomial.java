package io.vqi.compare.curve;

/**
 * The least-squares cubic polynomial through all points (VCEG-M33, the original Bjøntegaard method). It is fitted
 * in {@code t = (x - centre) / halfSpan}, which maps the data onto [-1, 1] and keeps the normal equations well
 * conditioned whatever the units of x (PSNR near 40 would otherwise put 40^6 into the matrix).
 */
final class CubicPolynomial implements Interpolant {
    private static final int TERMS = 4;

    private final double lower;
    private final double upper;
    private final double centre;
    private final double halfSpan;
    /** Coefficients of 1, t, t², t³. */
    private final double[] c;

    private CubicPolynomial(double lower, double upper, double[] c) {
        this.lower = lower;
        this.upper = upper;
        this.centre = (lower + upper) / 2;
        this.halfSpan = (upper - lower) / 2;
        this.c = c;
    }

    /** Fits at least 4 points with strictly increasing, finite {@code x}. */
    static CubicPolynomial fit(double[] x, double[] y) {
        Knots.require(x, y, TERMS);
        int n = x.length;
        double lower = x[0];
        double upper = x[n - 1];
        double centre = (lower + upper) / 2;
        double halfSpan = (upper - lower) / 2;
        // Normal equations A c = b with A[i][j] = sum t^(i+j), b[i] = sum y t^i.
        double[][] a = new double[TERMS][TERMS + 1];
        for (int p = 0; p < n; p++) {
            double t = (x[p] - centre) / halfSpan;
            double[] powers = {1, t, t * t, t * t * t};
            for (int i = 0; i < TERMS; i++) {
                for (int j = 0; j < TERMS; j++) {
                    a[i][j] += powers[i] * powers[j];
                }
                a[i][TERMS] += powers[i] * y[p];
            }
        }
        return new CubicPolynomial(lower, upper, solve(a));
    }

    /** Gaussian elimination with partial pivoting on an augmented matrix; distinct x make it non-singular. */
    private static double[] solve(double[][] a) {
        int n = a.length;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int row = col + 1; row < n; row++) {
                if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) {
                    pivot = row;
                }
            }
            double[] swap = a[col];
            a[col] = a[pivot];
            a[pivot] = swap;
            for (int row = col + 1; row < n; row++) {
                double factor = a[row][col] / a[col][col];
                for (int j = col; j <= n; j++) {
                    a[row][j] -= factor * a[col][j];
                }
            }
        }
        double[] solution = new double[n];
        for (int row = n - 1; row >= 0; row--) {
            double sum = a[row][n];
            for (int j = row + 1; j < n; j++) {
                sum -= a[row][j] * solution[j];
            }
            solution[row] = sum / a[row][row];
        }
        return solution;
    }

    @Override
    public double lowerBound() {
        return lower;
    }

    @Override
    public double upperBound() {
        return upper;
    }

    @Override
    public double valueAt(double at) {
        double t = (at - centre) / halfSpan;
        return c[0] + t * (c[1] + t * (c[2] + t * c[3]));
    }

    @Override
    public double integral(double from, double to) {
        return halfSpan * (antiderivative((to - centre) / halfSpan) - antiderivative((from - centre) / halfSpan));
    }

    private double antiderivative(double t) {
        return t * (c[0] + t * (c[1] / 2 + t * (c[2] / 3 + t * c[3] / 4)));
    }
}

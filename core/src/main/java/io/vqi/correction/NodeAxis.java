package io.vqi.correction;

/**
 * One axis of piecewise-linear interpolation between nodes every {@code B = 2^log2Spacing} pixels, the first on
 * pixel 0 (SPEC.md §5.2.7, shared by the {@code corr} plane and the {@code edge} strip): pixel p lies between nodes
 * {@code i0 = min(p / B, nodes - 2)} and {@code i0 + 1} with integer weights {@code B - f} and {@code f},
 * {@code f = p - B * i0}. Also the encoder's least-squares solve over those nodes.
 */
final class NodeAxis {
    /** Added to U'U's diagonal: negligible where a node has its pixels, decisive where it has almost none. */
    private static final double RIDGE = 0.01;

    final int[] i0;
    final int[] i1;
    final int[] w0;
    final int[] w1;
    final int nodes;
    final int spacing;
    /** Tridiagonal U'U (+ ridge): diagonal and off-diagonal, for {@link #solve}. */
    private double[] diag;
    private double[] off;

    NodeAxis(int pixels, int log2Spacing) {
        this.nodes = ColourPlane.cells(pixels, log2Spacing);
        this.spacing = 1 << log2Spacing;
        i0 = new int[pixels];
        i1 = new int[pixels];
        w0 = new int[pixels];
        w1 = new int[pixels];
        for (int p = 0; p < pixels; p++) {
            int i = Math.min(p >> log2Spacing, nodes - 2);
            int f = p - spacing * i;
            i0[p] = i;
            i1[p] = i + 1;
            w0[p] = spacing - f;
            w1[p] = f;
        }
    }

    double weight0(int p) {
        return (double) w0[p] / spacing;
    }

    double weight1(int p) {
        return (double) w1[p] / spacing;
    }

    /** Solves {@code (U'U + ridge) m = b} in place (Thomas algorithm). */
    void solve(double[] b) {
        if (diag == null) {
            diag = new double[nodes];
            off = new double[nodes];
            for (int p = 0; p < i0.length; p++) {
                double a = weight0(p);
                double c = weight1(p);
                diag[i0[p]] += a * a;
                diag[i1[p]] += c * c;
                off[i0[p]] += a * c; // between i0 and i0 + 1
            }
            for (int i = 0; i < nodes; i++) {
                diag[i] += RIDGE;
            }
        }
        int n = nodes;
        double[] c = new double[n];
        double[] d = new double[n];
        double denom = diag[0];
        c[0] = off[0] / denom;
        d[0] = b[0] / denom;
        for (int i = 1; i < n; i++) {
            denom = diag[i] - off[i - 1] * c[i - 1];
            c[i] = i < n - 1 ? off[i] / denom : 0;
            d[i] = (b[i] - off[i - 1] * d[i - 1]) / denom;
        }
        b[n - 1] = d[n - 1];
        for (int i = n - 2; i >= 0; i--) {
            b[i] = d[i] - c[i] * b[i + 1];
        }
    }
}

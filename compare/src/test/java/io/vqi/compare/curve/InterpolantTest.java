package io.vqi.compare.curve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InterpolantTest {
    /** Has a local extremum (interior slopes forced to 0) and a right end whose slope gets limited to 3x. */
    private static final double[] X = {0, 1, 2.5, 3, 5};
    private static final double[] Y = {0, 2, 1.9, 4, 3};

    @Test
    void pchipMatchesScipy() {
        // Expected values from scipy.interpolate.PchipInterpolator(X, Y) (scipy 1.17).
        Pchip p = Pchip.fit(X, Y);
        assertEquals(0.84752, p.valueAt(0.3), 1e-12);
        assertEquals(1.95499259259259, p.valueAt(1.7), 1e-12);
        assertEquals(2.6392, p.valueAt(2.7), 1e-12);
        assertEquals(3.833625, p.valueAt(4.1), 1e-12);
        assertEquals(11.7737671111111, p.integral(0.2, 4.6), 1e-12);
    }

    @Test
    void pchipPassesThroughItsPointsWithoutOvershoot() {
        Pchip p = Pchip.fit(X, Y);
        for (int i = 0; i < X.length; i++) {
            assertEquals(Y[i], p.valueAt(X[i]), 1e-15);
        }
        for (int i = 0; i < X.length - 1; i++) {
            double lo = Math.min(Y[i], Y[i + 1]);
            double hi = Math.max(Y[i], Y[i + 1]);
            for (double t = 0; t <= 1; t += 0.01) {
                double v = p.valueAt(X[i] + t * (X[i + 1] - X[i]));
                assertTrue(v >= lo - 1e-12 && v <= hi + 1e-12, "overshoot " + v + " on interval " + i);
            }
        }
    }

    @Test
    void pchipIntegralIsAdditive() {
        Pchip p = Pchip.fit(X, Y);
        assertEquals(p.integral(0, 5), p.integral(0, 1.3) + p.integral(1.3, 3) + p.integral(3, 5), 1e-13);
        assertEquals(0, p.integral(2, 2), 0);
    }

    @Test
    void twoPointsAreAStraightLine() {
        Pchip p = Pchip.fit(new double[] {1, 3}, new double[] {10, 14});
        assertEquals(12, p.valueAt(2), 1e-15);
        assertEquals(24, p.integral(1, 3), 1e-13);
    }

    @Test
    void cubicPolynomialReproducesACubic() {
        double[] x = {27, 30, 33, 36, 39, 41};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = cubic(x[i]);
        }
        CubicPolynomial c = CubicPolynomial.fit(x, y);
        assertEquals(cubic(31.7), c.valueAt(31.7), 1e-9);
        // Antiderivative of the cubic below.
        double exact = antiderivative(40) - antiderivative(28);
        assertEquals(exact, c.integral(28, 40), 1e-8);
    }

    @Test
    void rejectsBadKnots() {
        assertThrows(IllegalArgumentException.class, () -> Pchip.fit(new double[] {1, 1}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> Pchip.fit(new double[] {2, 1}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> Pchip.fit(new double[] {1}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> Pchip.fit(new double[0], new double[0]));
        assertThrows(IllegalArgumentException.class,
                () -> Pchip.fit(new double[] {1, Double.NaN}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class,
                () -> CubicPolynomial.fit(new double[] {1, 2, 3}, new double[] {1, 2, 3}));
    }

    private static double cubic(double x) {
        return 5 - 0.3 * x + 0.02 * x * x - 0.0004 * x * x * x;
    }

    private static double antiderivative(double x) {
        return 5 * x - 0.15 * x * x + 0.02 / 3 * x * x * x - 0.0001 * x * x * x * x;
    }
}

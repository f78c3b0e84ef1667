package io.vqi.model;

/**
 * The one inner kernel of the pure-Java networks whose outputs choose CDFs (the PixelCNN prior, the refinement
 * layer's entropy network): a sum of terms in a fixed order for many outputs at once, written so that JDK 17's C2
 * vectorises it across outputs without changing any one output's sequence of roundings.
 *
 * <p>What C2 (SuperWord) needs: every array indexed by the bare loop variable. An invariant offset added to it, as
 * in {@code y[yOff + k] += a * x[xOff + k]}, keeps the loop scalar. Hence weights kept as one array per input (per
 * tap and input channel, or per hidden unit) and accumulators as arrays of their own.
 */
public final class FloatKernels {

    private FloatKernels() {
    }

    /**
     * {@code acc[o] += x[j] * w[j][o]} for {@code j = 0, 1, ..., n-1} in that order, for every {@code o < width}:
     * each output's sum is the sequence of roundings the plain loop {@code for j: for o: acc[o] += x[j] * w[j][o]}
     * performs (Java rounds every multiply and every add, fuses nothing and never reassociates). Terms are taken
     * four at a time, {@code (((acc + x0 * w0) + x1 * w1) + x2 * w2) + x3 * w3}: the same roundings in the same
     * order, with one load and store of {@code acc[o]} per four terms. Four is what measured fastest on JDK 17
     * (C2 still vectorises the loop; with eight terms its body is too big to unroll and it stays scalar).
     */
    public static void accumulate(float[] acc, int width, float[] x, float[][] w, int n) {
        int j = 0;
        for (; j + 4 <= n; j += 4) {
            float x0 = x[j];
            float x1 = x[j + 1];
            float x2 = x[j + 2];
            float x3 = x[j + 3];
            float[] w0 = w[j];
            float[] w1 = w[j + 1];
            float[] w2 = w[j + 2];
            float[] w3 = w[j + 3];
            for (int o = 0; o < width; o++) {
                acc[o] = acc[o] + x0 * w0[o] + x1 * w1[o] + x2 * w2[o] + x3 * w3[o];
            }
        }
        if (j + 2 <= n) {
            float x0 = x[j];
            float x1 = x[j + 1];
            float[] w0 = w[j];
            float[] w1 = w[j + 1];
            for (int o = 0; o < width; o++) {
                acc[o] = acc[o] + x0 * w0[o] + x1 * w1[o];
            }
            j += 2;
        }
        if (j < n) {
            float x0 = x[j];
            float[] w0 = w[j];
            for (int o = 0; o < width; o++) {
                acc[o] = acc[o] + x0 * w0[o];
            }
        }
    }

    /** {@code flat} cut into consecutive rows of {@code width} (copies). */
    public static float[][] rows(float[] flat, int width) {
        if (flat.length % width != 0) {
            throw new IllegalArgumentException(flat.length + " values are not rows of " + width);
        }
        float[][] rows = new float[flat.length / width][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = java.util.Arrays.copyOfRange(flat, r * width, (r + 1) * width);
        }
        return rows;
    }
}

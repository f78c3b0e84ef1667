package io.vqi.refine;

import io.vqi.entropy.CdfQuantizer;
import io.vqi.model.RefineConfig;
import io.vqi.entropy.QuantizedCdf;

/**
 * The integer CDFs the refinement layer is coded with: one per entry of a fixed table of logistic scales
 * ({@value #SCALES} values, log-spaced from {@link RefineConfig#SCALE_FLOOR} to {@value #MAX_SCALE}), as CompressAI's
 * Gaussian conditional does with its scale table. An element whose model scale is {@code s} is coded with the first
 * table entry at or above {@code s} (the last one for larger scales), so the choice is a comparison of doubles that
 * every machine makes the same way.
 *
 * <p>Entry {@code i} covers the integers {@code -M_i .. M_i} with {@code M_i = ceil(12 S_i) + 1}, then one escape
 * symbol for anything further out (coded after it with Exp-Golomb, see {@link ResidualCoder}). Bin masses are
 * {@code sigmoid((v + 1/2) / S) - sigmoid((v - 1/2) / S)}, computed with {@link StrictMath} and quantised by
 * {@link CdfQuantizer} with its floor, so every symbol stays codable and the tables are the same on every machine.
 */
public final class LogisticTables {

    public static final int SCALES = 64;
    public static final double MAX_SCALE = 256.0;
    /** Bits of the CDFs' total: 20 keeps the floor's cost small for the widest tables (about 6,000 symbols). */
    public static final int PRECISION = 20;

    private static final double[] SCALE = new double[SCALES];
    private static final int[] RADIUS = new int[SCALES];
    private static final QuantizedCdf[] CDF = new QuantizedCdf[SCALES];

    static {
        double lo = StrictMath.log(RefineConfig.SCALE_FLOOR);
        double hi = StrictMath.log(MAX_SCALE);
        CdfQuantizer quantizer = new CdfQuantizer(PRECISION);
        for (int i = 0; i < SCALES; i++) {
            double s = StrictMath.exp(lo + (hi - lo) * i / (SCALES - 1));
            SCALE[i] = s;
            int m = (int) StrictMath.ceil(12 * s) + 1;
            RADIUS[i] = m;
            double[] pmf = new double[2 * m + 2];
            double inside = 0;
            for (int v = -m; v <= m; v++) {
                double p = logistic((v + 0.5) / s) - logistic((v - 0.5) / s);
                pmf[v + m] = p;
                inside += p;
            }
            pmf[2 * m + 1] = Math.max(0, 1 - inside); // the escape: both tails
            CDF[i] = quantizer.fromPmf(pmf);
        }
    }

    private LogisticTables() {
    }

    /** The table entry for a model scale: the first at or above it, the last for larger scales. */
    public static int index(double scale) {
        int lo = 0;
        int hi = SCALES - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (SCALE[mid] >= scale) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    public static double scale(int index) {
        return SCALE[index];
    }

    /** Largest magnitude entry {@code index} codes directly; beyond it, the escape symbol {@code 2 * radius + 1}. */
    public static int radius(int index) {
        return RADIUS[index];
    }

    public static QuantizedCdf cdf(int index) {
        return CDF[index];
    }

    private static double logistic(double x) {
        return x >= 0 ? 1 / (1 + StrictMath.exp(-x)) : StrictMath.exp(x) / (1 + StrictMath.exp(x));
    }
}

package io.vqi.entropy;

import java.util.Objects;

/**
 * Turns model probabilities (a pmf or logits) into a {@link QuantizedCdf}: the only path by which floating-point
 * numbers reach the range coder. Encoder and decoder must build bit-identical CDFs from the prior's output, so
 * every step is pure Java with a fixed order of operations: IEEE {@code double} arithmetic (strict since Java 17,
 * no FMA contraction), {@link StrictMath} for {@code exp}, sums in a fixed order. The same input always gives the
 * same {@code int[]} on every JVM and CPU.
 *
 * <h2>Algorithm</h2>
 * Let {@code T = 2^precision} and {@code K} the alphabet size ({@code K <= T}). Every symbol must stay codable,
 * so each gets a floor of one unit. Among distributions with that floor, the one closest to the model
 * (minimum KL divergence) is the water-filling solution {@code q_i = max(1, lambda * w_i)}, with {@code lambda}
 * chosen so the {@code q_i} sum to {@code T}:
 * <ol>
 *   <li>{@code lambda = T / sum(w)}; symbols with {@code lambda * w_i <= 1} are floored, and
 *       {@code lambda = (T - floored) / (sum of the others' weights)}; repeat until the floored set stops
 *       changing. Only the first pass reads every symbol: lambda never falls below {@code (T - K) / T} of its
 *       first value, so later passes revisit just the few symbols that close to the threshold (at most
 *       {@value #MAX_PASSES} passes).</li>
 *   <li>Each symbol gets its floor, and the other {@code M = T - K} units are shared in proportion to the
 *       excess {@code y_i = max(0, lambda * w_i - 1)} by rounding running sums:
 *       {@code cdf[i] = i + round(M * (y_0 + ... + y_{i-1}) / sum(y))}, the running sum kept in 64-bit fixed
 *       point (32 fractional bits). Running sums of non-negative terms never decrease, so every frequency is at
 *       least 1 by construction, each differs from its ideal share by less than one unit, and the total is
 *       exactly {@code T}.</li>
 * </ol>
 * Every sum of doubles has a fixed order. The total weight is four interleaved partial sums (index mod 4) added
 * as {@code (s0 + s1) + (s2 + s3)}: as deterministic as a left-to-right loop and a quarter of its latency; the
 * other sums run in index order.
 *
 * <p>Inputs are validated: NaN, negative or infinite probabilities, an all-zero pmf, NaN or {@code +Infinity}
 * logits throw {@link IllegalArgumentException} naming the index. A logit of {@code -Infinity} is probability 0.
 * Probabilities need not be normalised.
 *
 * <h2>Logits</h2>
 * {@code softmax} needs one {@code exp} per symbol. To make that cheap without giving up determinism, each gap
 * {@code max - logit} is snapped to a grid of 2<sup>-{@value #LOGIT_GRID_BITS}</sup> nats (a relative
 * probability change below 0.05 %, whose coding cost is negligible) and looked up in tables filled with
 * {@link StrictMath#exp} at class initialisation: {@code exp(-gap) = exp(-whole) * exp(-fraction)}. Gaps of
 * {@value #MAX_GAP_NATS} nats or more get weight 0: {@code e^-64} is about {@code 1.6e-28}, far below one unit of
 * {@code 2^-24}, so such a symbol would only get its floor anyway.
 *
 * <h2>Use</h2>
 * One instance per thread: it keeps scratch arrays so that a call allocates only the returned CDF's array, which
 * the CDF then owns (no copy, no second validation: the construction above guarantees the contract).
 */
public final class CdfQuantizer {
    /** Logit gaps are rounded to multiples of {@code 2^-LOGIT_GRID_BITS} nats. */
    public static final int LOGIT_GRID_BITS = 10;
    /** Logits this many nats or more below the largest get probability 0 (and therefore the floor). */
    public static final int MAX_GAP_NATS = 64;
    /** Bound on water-filling passes after the first (which alone reads all symbols); the result stays valid. */
    static final int MAX_PASSES = 32;

    private static final int GRID = 1 << LOGIT_GRID_BITS;
    /** Gaps (in grid steps) are clamped here; {@code EXP_WHOLE[MAX_GAP_NATS] == 0} turns them into weight 0. */
    private static final int GAP_LIMIT = MAX_GAP_NATS * GRID;
    /** {@code exp(-j / GRID)} for {@code j} in {@code [0, GRID)}. */
    private static final double[] EXP_FRACTION = new double[GRID];
    /**
     * {@code exp(-n)} for {@code n} in {@code [0, MAX_GAP_NATS)}, then zeros. Padded to a power of two and indexed
     * through a mask, so the JIT can drop the range check in the hot loop (it was the loop's main cost).
     */
    private static final double[] EXP_WHOLE = new double[2 * MAX_GAP_NATS];

    /** One half in the 32-bit fixed point of the running sum. */
    private static final long HALF = 1L << 31;
    /** A pmf whose largest entry is outside {@code [TINY, HUGE]} is rescaled, so sum and {@code T / sum} are finite. */
    private static final double TINY = 0x1p-900;
    private static final double HUGE = 0x1p900;

    static {
        for (int j = 0; j < GRID; j++) {
            EXP_FRACTION[j] = StrictMath.exp(-(double) j / GRID);
        }
        for (int n = 0; n < MAX_GAP_NATS; n++) {
            EXP_WHOLE[n] = StrictMath.exp(-n);
        }
    }

    private final int precision;
    private double[] weights = new double[0];
    private int[] candidates = new int[0];

    /** @param precision of the CDFs produced, in {@code [1, QuantizedCdf.MAX_PRECISION]} */
    public CdfQuantizer(int precision) {
        if (precision < 1 || precision > QuantizedCdf.MAX_PRECISION) {
            throw new IllegalArgumentException(
                    "precision must be in [1, " + QuantizedCdf.MAX_PRECISION + "], got " + precision);
        }
        this.precision = precision;
    }

    public int precision() {
        return precision;
    }

    /**
     * Quantises a probability vector (not necessarily normalised).
     *
     * @throws IllegalArgumentException if an entry is NaN, negative or infinite, all are zero, or there are more
     *                                  than {@code 2^precision} of them
     */
    public QuantizedCdf fromPmf(double[] pmf) {
        int k = checkAlphabet(pmf.length);
        double max = 0;
        for (int i = 0; i < k; i++) {
            double p = pmf[i];
            if (!(p >= 0 && p < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("pmf[" + i + "] must be finite and >= 0, got " + p);
            }
            max = p > max ? p : max;
        }
        if (max == 0) {
            throw new IllegalArgumentException("pmf is all zeros: no symbol has probability");
        }
        if (max < TINY || max > HUGE) {
            // Scale by an exact power of two so that the sum and T / sum are finite; deterministic as the rest.
            double[] w = workspace(k);
            int shift = -StrictMath.getExponent(max);
            for (int i = 0; i < k; i++) {
                w[i] = StrictMath.scalb(pmf[i], shift);
            }
            return quantize(w, k, sum(w, k));
        }
        return quantize(pmf, k, sum(pmf, k));
    }

    /** Quantises a probability vector given as floats; see {@link #fromPmf(double[])}. */
    public QuantizedCdf fromPmf(float[] pmf) {
        int k = checkAlphabet(pmf.length);
        double[] w = workspace(k);
        float max = 0;
        for (int i = 0; i < k; i++) {
            float p = pmf[i];
            if (!(p >= 0 && p < Float.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("pmf[" + i + "] must be finite and >= 0, got " + p);
            }
            w[i] = p;   // at most 2^24 floats below 2^128: their sum cannot overflow, nor T / sum
            max = p > max ? p : max;
        }
        if (max == 0) {
            throw new IllegalArgumentException("pmf is all zeros: no symbol has probability");
        }
        return quantize(w, k, sum(w, k));
    }

    /** Quantises {@code softmax(logits)}; see the class comment for the deterministic {@code exp}. */
    public QuantizedCdf fromLogits(float[] logits) {
        return fromLogits(logits, 0, logits.length);
    }

    /**
     * Quantises {@code softmax(logits[offset .. offset+count))}, for a prior that returns all positions' logits in
     * one array.
     *
     * @throws IllegalArgumentException if a logit is NaN or {@code +Infinity}, all are {@code -Infinity}, or
     *                                  {@code count} is not in {@code [1, 2^precision]}
     */
    public QuantizedCdf fromLogits(float[] logits, int offset, int count) {
        Objects.checkFromIndexSize(offset, count, logits.length);
        int k = checkAlphabet(count);
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            float l = logits[offset + i];
            if (!(l < Float.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("logit " + i + " must not be NaN or +Infinity, got " + l);
            }
            max = l > max ? l : max;
        }
        if (max == Float.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("all logits are -Infinity: no symbol has probability");
        }
        // The weights and their sum in one pass: the sum in exactly the order of sum(w, k).
        double[] w = workspace(k);
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < k; i += 4) {
            double w0 = expOfGap((double) max - logits[offset + i]);
            double w1 = expOfGap((double) max - logits[offset + i + 1]);
            double w2 = expOfGap((double) max - logits[offset + i + 2]);
            double w3 = expOfGap((double) max - logits[offset + i + 3]);
            w[i] = w0;
            w[i + 1] = w1;
            w[i + 2] = w2;
            w[i + 3] = w3;
            s0 += w0;
            s1 += w1;
            s2 += w2;
            s3 += w3;
        }
        for (; i < k; i++) {
            double wi = expOfGap((double) max - logits[offset + i]);
            w[i] = wi;
            s0 += wi;
        }
        return quantize(w, k, (s0 + s1) + (s2 + s3));   // the largest logit has weight exp(0) = 1: sum >= 1
    }

    /** {@code exp(-gap)} for {@code gap >= 0} (maybe {@code +Infinity}), the gap snapped to the grid. */
    private static double expOfGap(double gap) {
        int steps = StrictMath.min((int) (gap * GRID + 0.5), GAP_LIMIT);   // round (the cast saturates), clamp
        return EXP_WHOLE[(steps >>> LOGIT_GRID_BITS) & (2 * MAX_GAP_NATS - 1)] * EXP_FRACTION[steps & (GRID - 1)];
    }

    private int checkAlphabet(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("need at least one symbol, got " + k);
        }
        if (k > 1 << precision) {
            throw new IllegalArgumentException(
                    k + " symbols cannot all be codable at precision " + precision + " (at most 2^" + precision
                            + " = " + (1 << precision) + ")");
        }
        return k;
    }

    /**
     * The water-filling and rounding of the class comment, on weights {@code w[0..k)}: non-negative, finite,
     * not all zero, and with a finite sum {@code weightSum} (that is, {@link #sum}{@code (w, k)}) whose reciprocal
     * times {@code T} is finite. The CDF is built in a fresh array the result then owns.
     */
    private QuantizedCdf quantize(double[] w, int k, double weightSum) {
        int total = 1 << precision;
        int spare = total - k;   // units above the floor of one per symbol
        int[] c = new int[k + 1];
        if (spare == 0) {
            for (int i = 0; i < k; i++) {
                c[i + 1] = i + 1;
            }
            return QuantizedCdf.trusted(c, precision);
        }
        // Water-filling. The first pass floors what lambda = T / sum floors. Flooring more symbols only shrinks
        // lambda, and never below (T - K) / T of its first value, so later passes need only the "candidates":
        // symbols with lambda * w_i in (1, T / (T - K)] (plus a hair for rounding).
        double lambda = total / weightSum;
        double band = (double) total / spare * (1 + 0x1p-40);
        int[] candidates = candidateScratch(k);
        int count = 0;
        int n = 0;               // floored symbols
        double rest = 0;         // sum of the others' weights
        for (int i = 0; i < k; i++) {
            double x = w[i] * lambda;
            if (x <= 1) {
                n++;
            } else {
                rest += w[i];
                if (x <= band) {
                    candidates[count++] = i;
                }
            }
        }
        int floored = 0;         // size of the floored set lambda was computed from
        for (int pass = 1; n > floored && pass < MAX_PASSES; pass++) {
            floored = n;
            lambda = (total - n) / rest;   // rest > 0: the others' shares sum to T - n > K - n
            int kept = 0;
            for (int j = 0; j < count; j++) {
                int i = candidates[j];
                if (w[i] * lambda <= 1) {
                    n++;
                    rest -= w[i];
                } else {
                    candidates[kept++] = i;
                }
            }
            count = kept;
        }
        // Here n == floored (a fixed point: lambda came from this very set), or the pass cap was reached and the
        // last pass floored a few more; either way excess is the sum of max(0, lambda * w_i - 1).
        double excess = lambda * rest - (k - n);
        if (!(excess > 0)) {
            throw new AssertionError("no excess mass with " + spare + " spare units; lambda=" + lambda);
        }
        // Share the spare units by rounding the running sum of the excess, in fixed point with 32 fractional bits.
        double unit = spare / excess * 0x1p32;   // one unit of excess, in fixed point
        double perWeight = lambda * unit;
        long running = 0;                        // ends near spare * 2^32 < 2^56: no overflow
        for (int i = 0; i < k; i++) {
            running += StrictMath.max(0L, (long) (w[i] * perWeight - unit));   // 0 for floored symbols
            c[i + 1] = i + 1 + (int) StrictMath.min(spare, (running + HALF) >>> 32);
        }
        c[k] = total;   // the running sum ends at spare up to rounding; pin it
        // Valid by construction: c[0] = 0, c[i + 1] - c[i] >= 1 (the running sum never decreases), c[k] = T.
        return QuantizedCdf.trusted(c, precision);
    }

    /** {@code w[0] + ... + w[k-1]} as four interleaved partial sums added {@code (s0 + s1) + (s2 + s3)}. */
    private static double sum(double[] w, int k) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < k; i += 4) {
            s0 += w[i];
            s1 += w[i + 1];
            s2 += w[i + 2];
            s3 += w[i + 3];
        }
        for (; i < k; i++) {
            s0 += w[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private double[] workspace(int k) {
        if (weights.length < k) {
            weights = new double[k];
        }
        return weights;
    }

    private int[] candidateScratch(int k) {
        if (candidates.length < k) {
            candidates = new int[k];
        }
        return candidates;
    }

}

package io.vqi.correction;

import io.vqi.core.CorruptStreamException;
import io.vqi.entropy.QuantizedCdf;
import io.vqi.entropy.RangeDecoder;
import io.vqi.entropy.RangeEncoder;

/**
 * Range-codes a {@link ColourPlane} losslessly, in the manner of JPEG-LS and CABAC: each channel in raster order,
 * each value predicted by the median edge detector from its decoded left, upper and upper-left neighbours, and the
 * prediction error binarised (zero flag, sign, unary magnitude up to {@value #UNARY}, then Exp-Golomb) into
 * decisions under adaptive binary models, chosen by channel and by the local activity. All integer arithmetic, so
 * encoder and decoder agree on every machine; a smooth gradient's plane is almost all zero errors and costs a few
 * hundred bytes.
 *
 * <p>Decoding is bounded by what it is asked for: 3 x rows x cols values, an escape's prefix at most
 * {@value #MAX_PREFIX} decisions, and every value within {@link ColourPlane#MAX_VALUE} or the stream is corrupt.
 */
public final class ColourPlaneCoder {

    static final int PRECISION = 12;
    private static final int ONE = 1 << PRECISION;
    /** Adaptation speed: a model moves 1/16 of the way to each decision. */
    private static final int SHIFT = 4;
    /** Probabilities stay within [FLOOR, ONE - FLOOR]: every decision stays codable. */
    private static final int FLOOR = 32;
    static final int UNARY = 14;
    static final int MAX_PREFIX = 20;
    private static final int CONTEXTS = 3;
    private static final QuantizedCdf HALF = QuantizedCdf.uniform(2, 1);
    private static final QuantizedCdf[] BINARY = new QuantizedCdf[ONE];

    private ColourPlaneCoder() {
    }

    public static byte[] encode(ColourPlane plane) {
        RangeEncoder enc = new RangeEncoder(plane.values().length / 4 + 16);
        Models m = new Models();
        int rows = plane.rows();
        int cols = plane.cols();
        for (int ch = 0; ch < 3; ch++) {
            encodeGrid(enc, m, plane.values(), ch * rows * cols, rows, cols, ch);
        }
        return enc.finish();
    }

    /**
     * Codes the {@code rows x cols} grid at {@code base} of {@code v} in raster order under the models of
     * {@code channel}: each value's MED prediction error, binarised. The one grid coder of the plane and the edge
     * strip ({@link EdgeStripCoder}).
     */
    static void encodeGrid(RangeEncoder enc, Models m, int[] v, int base, int rows, int cols, int channel) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int ctx = channel * CONTEXTS + context(v, base, r, c, cols);
                int e = v[base + r * cols + c] - predict(v, base, r, c, cols);
                m.encode(enc, m.zero, ctx, e == 0 ? 0 : 1);
                if (e == 0) {
                    continue;
                }
                m.encode(enc, m.sign, ctx, e < 0 ? 1 : 0);
                int magnitude = Math.abs(e) - 1;
                int k = 0;
                for (; k < UNARY && k < magnitude; k++) {
                    m.encode(enc, m.magnitude, ctx * UNARY + k, 1);
                }
                if (k < UNARY) {
                    m.encode(enc, m.magnitude, ctx * UNARY + k, 0);
                    continue;
                }
                int n = magnitude - UNARY + 1; // >= 1, Exp-Golomb order 0 of n - 1
                int bits = 31 - Integer.numberOfLeadingZeros(n);
                for (int b = 0; b < bits; b++) {
                    enc.encode(HALF, 1);
                }
                enc.encode(HALF, 0);
                for (int b = bits - 1; b >= 0; b--) {
                    enc.encode(HALF, (n >>> b) & 1);
                }
            }
        }
    }

    public static ColourPlane decode(byte[] data, int offset, int length, int log2Block, int step, int rows,
                                     int cols) throws CorruptStreamException {
        RangeDecoder dec = new RangeDecoder(data, offset, length);
        Models m = new Models();
        int[] v = new int[Math.multiplyExact(3, Math.multiplyExact(rows, cols))];
        for (int ch = 0; ch < 3; ch++) {
            decodeGrid(dec, m, v, ch * rows * cols, rows, cols, ch, offset);
        }
        dec.finish();
        return new ColourPlane(log2Block, step, rows, cols, v);
    }

    /**
     * The inverse of {@link #encodeGrid}: fills the grid at {@code base} of {@code v}; a value beyond
     * {@link ColourPlane#MAX_VALUE} or an overlong escape is corrupt data, reported at {@code offset}.
     */
    static void decodeGrid(RangeDecoder dec, Models m, int[] v, int base, int rows, int cols, int channel,
                           int offset) throws CorruptStreamException {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int ctx = channel * CONTEXTS + context(v, base, r, c, cols);
                int e = 0;
                if (m.decode(dec, m.zero, ctx) == 1) {
                    boolean negative = m.decode(dec, m.sign, ctx) == 1;
                    int magnitude = 0;
                    while (magnitude < UNARY && m.decode(dec, m.magnitude, ctx * UNARY + magnitude) == 1) {
                        magnitude++;
                    }
                    if (magnitude == UNARY) {
                        int bits = 0;
                        while (dec.decode(HALF) == 1) {
                            if (++bits > MAX_PREFIX) {
                                throw new CorruptStreamException(offset, "correction escape longer than "
                                        + MAX_PREFIX + " bits");
                            }
                        }
                        int n = 1;
                        for (int b = 0; b < bits; b++) {
                            n = (n << 1) | dec.decode(HALF);
                        }
                        magnitude += n - 1;
                    }
                    e = negative ? -(magnitude + 1) : magnitude + 1;
                }
                long value = (long) predict(v, base, r, c, cols) + e;
                if (Math.abs(value) > ColourPlane.MAX_VALUE) {
                    throw new CorruptStreamException(offset, "correction value " + value + " exceeds "
                            + ColourPlane.MAX_VALUE);
                }
                v[base + r * cols + c] = (int) value;
            }
        }
    }

    /** The median edge detector (LOCO-I) over the decoded left (a), upper (b) and upper-left (c) values. */
    static int predict(int[] v, int base, int r, int c, int cols) {
        if (r == 0 && c == 0) {
            return 0;
        }
        int a = c > 0 ? v[base + r * cols + c - 1] : v[base + (r - 1) * cols + c];
        int b = r > 0 ? v[base + (r - 1) * cols + c] : a;
        int d = r > 0 && c > 0 ? v[base + (r - 1) * cols + c - 1] : b;
        if (d >= Math.max(a, b)) {
            return Math.min(a, b);
        }
        if (d <= Math.min(a, b)) {
            return Math.max(a, b);
        }
        return a + b - d;
    }

    /** 0 where the decoded neighbourhood is flat, 1 where it barely moves, 2 elsewhere. */
    static int context(int[] v, int base, int r, int c, int cols) {
        if (r == 0 || c == 0) {
            return r == 0 && c == 0 ? 0 : 1;
        }
        int a = v[base + r * cols + c - 1];
        int b = v[base + (r - 1) * cols + c];
        int d = v[base + (r - 1) * cols + c - 1];
        int activity = Math.abs(a - d) + Math.abs(b - d);
        return activity == 0 ? 0 : activity <= 2 ? 1 : 2;
    }

    private static QuantizedCdf binary(int p) {
        QuantizedCdf q = BINARY[p];
        if (q == null) {
            q = new QuantizedCdf(new int[] {0, p, ONE}, PRECISION); // immutable: a racing duplicate is harmless
            BINARY[p] = q;
        }
        return q;
    }

    /** The adaptive models of one coded stream (a plane, a strip): probabilities of a 0 decision, in 1/4096. */
    static final class Models {
        final int[] zero = filled(3 * CONTEXTS);
        final int[] sign = filled(3 * CONTEXTS);
        final int[] magnitude = filled(3 * CONTEXTS * UNARY);

        private static int[] filled(int n) {
            int[] p = new int[n];
            java.util.Arrays.fill(p, ONE / 2);
            return p;
        }

        void encode(RangeEncoder enc, int[] model, int i, int bit) {
            enc.encode(binary(model[i]), bit);
            update(model, i, bit);
        }

        int decode(RangeDecoder dec, int[] model, int i) throws CorruptStreamException {
            int bit = dec.decode(binary(model[i]));
            update(model, i, bit);
            return bit;
        }

        private static void update(int[] model, int i, int bit) {
            int p = model[i];
            p = bit == 0 ? p + ((ONE - p) >> SHIFT) : p - (p >> SHIFT);
            model[i] = Math.max(FLOOR, Math.min(ONE - FLOOR, p));
        }
    }
}

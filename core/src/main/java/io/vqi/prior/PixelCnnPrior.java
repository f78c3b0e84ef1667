package io.vqi.prior;

import io.vqi.model.Tensor;

import java.util.Arrays;
import java.util.Map;

import static io.vqi.model.FloatKernels.accumulate;
import static io.vqi.model.FloatKernels.rows;

/**
 * The PixelCNN prior in plain Java: the one path by which probabilities reach the range coder.
 *
 * <p>Everything here is float arithmetic in a fixed order (Java evaluates float expressions exactly as written,
 * with no fused multiply-add and no reassociation, whatever the JIT or CPU), so the encoder and decoder compute
 * bit-identical logits on every machine. ND4J never feeds the coder; it only trains these weights.
 *
 * <p>A {@link Session} evaluates the network incrementally, one grid position at a time in scan order, caching each
 * layer's activations: the work per position is {@link PriorConfig#macsPerPosition()} multiply-adds. The masks reach
 * at most {@code kernelA / 2} rows up for the symbols and one row up for each residual stream, so a session keeps
 * only those rows (ring buffers indexed by row modulo their height): its memory grows with the grid's width, never
 * with the rows a header declares.
 */
public final class PixelCnnPrior {

    /** Rows of each residual stream a session keeps: a type-B mask reaches one row up. */
    private static final int STREAM_ROWS = 2;

    private final PriorConfig config;
    private final float[] embedding;    // [K][E]
    // Weights are kept as one array per (tap, input channel) holding that input's weights to every output, for
    // FloatKernels.accumulate, which C2 vectorises.
    private final float[][] weightA;    // [kA * kA][E] rows of [C]
    private final float[] biasA;        // [C]
    private final float[][][] weightB;  // per layer [3 * 3][C] rows of [C]
    private final float[][] biasB;      // per layer [C]
    private final float[][] weightOut;  // [C] rows of [K]
    private final float[] biasOut;      // [K]
    /** Most terms one output sums: the largest of the three layers' masked fan-ins. */
    private final int maxTerms;

    public PixelCnnPrior(PriorConfig config, Map<String, Tensor> tensors) {
        this.config = config;
        int k = config.alphabet();
        int e = config.embedDim();
        int c = config.channels();
        int ka = config.kernelA();
        embedding = take(tensors, "prior.embed", k, e);
        weightA = rows(take(tensors, "prior.a.w", ka, ka, e, c), c);
        biasA = take(tensors, "prior.a.b", c);
        weightB = new float[config.layers()][][];
        biasB = new float[config.layers()][];
        for (int l = 0; l < config.layers(); l++) {
            weightB[l] = rows(take(tensors, "prior.b" + l + ".w", 3, 3, c, c), c);
            biasB[l] = take(tensors, "prior.b" + l + ".b", c);
        }
        weightOut = rows(take(tensors, "prior.out.w", 1, 1, c, k), k);
        biasOut = take(tensors, "prior.out.b", k);
        int tapsB = PriorConfig.KERNEL_B * PriorConfig.KERNEL_B / 2 + 1;
        maxTerms = Math.max(Math.max(ka * ka / 2 * e, tapsB * c), c);
    }

    public PriorConfig config() {
        return config;
    }

    /** Names and shapes of the prior's tensors, in a fixed order; the SameDiff graph uses the same. */
    public static Map<String, long[]> tensorShapes(PriorConfig config) {
        java.util.LinkedHashMap<String, long[]> m = new java.util.LinkedHashMap<>();
        int k = config.alphabet();
        int e = config.embedDim();
        int c = config.channels();
        int ka = config.kernelA();
        m.put("prior.embed", new long[] {k, e});
        m.put("prior.a.w", new long[] {ka, ka, e, c});
        m.put("prior.a.b", new long[] {c});
        for (int l = 0; l < config.layers(); l++) {
            m.put("prior.b" + l + ".w", new long[] {3, 3, c, c});
            m.put("prior.b" + l + ".b", new long[] {c});
        }
        m.put("prior.out.w", new long[] {1, 1, c, k});
        m.put("prior.out.b", new long[] {k});
        return m;
    }

    /** Starts the evaluation of one grid; positions must be visited in raster order. */
    public Session session(int rows, int cols) {
        return new Session(rows, cols);
    }

    /**
     * The residual streams of every position of a grid whose symbols are all known (the encoder's case), layer by
     * layer, rows split across {@code threads}. Each position runs the same kernels, in the same order, as a
     * {@link Session} visiting it: the results are bit-identical, only the schedule differs.
     */
    public Streams streams(int rows, int cols, int[] symbols, int threads) {
        int n = Math.multiplyExact(rows, cols);
        if (symbols.length != n) {
            throw new IllegalArgumentException("grid " + rows + "x" + cols + " does not hold " + symbols.length);
        }
        int c = config.channels();
        float[][] stream = new float[config.layers() + 1][Math.multiplyExact(n, c)];
        Positives[] positive = new Positives[config.layers() + 1];
        for (int l = 0; l <= config.layers(); l++) {
            positive[l] = new Positives(n, c);
        }
        for (int layer = -1; layer < config.layers(); layer++) {
            final int l = layer;
            forRows(rows, threads, (rowStart, rowEnd) -> {
                Terms t = new Terms();
                for (int row = rowStart; row < rowEnd; row++) {
                    for (int col = 0; col < cols; col++) {
                        if (l < 0) {
                            layerA(symbols, rows, cols, row, col, stream[0], positive[0], rows, t);
                        } else {
                            layerB(l, stream[l], positive[l], stream[l + 1], positive[l + 1], rows, cols, row, col,
                                    t);
                        }
                    }
                }
            });
        }
        return new Streams(stream[config.layers()], positive[config.layers()]);
    }

    /** The final residual stream of a whole grid, from which any position's logits follow. */
    public final class Streams {
        private final float[] last;
        private final Positives lastPositive;

        private Streams(float[] last, Positives lastPositive) {
            this.last = last;
            this.lastPositive = lastPositive;
        }

        /** Logits at row-major position {@code pos}, written to {@code logits[0..K)}. Thread-safe. */
        public void logits(int pos, float[] logits) {
            output(last, lastPositive, pos, logits, new Terms(config.channels())); // the output layer's terms: a few hundred bytes
        }
    }

    /** Runs {@code body} over row ranges on up to {@code threads} threads; the split never changes a result. */
    public static void forRows(int rows, int threads, RowRange body) {
        int workers = Math.max(1, Math.min(threads, rows));
        forRowsOn(rows, workers, body);
    }

    /** A piece of work over rows {@code [rowStart, rowEnd)}. */
    @FunctionalInterface
    public interface RowRange {
        void run(int rowStart, int rowEnd);
    }

    private static void forRowsOn(int rows, int workers, RowRange body) {
        if (workers == 1) {
            body.run(0, rows);
            return;
        }
        Thread[] threads = new Thread[workers];
        RuntimeException[] failure = new RuntimeException[1];
        for (int w = 0; w < workers; w++) {
            int from = rows * w / workers;
            int to = rows * (w + 1) / workers;
            threads[w] = new Thread(() -> {
                try {
                    body.run(from, to);
                } catch (RuntimeException e) {
                    synchronized (failure) {
                        failure[0] = e;
                    }
                }
            }, "vqi-prior-" + w);
            threads[w].start();
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while evaluating the prior", e);
            }
        }
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    /**
     * Per-thread scratch: the terms one output position sums, in summation order, as (input value, weight row)
     * pairs. Every output channel {@code o} of the position sums {@code x[j] * w[j][o]} over the same terms in the
     * same order, so the list is gathered once per position and layer.
     */
    private final class Terms {
        final float[] x;
        final float[][] w;
        final float[] acc = new float[config.channels()];

        /** Room for every layer's terms. */
        Terms() {
            this(maxTerms);
        }

        Terms(int capacity) {
            x = new float[capacity];
            w = new float[capacity][];
        }
    }

    /**
     * For each stored position of a residual stream, its channels the ReLU keeps ({@code v > 0}, or NaN, which the
     * kernels never skip), in increasing order: written once when the position is computed, then read by every
     * later position whose mask reaches it (up to five taps of the next layer, or the output layer) instead of
     * each of them testing all channels again. Laid out like the stream: position slot {@code s} holds
     * {@code count[s]} channel numbers from {@code channel[s * C]}.
     */
    private static final class Positives {
        final short[] channel;   // channels <= 1024 (PriorConfig), so a short holds any channel number
        final short[] count;

        Positives(int slots, int c) {
            channel = new short[Math.multiplyExact(slots, c)];
            count = new short[slots];
        }

        /** Records the kept channels of the {@code c} values at {@code v[slot * c ..]}. */
        void record(float[] v, int slot, int c) {
            int base = slot * c;
            int m = 0;
            for (int i = 0; i < c; i++) {
                channel[base + m] = (short) i;
                m += v[base + i] <= 0f ? 0 : 1; // written always, kept when positive: no branch to mispredict
            }
            count[slot] = (short) m;
        }
    }

    /**
     * Type A: taps strictly before the centre in raster order, over the embedded symbols. Row {@code y} of
     * {@code symbols} is stored at slot {@code y % symbolRows}, row {@code y} of {@code out} at {@code y % outRows}
     * (a whole grid: the number of rows; a session: a ring of the rows the masks reach). Each output channel sums
     * its bias, then the taps in raster order, each tap's embedding dimensions in order.
     */
    private void layerA(int[] symbols, int symbolRows, int cols, int row, int col, float[] out, Positives outPositive,
                        int outRows, Terms t) {
        int c = config.channels();
        int ka = config.kernelA();
        int half = ka / 2;
        int e = config.embedDim();
        float[] x = t.x;
        float[][] w = t.w;
        int n = 0;
        for (int ty = 0; ty <= half; ty++) {
            int y = row + ty - half;
            int txEnd = ty < half ? ka : half;
            for (int tx = 0; tx < txEnd; tx++) {
                int xx = col + tx - half;
                if (y < 0 || xx < 0 || xx >= cols) {
                    continue;
                }
                int eBase = symbols[y % symbolRows * cols + xx] * e;
                int wBase = (ty * ka + tx) * e;
                for (int i = 0; i < e; i++) {
                    x[n] = embedding[eBase + i];
                    w[n++] = weightA[wBase + i];
                }
            }
        }
        float[] acc = t.acc;
        System.arraycopy(biasA, 0, acc, 0, c);
        accumulate(acc, c, x, w, n);
        int slot = row % outRows * cols + col;
        System.arraycopy(acc, 0, out, slot * c, c);
        outPositive.record(out, slot, c);
    }

    /**
     * Type B residual layer {@code l}: taps up to and including the centre, over the rectified stream; rows stored
     * at slot {@code y % streamRows} in both {@code in} and {@code out}. Each output channel sums its bias, then
     * the taps in raster order, each tap's input channels in order, skipping inputs the ReLU zeroes.
     */
    private void layerB(int l, float[] in, Positives inPositive, float[] out, Positives outPositive, int streamRows,
                        int cols, int row, int col, Terms t) {
        int c = config.channels();
        float[][] wl = weightB[l];
        float[] x = t.x;
        float[][] w = t.w;
        int n = 0;
        for (int ty = 0; ty <= 1; ty++) {
            int y = row + ty - 1;
            int txEnd = ty < 1 ? 3 : 2;
            for (int tx = 0; tx < txEnd; tx++) {
                int xx = col + tx - 1;
                if (y < 0 || xx < 0 || xx >= cols) {
                    continue;
                }
                int slot = y % streamRows * cols + xx;
                int src = slot * c;
                int wBase = (ty * 3 + tx) * c;
                int m = inPositive.count[slot];
                short[] kept = inPositive.channel;
                for (int j = 0; j < m; j++) { // ReLU: an input it zeroes adds nothing
                    int i = kept[src + j];
                    x[n] = in[src + i];
                    w[n++] = wl[wBase + i];
                }
            }
        }
        float[] acc = t.acc;
        System.arraycopy(biasB[l], 0, acc, 0, c);
        accumulate(acc, c, x, w, n);
        int slot = row % streamRows * cols + col;
        int dst = slot * c;
        for (int o = 0; o < c; o++) {
            out[dst + o] = in[dst + o] + acc[o];
        }
        outPositive.record(out, slot, c);
    }

    /** The 1x1 output convolution on the rectified final stream. */
    private void output(float[] last, Positives lastPositive, int pos, float[] logits, Terms t) {
        int c = config.channels();
        int k = config.alphabet();
        float[] x = t.x;
        float[][] w = t.w;
        int n = lastPositive.count[pos];
        short[] kept = lastPositive.channel;
        for (int j = 0; j < n; j++) {
            int i = kept[pos * c + j];
            x[j] = last[pos * c + i];
            w[j] = weightOut[i];
        }
        System.arraycopy(biasOut, 0, logits, 0, k);
        accumulate(logits, k, x, w, n);
    }

    /**
     * Incremental evaluation over one grid (the decoder's case). Not thread-safe; one per coding run. Holds
     * {@code kernelA / 2 + 1} rows of symbols and two rows of each residual stream: a grid of any height costs the
     * same, so a header that declares a huge grid claims nothing until its codes decode.
     */
    public final class Session {
        private final int rows;
        private final int cols;
        private final int symbolRows;
        private final int[] symbols;       // [symbolRows][cols], row y at slot y % symbolRows
        private final float[][] stream;    // per layer 0..L: residual stream h_l, [STREAM_ROWS][cols][C]
        private final Positives[] positive; // per layer 0..L: the channels of h_l the ReLU keeps
        private final Terms terms = new Terms();
        private long next;

        private Session(int rows, int cols) {
            if (rows < 1 || cols < 1) {
                throw new IllegalArgumentException("grid must be at least 1x1");
            }
            this.rows = rows;
            this.cols = cols;
            symbolRows = config.kernelA() / 2 + 1;
            symbols = new int[Math.multiplyExact(symbolRows, cols)];
            stream = new float[config.layers() + 1][Math.multiplyExact(Math.multiplyExact(STREAM_ROWS, cols),
                    config.channels())];
            positive = new Positives[config.layers() + 1];
            for (int l = 0; l <= config.layers(); l++) {
                positive[l] = new Positives(STREAM_ROWS * cols, config.channels());
            }
        }

        /**
         * Logits of the symbol at {@code (row, col)} given every symbol before it in raster order, written to
         * {@code logits[0..K)}. The position must be the next one, and every earlier one must have been set.
         */
        public void logits(int row, int col, float[] logits) {
            checkNext(row, col);
            layerA(symbols, symbolRows, cols, row, col, stream[0], positive[0], STREAM_ROWS, terms);
            for (int l = 0; l < config.layers(); l++) {
                layerB(l, stream[l], positive[l], stream[l + 1], positive[l + 1], STREAM_ROWS, cols, row, col,
                        terms);
            }
            output(stream[config.layers()], positive[config.layers()], row % STREAM_ROWS * cols + col, logits,
                    terms);
        }

        /** Records the symbol at the current position and moves to the next. */
        public void set(int row, int col, int symbol) {
            checkNext(row, col);
            if (symbol < 0 || symbol >= config.alphabet()) {
                throw new IllegalArgumentException("symbol " + symbol + " outside the alphabet");
            }
            symbols[row % symbolRows * cols + col] = symbol;
            next++;
        }

        private void checkNext(int row, int col) {
            long pos = (long) row * cols + col;
            if (pos != next || row >= rows || col < 0 || col >= cols) {
                throw new IllegalStateException("positions must be visited in raster order: expected " + next
                        + ", got (" + row + ", " + col + ")");
            }
        }
    }

    private static float[] take(Map<String, Tensor> tensors, String name, long... shape) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("model lacks prior tensor " + name);
        }
        if (!Arrays.equals(t.shape(), shape)) {
            throw new IllegalArgumentException("prior tensor " + name + " has shape " + Arrays.toString(t.shape())
                    + ", expected " + Arrays.toString(shape));
        }
        return t.data().clone();
    }
}

package io.vqi.codec.prior;

import io.vqi.codec.model.Tensor;

import java.util.Arrays;
import java.util.Map;

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
    private final float[] embedding;  // [K][E]
    private final float[] weightA;    // [kA][kA][E][C]
    private final float[] biasA;      // [C]
    private final float[][] weightB;  // per layer [3][3][C][C]
    private final float[][] biasB;    // per layer [C]
    private final float[] weightOut;  // [C][K]
    private final float[] biasOut;    // [K]

    public PixelCnnPrior(PriorConfig config, Map<String, Tensor> tensors) {
        this.config = config;
        int k = config.alphabet();
        int e = config.embedDim();
        int c = config.channels();
        int ka = config.kernelA();
        embedding = take(tensors, "prior.embed", k, e);
        weightA = take(tensors, "prior.a.w", ka, ka, e, c);
        biasA = take(tensors, "prior.a.b", c);
        weightB = new float[config.layers()][];
        biasB = new float[config.layers()][];
        for (int l = 0; l < config.layers(); l++) {
            weightB[l] = take(tensors, "prior.b" + l + ".w", 3, 3, c, c);
            biasB[l] = take(tensors, "prior.b" + l + ".b", c);
        }
        weightOut = take(tensors, "prior.out.w", 1, 1, c, k);
        biasOut = take(tensors, "prior.out.b", k);
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
        for (int layer = -1; layer < config.layers(); layer++) {
            final int l = layer;
            forRows(rows, threads, (rowStart, rowEnd) -> {
                float[] acc = new float[c];
                for (int row = rowStart; row < rowEnd; row++) {
                    for (int col = 0; col < cols; col++) {
                        if (l < 0) {
                            layerA(symbols, rows, cols, row, col, stream[0], rows, acc);
                        } else {
                            layerB(l, stream[l], stream[l + 1], rows, cols, row, col, acc);
                        }
                    }
                }
            });
        }
        return new Streams(stream[config.layers()]);
    }

    /** The final residual stream of a whole grid, from which any position's logits follow. */
    public final class Streams {
        private final float[] last;

        private Streams(float[] last) {
            this.last = last;
        }

        /** Logits at row-major position {@code pos}, written to {@code logits[0..K)}. Thread-safe. */
        public void logits(int pos, float[] logits) {
            output(last, pos, logits);
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
     * Type A: taps strictly before the centre in raster order, over the embedded symbols. Row {@code y} of
     * {@code symbols} is stored at slot {@code y % symbolRows}, row {@code y} of {@code out} at {@code y % outRows}
     * (a whole grid: the number of rows; a session: a ring of the rows the masks reach).
     */
    private void layerA(int[] symbols, int symbolRows, int cols, int row, int col, float[] out, int outRows,
                        float[] acc) {
        int c = config.channels();
        System.arraycopy(biasA, 0, acc, 0, c);
        int ka = config.kernelA();
        int half = ka / 2;
        int e = config.embedDim();
        for (int ty = 0; ty <= half; ty++) {
            int y = row + ty - half;
            int txEnd = ty < half ? ka : half;
            for (int tx = 0; tx < txEnd; tx++) {
                int x = col + tx - half;
                if (y < 0 || x < 0 || x >= cols) {
                    continue;
                }
                int sym = symbols[y % symbolRows * cols + x];
                int wBase = (ty * ka + tx) * e * c;
                int eBase = sym * e;
                for (int i = 0; i < e; i++) {
                    float v = embedding[eBase + i];
                    int w = wBase + i * c;
                    for (int o = 0; o < c; o++) {
                        acc[o] += v * weightA[w + o];
                    }
                }
            }
        }
        System.arraycopy(acc, 0, out, (row % outRows * cols + col) * c, c);
    }

    /**
     * Type B residual layer {@code l}: taps up to and including the centre, over the rectified stream; rows stored
     * at slot {@code y % streamRows} in both {@code in} and {@code out}.
     */
    private void layerB(int l, float[] in, float[] out, int streamRows, int cols, int row, int col, float[] acc) {
        int c = config.channels();
        float[] w = weightB[l];
        System.arraycopy(biasB[l], 0, acc, 0, c);
        for (int ty = 0; ty <= 1; ty++) {
            int y = row + ty - 1;
            int txEnd = ty < 1 ? 3 : 2;
            for (int tx = 0; tx < txEnd; tx++) {
                int x = col + tx - 1;
                if (y < 0 || x < 0 || x >= cols) {
                    continue;
                }
                int src = (y % streamRows * cols + x) * c;
                int wBase = (ty * 3 + tx) * c * c;
                for (int i = 0; i < c; i++) {
                    float v = in[src + i];
                    if (v <= 0f) {
                        continue; // ReLU: a zero input adds nothing
                    }
                    int wi = wBase + i * c;
                    for (int o = 0; o < c; o++) {
                        acc[o] += v * w[wi + o];
                    }
                }
            }
        }
        int dst = (row % streamRows * cols + col) * c;
        for (int o = 0; o < c; o++) {
            out[dst + o] = in[dst + o] + acc[o];
        }
    }

    /** The 1x1 output convolution on the rectified final stream. */
    private void output(float[] last, int pos, float[] logits) {
        int c = config.channels();
        int k = config.alphabet();
        System.arraycopy(biasOut, 0, logits, 0, k);
        for (int i = 0; i < c; i++) {
            float v = last[pos * c + i];
            if (v <= 0f) {
                continue;
            }
            int wi = i * k;
            for (int o = 0; o < k; o++) {
                logits[o] += v * weightOut[wi + o];
            }
        }
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
        private final float[] acc;
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
            acc = new float[config.channels()];
        }

        /**
         * Logits of the symbol at {@code (row, col)} given every symbol before it in raster order, written to
         * {@code logits[0..K)}. The position must be the next one, and every earlier one must have been set.
         */
        public void logits(int row, int col, float[] logits) {
            checkNext(row, col);
            layerA(symbols, symbolRows, cols, row, col, stream[0], STREAM_ROWS, acc);
            for (int l = 0; l < config.layers(); l++) {
                layerB(l, stream[l], stream[l + 1], STREAM_ROWS, cols, row, col, acc);
            }
            output(stream[config.layers()], row % STREAM_ROWS * cols + col, logits);
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

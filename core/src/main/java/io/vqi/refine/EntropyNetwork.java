package io.vqi.refine;

import io.vqi.model.FloatKernels;
import io.vqi.model.IndexGrid;
import io.vqi.model.Tensor;

import java.util.Map;
import java.util.stream.IntStream;

import static io.vqi.model.FloatKernels.accumulate;
import static io.vqi.model.FloatKernels.rows;

/**
 * The refinement layer's entropy model in pure Java: from the base layer's code vectors (and, on the checkerboard's
 * second pass, the four decoded edge neighbours) to the natural log of each latent element's scale and its mean, both
 * at gain 1. The same network is written in SameDiff for training ({@code RefineGraph.entropyHidden},
 * {@code RefineGraph.withContext}, {@code RefineGraph.logScale}, {@code RefineGraph.mean}):
 * a 3x3 convolution of the code vectors (zero padding at the grid's edges), plus on the second pass a convolution of
 * the first pass's dequantised latent, plus for a cell's later slices of channels a 1x1 convolution of its own
 * dequantised earlier slices ({@code RefineGraph.withEarlierSlices}), LeakyReLU 0.2, and 1x1 convolutions to the
 * log-scales and the means. The first layer ({@code context} false) has neither the context nor the mean.
 *
 * <p>Its output chooses the CDFs the range coder uses, so encoder and decoder must compute it bit for bit alike on
 * every machine: float arithmetic (strict IEEE since Java 17, never fused) with one fixed summation order per output
 * and no library kernels. Cells are independent of each other within a pass, so they run in parallel without
 * changing a bit.
 *
 * <p>Each output sums its bias, then its terms in a fixed order: the first layer's taps in raster order (taps off
 * the grid skipped), each tap's code dimensions in order; the context's bias, then its four taps in the order of
 * {@code EDGE_TAPS}, each tap's channels in order; the slice convolution's bias, then the earlier slices' channels in
 * ascending order; the projections' hidden units in order. The weights are kept as
 * one array per input (per tap and input channel, per hidden unit) so that {@link FloatKernels#accumulate}
 * vectorises across outputs without changing those sums.
 */
public final class EntropyNetwork {

    private static final float LEAK = 0.2f;
    /** The taps of a 3x3 kernel that hold a first-pass cell around a second-pass one: N, W, E, S (raster order). */
    private static final int[][] EDGE_TAPS = {{0, 1}, {1, 0}, {1, 2}, {2, 1}};

    private final int dim;
    private final int hidden;
    private final int channels;
    private final float[] codebook; // l2-normalised, [K][D]
    private final float[][] w1; // [3 * 3 * D] rows of [H]
    private final float[] b1;
    private final float[][] w2; // [H] rows of [C]
    private final float[] b2;
    private final float[][] wc; // [3 * 3 * C] rows of [H], or null
    private final float[] bc;
    private final float[][] wm; // [H] rows of [C], or null
    private final float[] bm;
    private final int[][] slices; // each slice's channels, ascending; one slice of every channel without cuts
    private final int[][] earlier; // the channels of the slices before each slice, ascending
    private final float[][] ws; // [C] rows of [H] (the last slice's rows are never read), or null
    private final float[] bs;

    /** A network with one slice (every channel of a cell coded under the same hidden layer). */
    public EntropyNetwork(Tensor codebook, Map<String, Tensor> layer, boolean context) {
        this(codebook, layer, context, null);
    }

    /**
     * @param sliceOf null for one slice; else the slice of each channel, 0 first (a later slice's hidden layer also
     *                sees the cell's earlier slices, decoded, through {@code ref.chan}); needs {@code context}
     */
    public EntropyNetwork(Tensor codebook, Map<String, Tensor> layer, boolean context, int[] sliceOf) {
        long[] cb = codebook.shape();
        this.dim = (int) cb[1];
        this.codebook = normalise(codebook.data(), (int) cb[0], dim);
        Tensor a = require(layer, "ref.scale.a.w");
        Tensor b = require(layer, "ref.scale.b.w");
        this.hidden = (int) a.shape()[3];
        this.channels = (int) b.shape()[3];
        if (a.shape()[0] != 3 || a.shape()[1] != 3 || a.shape()[2] != dim || b.shape()[2] != hidden) {
            throw new IllegalArgumentException("entropy network tensors do not fit a codebook of dimension " + dim);
        }
        this.w1 = rows(a.data(), hidden);
        this.b1 = require(layer, "ref.scale.a.b").data();
        this.w2 = rows(b.data(), channels);
        this.b2 = require(layer, "ref.scale.b.b").data();
        if (context) {
            Tensor c = require(layer, "ref.ctx.w");
            Tensor m = require(layer, "ref.mean.w");
            if (c.shape()[0] != 3 || c.shape()[1] != 3 || c.shape()[2] != channels || c.shape()[3] != hidden
                    || m.shape()[2] != hidden || m.shape()[3] != channels) {
                throw new IllegalArgumentException("context tensors do not fit the entropy network");
            }
            this.wc = rows(c.data(), hidden);
            this.bc = require(layer, "ref.ctx.b").data();
            this.wm = rows(m.data(), channels);
            this.bm = require(layer, "ref.mean.b").data();
        } else {
            this.wc = null;
            this.bc = null;
            this.wm = null;
            this.bm = null;
        }
        if (sliceOf == null) {
            this.slices = new int[][] {IntStream.range(0, channels).toArray()};
            this.earlier = new int[][] {new int[0]};
            this.ws = null;
            this.bs = null;
        } else {
            Tensor w = require(layer, "ref.chan.w");
            int count = IntStream.of(sliceOf).max().orElse(0) + 1;
            if (!context || sliceOf.length != channels || w.shape()[0] != 1 || w.shape()[1] != 1
                    || w.shape()[2] != channels || w.shape()[3] != hidden
                    || IntStream.of(sliceOf).anyMatch(k -> k < 0) || count < 2) {
                throw new IllegalArgumentException("slice tensors do not fit the entropy network");
            }
            this.slices = new int[count][];
            this.earlier = new int[count][];
            for (int k = 0; k < count; k++) {
                int slice = k;
                slices[k] = IntStream.range(0, channels).filter(c -> sliceOf[c] == slice).toArray();
                earlier[k] = IntStream.range(0, channels).filter(c -> sliceOf[c] < slice).toArray();
                if (slices[k].length == 0) {
                    throw new IllegalArgumentException("slice " + k + " has no channels");
                }
            }
            this.ws = rows(w.data(), hidden);
            this.bs = require(layer, "ref.chan.b").data();
        }
    }

    public int channels() {
        return channels;
    }

    /** Whether cells are coded in two checkerboard passes with means (else: one pass, zero means). */
    public boolean hasContext() {
        return wc != null;
    }

    /** The hidden layer before its activation, from the code vectors: {@code [cell][hidden]}. */
    public float[] hidden(IndexGrid grid) {
        int rows = grid.rows();
        int cols = grid.cols();
        float[] out = new float[rows * cols * hidden];
        int[] idx = grid.indices();
        IntStream.range(0, rows).parallel().forEach(r -> {
            float[] acc = new float[hidden];
            float[] x = new float[9 * dim];
            float[][] w = new float[9 * dim][];
            for (int c = 0; c < cols; c++) {
                int n = 0;
                for (int ky = 0; ky < 3; ky++) {
                    int rr = r + ky - 1;
                    if (rr < 0 || rr >= rows) {
                        continue;
                    }
                    for (int kx = 0; kx < 3; kx++) {
                        int cc = c + kx - 1;
                        if (cc < 0 || cc >= cols) {
                            continue;
                        }
                        int code = idx[rr * cols + cc] * dim;
                        int wBase = (ky * 3 + kx) * dim;
                        for (int i = 0; i < dim; i++) {
                            x[n] = codebook[code + i];
                            w[n++] = w1[wBase + i];
                        }
                    }
                }
                System.arraycopy(b1, 0, acc, 0, hidden);
                accumulate(acc, hidden, x, w, n);
                System.arraycopy(acc, 0, out, (r * cols + c) * hidden, hidden);
            }
        });
        return out;
    }

    /** How many slices a cell's channels are coded in, one after the other: 1 (every channel) or more. */
    public int slices() {
        return slices.length;
    }

    /** The channels of slice {@code slice}, ascending: the order the coder walks them. */
    public int[] sliceChannels(int slice) {
        return slices[slice].clone();
    }

    /**
     * The hidden layer of one pass's cells before its activation: {@code hidden} itself on pass 0 (or -1); on pass 1 a
     * copy with the context of the four decoded first-pass neighbours added to the pass's cells.
     *
     * @param hidden  from {@link #hidden}
     * @param decoded on pass 1, the dequantised latent of pass 0's cells, channel-major; else unused
     */
    public float[] withContext(float[] hidden, IndexGrid grid, int pass, float[] decoded) {
        if (pass != 1) {
            return hidden;
        }
        int rows = grid.rows();
        int cols = grid.cols();
        float[] out = hidden.clone();
        IntStream.range(0, rows).parallel().forEach(r -> {
            float[] acc = new float[this.hidden];
            float[] x = new float[EDGE_TAPS.length * channels];
            float[][] w = new float[EDGE_TAPS.length * channels][];
            for (int c = (r + 1) & 1; c < cols; c += 2) {
                int cell = r * cols + c;
                System.arraycopy(hidden, cell * this.hidden, acc, 0, this.hidden);
                addContext(decoded, r, c, rows, cols, acc, x, w);
                System.arraycopy(acc, 0, out, cell * this.hidden, this.hidden);
            }
        });
        return out;
    }

    /**
     * Log-scales and means of one slice's channels on the cells of one pass, channel-major over the grid
     * ({@code out[ch * cells + cell]}); other channels and cells are left alone.
     *
     * @param preActivation from {@link #withContext} for this pass
     * @param pass          0 or 1: the cells with {@code (row + col) % 2 == pass}; -1: every cell (no context)
     * @param slice         0, or a later slice, whose hidden layer also sees the cell's own earlier slices
     * @param decoded       the dequantised latent so far, channel-major (read on later slices only)
     */
    public void parameters(float[] preActivation, IndexGrid grid, int pass, int slice, float[] decoded,
                           float[] logScale, float[] mean) {
        int rows = grid.rows();
        int cols = grid.cols();
        int cells = rows * cols;
        int[] slot = slices[slice];
        int[] seen = earlier[slice];
        IntStream.range(0, rows).parallel().forEach(r -> {
            float[] acc = new float[this.hidden];
            float[] out = new float[channels];
            float[] x = new float[seen.length];
            float[][] w = new float[seen.length][];
            for (int c = pass < 0 ? 0 : (r + pass) & 1; c < cols; c += pass < 0 ? 1 : 2) {
                int cell = r * cols + c;
                System.arraycopy(preActivation, cell * this.hidden, acc, 0, this.hidden);
                if (slice > 0) {
                    addEarlierSlices(seen, decoded, cell, cells, acc, x, w);
                }
                for (int o = 0; o < this.hidden; o++) {
                    float h = acc[o];
                    acc[o] = h > 0 ? h : LEAK * h;
                }
                project(acc, w2, b2, out);
                for (int ch : slot) {
                    logScale[ch * cells + cell] = out[ch];
                }
                if (wm != null) {
                    project(acc, wm, bm, out);
                    for (int ch : slot) {
                        mean[ch * cells + cell] = out[ch];
                    }
                }
            }
        });
    }

    /** The slice convolution's bias, then the cell's channels of the earlier slices ({@code seen}), ascending. */
    private void addEarlierSlices(int[] seen, float[] decoded, int cell, int cells, float[] acc, float[] x,
                                  float[][] w) {
        for (int o = 0; o < hidden; o++) {
            acc[o] += bs[o];
        }
        int n = 0;
        for (int ch : seen) {
            x[n] = decoded[ch * cells + cell];
            w[n++] = ws[ch];
        }
        accumulate(acc, hidden, x, w, n);
    }

    /**
     * The context's bias and its four taps, in a fixed order; the other five taps hold second-pass cells (zeros).
     * Every term is summed, zeros included ({@code -0f + 0f} is {@code +0f}: skipping one could change a bit).
     * {@code x} and {@code w} are scratch for the terms.
     */
    private void addContext(float[] decoded, int r, int c, int rows, int cols, float[] acc, float[] x, float[][] w) {
        int cells = rows * cols;
        for (int o = 0; o < hidden; o++) {
            acc[o] += bc[o];
        }
        int n = 0;
        for (int[] tap : EDGE_TAPS) {
            int rr = r + tap[0] - 1;
            int cc = c + tap[1] - 1;
            if (rr < 0 || rr >= rows || cc < 0 || cc >= cols) {
                continue;
            }
            int nb = rr * cols + cc;
            int wBase = (tap[0] * 3 + tap[1]) * channels;
            for (int i = 0; i < channels; i++) {
                x[n] = decoded[i * cells + nb];
                w[n++] = wc[wBase + i];
            }
        }
        accumulate(acc, hidden, x, w, n);
    }

    /** {@code out = bias + sum_j h[j] * w[j][.]}, summed in order of j for every output. */
    private void project(float[] h, float[][] w, float[] bias, float[] out) {
        System.arraycopy(bias, 0, out, 0, channels);
        accumulate(out, channels, h, w, hidden);
    }

    /** The codebook as the graph normalises it: each row times {@code 1 / sqrt(sum of squares + 1e-6)}. */
    private static float[] normalise(float[] raw, int k, int d) {
        float[] out = new float[k * d];
        for (int i = 0; i < k; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += (double) raw[i * d + j] * raw[i * d + j];
            }
            float inv = (float) (1.0 / StrictMath.sqrt(s + 1e-6));
            for (int j = 0; j < d; j++) {
                out[i * d + j] = raw[i * d + j] * inv;
            }
        }
        return out;
    }

    static Tensor require(Map<String, Tensor> layer, String name) {
        Tensor t = layer.get(name);
        if (t == null) {
            throw new IllegalArgumentException("refinement layer lacks tensor " + name);
        }
        return t;
    }
}

package io.vqi.codec.refine;

import io.vqi.codec.model.IndexGrid;
import io.vqi.codec.model.RefineGraph;
import io.vqi.codec.model.Tensor;

import java.util.Map;
import java.util.stream.IntStream;

/**
 * The refinement layer's scale network in pure Java: the base layer's code vectors, a 3x3 convolution (zero padding
 * at the grid's edges), LeakyReLU 0.2, a 1x1 convolution, giving the natural log of each latent element's scale at
 * gain 1 ({@link RefineGraph#logScale} is the same network in SameDiff, for training).
 *
 * <p>Its output chooses the CDFs the range coder uses, so encoder and decoder must compute it bit for bit alike on
 * every machine: float arithmetic (strict IEEE since Java 17) in one fixed order per output, no library kernels.
 * Rows are independent, so they run in parallel without changing a bit.
 */
public final class ScaleNetwork {

    private static final float LEAK = 0.2f;

    private final int dim;
    private final int hidden;
    private final int channels;
    private final float[] codebook; // l2-normalised, [K][D]
    private final float[] w1; // [3][3][D][H]
    private final float[] b1;
    private final float[] w2; // [H][C]
    private final float[] b2;

    public ScaleNetwork(Tensor codebook, Map<String, Tensor> layer) {
        long[] cb = codebook.shape();
        this.dim = (int) cb[1];
        this.codebook = normalise(codebook.data(), (int) cb[0], dim);
        Tensor a = require(layer, "ref.scale.a.w");
        Tensor b = require(layer, "ref.scale.b.w");
        this.hidden = (int) a.shape()[3];
        this.channels = (int) b.shape()[3];
        if (a.shape()[0] != 3 || a.shape()[1] != 3 || a.shape()[2] != dim || b.shape()[2] != hidden) {
            throw new IllegalArgumentException("scale network tensors do not fit a codebook of dimension " + dim);
        }
        this.w1 = a.data();
        this.b1 = require(layer, "ref.scale.a.b").data();
        this.w2 = b.data();
        this.b2 = require(layer, "ref.scale.b.b").data();
    }

    public int channels() {
        return channels;
    }

    /** Log-scales, channel-major: {@code out[c * cells + row * cols + col]}. */
    public float[] logScales(IndexGrid grid) {
        int rows = grid.rows();
        int cols = grid.cols();
        int cells = rows * cols;
        float[] out = new float[channels * cells];
        int[] idx = grid.indices();
        IntStream.range(0, rows).parallel().forEach(r -> {
            float[] acc = new float[hidden];
            for (int c = 0; c < cols; c++) {
                for (int o = 0; o < hidden; o++) {
                    acc[o] = b1[o];
                }
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
                        int wBase = (ky * 3 + kx) * dim * hidden;
                        for (int i = 0; i < dim; i++) {
                            float v = codebook[code + i];
                            int w = wBase + i * hidden;
                            for (int o = 0; o < hidden; o++) {
                                acc[o] += v * w1[w + o];
                            }
                        }
                    }
                }
                for (int o = 0; o < hidden; o++) {
                    float h = acc[o];
                    acc[o] = h > 0 ? h : LEAK * h;
                }
                int cell = r * cols + c;
                for (int ch = 0; ch < channels; ch++) {
                    float t = b2[ch];
                    for (int j = 0; j < hidden; j++) {
                        t += acc[j] * w2[j * channels + ch];
                    }
                    out[ch * cells + cell] = t;
                }
            }
        });
        return out;
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

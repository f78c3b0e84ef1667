package io.vqi.network;

import io.vqi.model.IndexGrid;
import io.vqi.model.RefineConfig;
import io.vqi.model.Tensor;
import io.vqi.model.VqVaeConfig;
import org.nd4j.enums.DataFormat;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The decoders of {@link VqVaeGraph#decode} and {@link RefineGraph#synthesise} for inference, run op by op on ND4J
 * instead of through a SameDiff session: the same ops (oneDNN's convolution with the same configuration, the same
 * LeakyReLU, exact additions and copies) on the same inputs, so the same floats, but each intermediate freed as soon
 * as the next op has read it. A SameDiff session keeps every intermediate of a call alive until the call ends (at
 * 4 MP the decoder's dozens of full-size feature maps took 2.5 GB) and builds its graph on the first call.
 *
 * <p>The decode is split where the resolution changes so that a caller can run the cheap 1/8-resolution trunk on a
 * whole image and the costly upper stages in strips ({@link #trunk}, {@link #head}); the refinement's cells come last,
 * so its latent can still be on its way while the base image is decoded. Not thread-safe in the sense
 * that ND4J arrays are shared read-only; calls may run concurrently.
 */
final class DecoderNet {

    private static final double LEAK = 0.2;
    private static final double EPS = 1e-6;
    /** Each 3x3 convolution of the head widens its input's need by one sample on each side, at its resolution. */
    static final int HEAD_MARGIN_CELLS = 2;
    /**
     * Rows of cells the upper stages decode at a time, with {@link #HEAD_MARGIN_CELLS} rows of context on each side:
     * their full-size feature maps, the bulk of a decode's memory, then stay a few tens of megabytes for any width
     * the windows allow, at 1/8 extra work on 40 % of the decoder. Grids this short or shorter decode in one piece.
     */
    static final int STRIP_CELLS = 32;

    private final VqVaeConfig config;
    private final RefineConfig layer;
    private final Map<String, INDArray> weights = new HashMap<>();
    /** The l2-normalised codebook {@code [K][D]}, computed by the graph's own ops once. */
    private final float[] codebook;

    /**
     * @param layer the refinement layer whose synthesis joins the decoder, or null for the base decoder alone
     */
    DecoderNet(VqVaeConfig config, RefineConfig layer, Map<String, Tensor> tensors) {
        this.config = config;
        this.layer = layer;
        for (Tensor t : tensors.values()) {
            if (t.name().startsWith("dec.") || t.name().startsWith("ref.lin.s") || t.name().startsWith("ref.syn")
                    || t.name().equals("codebook")) {
                weights.put(t.name(), Nd4j.create(t.data(), t.shape(), 'c'));
            }
        }
        INDArray cb = weight("codebook");
        // As VqVaeGraph.l2Normalize: x * rsqrt(sum(x^2, dim 1, kept) + eps), with ND4J's own reduction order.
        INDArray sumSq = cb.mul(cb).sum(true, 1);
        INDArray scale = Nd4j.math().rsqrt(sumSq.addi(EPS));
        this.codebook = cb.mulColumnVector(scale).dup('c').data().asFloat();
    }

    private INDArray weight(String name) {
        INDArray w = weights.get(name);
        if (w == null) {
            throw new IllegalArgumentException("model lacks tensor " + name);
        }
        return w;
    }

    /**
     * The whole padded image of {@code grid} ({@code 8 cols x 8 rows} pixels, planar RGB), refined by
     * {@code latent} (channel-major over the grid, dequantised) when it is not null.
     */
    float[] decode(IndexGrid grid, float[] latent) {
        return decode(grid, latent == null ? null : () -> latent, STRIP_CELLS);
    }

    /** As {@link #decode(IndexGrid, float[])} with no strips: the graph's floats for any size, at more memory. */
    float[] decodeOnePiece(IndexGrid grid, float[] latent) {
        return decode(grid, latent == null ? null : () -> latent, Integer.MAX_VALUE / 2);
    }

    /** As {@link #decode(IndexGrid, float[])}, the upper stages in strips of {@code strip} rows of cells. */
    float[] decode(IndexGrid grid, float[] latent, int strip) {
        return decode(grid, latent == null ? null : () -> latent, strip);
    }

    /**
     * As {@link #decode(IndexGrid, float[])}, asking {@code latent} for the refinement only once the base image is
     * done: the refinement's cells depend on nothing else, so a caller can decode the latent (the pure-Java entropy
     * walk) while the base decoder runs. The floats are those of adding the cells at the end of the head, as the
     * graph does: the same two floats meet in the same addition.
     */
    float[] decode(IndexGrid grid, Supplier<float[]> latent, int strip) {
        INDArray codes = codes(grid);
        INDArray features = trunk(codes);
        int rows = grid.rows();
        int f = VqVaeConfig.DOWNSAMPLING;
        int width = grid.cols() * f;
        int height = rows * f;
        float[] out;
        if (rows <= strip + 2 * HEAD_MARGIN_CELLS) {
            INDArray image = head(features);
            out = image.data().asFloat();
            image.close();
        } else {
            out = new float[3 * width * height];
            for (int s0 = 0; s0 < rows; s0 += strip) {
                int s1 = Math.min(rows, s0 + strip);
                int a = Math.max(0, s0 - HEAD_MARGIN_CELLS);
                int b = Math.min(rows, s1 + HEAD_MARGIN_CELLS);
                INDArray part = rows(features, a, b);
                INDArray image = head(part);
                part.close();
                float[] pixels = image.data().asFloat();
                image.close();
                int partHeight = (b - a) * f;
                for (int c = 0; c < 3; c++) {
                    System.arraycopy(pixels, (c * partHeight + (s0 - a) * f) * width, out,
                            (c * height + s0 * f) * width, (s1 - s0) * f * width);
                }
            }
        }
        features.close();
        if (latent != null) {
            float[] values = latent.get();
            if (values.length != (long) layer.channels() * grid.size()) {
                throw new IllegalArgumentException("latent of " + values.length + " values does not fit the grid");
            }
            INDArray y = Nd4j.create(values, new long[] {1, layer.channels(), rows, grid.cols()}, 'c');
            INDArray cells = refineCells(codes, y);
            y.close();
            INDArray refined = Nd4j.cnn().depthToSpace(cells, f, DataFormat.NCHW);
            cells.close();
            float[] add = refined.data().asFloat();
            refined.close();
            for (int i = 0; i < out.length; i++) {
                out[i] += add[i];
            }
        }
        codes.close();
        return out;
    }

    /** Rows {@code [a, b)} of a {@code [1, C, H, W]} array, as a contiguous copy. */
    private static INDArray rows(INDArray x, int a, int b) {
        return x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(a, b), NDArrayIndex.all())
                .dup('c');
    }

    /** The code vectors of {@code grid}, {@code [1, D, rows, cols]}: rows of the normalised codebook, copied. */
    INDArray codes(IndexGrid grid) {
        int d = config.latentDim();
        int cells = grid.size();
        float[] out = new float[d * cells];
        int[] idx = grid.indices();
        for (int i = 0; i < cells; i++) {
            int base = idx[i] * d;
            for (int c = 0; c < d; c++) {
                out[c * cells + i] = codebook[base + c];
            }
        }
        return Nd4j.create(out, new long[] {1, d, grid.rows(), grid.cols()}, 'c');
    }

    /** The 1/8-resolution part: code vectors to the trunk's features {@code [1, c3, h, w]} after its activation. */
    INDArray trunk(INDArray codes) {
        INDArray h = conv(codes, "dec.in", false);
        for (int i = 0; i < config.decoderBlocks(); i++) {
            h = residual(h, "dec.res" + i);
        }
        Transforms.leakyRelu(h, LEAK, false);
        return h;
    }

    /**
     * The upper stages on trunk features {@code [1, c3, h, w]}: the base image {@code [1, 3, 8h, 8w]}, nominally in
     * [0, 1]. Each output pixel depends on trunk features at most {@link #HEAD_MARGIN_CELLS}
     * cells away.
     */
    INDArray head(INDArray features) {
        INDArray up = Nd4j.cnn().upsampling2d(features, 2, 2, true);
        INDArray h = conv(up, "dec.up1", true);
        up.close();
        for (int i = 0; i < config.decoderMidBlocks(); i++) {
            h = residual(h, "dec.mid" + i);
        }
        up = Nd4j.cnn().upsampling2d(h, 2, 2, true);
        h.close();
        h = conv(up, "dec.up2", true);
        up.close();
        INDArray out = conv(h, "dec.out", false);
        h.close();
        INDArray image = Nd4j.cnn().depthToSpace(out, 2, DataFormat.NCHW);
        out.close();
        image.addi(0.5);
        return image;
    }

    /** As RefineGraph.synthesise, without the base image: the linear synthesis plus the nonlinear branch per cell. */
    private INDArray refineCells(INDArray codes, INDArray latent) {
        INDArray linear = conv(latent, "ref.lin.s", false);
        INDArray h = conv(latent, "ref.syn.in", false);
        INDArray c = conv(codes, "ref.syn.codes", false);
        h.addi(c);
        c.close();
        for (int i = 0; i < layer.blocks(); i++) {
            h = residual(h, "ref.syn.res" + i);
        }
        Transforms.leakyRelu(h, LEAK, false);
        INDArray nonlinear = conv(h, "ref.syn.out", false);
        h.close();
        linear.addi(nonlinear);
        nonlinear.close();
        return linear;
    }

    /** {@code x + conv(act(conv(act(x))))}, in place on {@code x}, which it returns. */
    private INDArray residual(INDArray x, String name) {
        INDArray a = Transforms.leakyRelu(x, LEAK, true);
        INDArray h = conv(a, name + ".a", true);
        a.close();
        INDArray h2 = conv(h, name + ".b", false);
        h.close();
        x.addi(h2);
        h2.close();
        return x;
    }

    /** A 3x3 (or 1x1) SAME convolution as VqVaeGraph.conv, optionally followed by LeakyReLU in place. */
    private INDArray conv(INDArray x, String name, boolean activate) {
        INDArray w = weight(name + ".w");
        int k = (int) w.size(0);
        Conv2DConfig c = Conv2DConfig.builder()
                .kH(k).kW(k).sH(1).sW(1)
                .paddingMode(PaddingMode.SAME)
                .dataFormat("NCHW")
                .weightsFormat(WeightsFormat.YXIO)
                .build();
        INDArray out = Nd4j.cnn().conv2d(x, w, weight(name + ".b"), c);
        if (activate) {
            Transforms.leakyRelu(out, LEAK, false);
        }
        return out;
    }
}

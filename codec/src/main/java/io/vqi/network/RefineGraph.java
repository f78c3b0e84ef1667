package io.vqi.network;

import io.vqi.model.RefineConfig;
import io.vqi.model.VqVaeConfig;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.DataFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/**
 * Builds the refinement layer's SameDiff graph (see {@link RefineConfig}): the one place its architecture is written
 * down for training and for the ND4J half of inference. The scale network is also evaluated in pure Java for the
 * entropy coder ({@code io.vqi.refine.EntropyNetwork}), from the same tensors and the same formula.
 *
 * <p>The layer codes the residual {@code r = x - base(x)} of the base layer's reconstruction. Each 8x8 cell of it
 * (192 values, channel order of space-to-depth) goes through a linear transform that starts as an orthonormal
 * 8x8 DCT of three decorrelated colour planes, plus a nonlinear branch that sees the residual and the code vectors
 * and starts at zero; the decoder mirrors it: the base image, plus the transposed linear transform of the
 * dequantised latent, plus a nonlinear branch at 1/8 resolution that starts at zero. So a new layer is a working
 * transform coder from its first step (JPEG's transform with a learned entropy model), and training only adds. With
 * {@code refine.linearKernel=3} the linear transforms are lapped: each reads (and writes) the 3x3 cells around its
 * own, and a layer grown from a block transform starts with the old weights in the centre tap and zeros around.
 *
 * <p>Parameters are prefixed {@code ref.}.
 */
public final class RefineGraph {

    private final SameDiff sd;
    private final VqVaeGraph base;
    private final VqVaeConfig vc;
    private final RefineConfig rc;

    public RefineGraph(SameDiff sd, VqVaeConfig vc, RefineConfig rc, VqVaeGraph.Params params) {
        this.sd = sd;
        this.vc = vc;
        this.rc = rc;
        this.base = new VqVaeGraph(sd, vc, params);
    }

    /** The refinement layer's own parameters ({@code ref.*}) in a fixed order. */
    public static List<VqVaeGraph.ParamSpec> parameterSpecs(VqVaeConfig vc, RefineConfig rc) {
        SameDiff sd = SameDiff.create();
        RefineGraph probe = new RefineGraph(sd, vc, rc, (s, spec) ->
                s.var(spec.name(), Nd4j.zeros(DataType.FLOAT, spec.shape())));
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 3, -1, -1);
        SDVariable idx = sd.placeHolder("indices", DataType.INT64, -1, -1, -1);
        SDVariable level = sd.placeHolder("level", DataType.FLOAT, 1, rc.levels());
        SDVariable codes = probe.base.lookup(idx);
        SDVariable baseImage = probe.baseImage(codes);
        SDVariable y = probe.analyse(x, baseImage, codes);
        SDVariable hidden = probe.entropyHidden(codes);
        probe.logScale(hidden);
        if (rc.context()) {
            SDVariable mask = sd.placeHolder("secondPass", DataType.FLOAT, 1, 1, -1, -1);
            SDVariable contextual = probe.withContext(hidden, y, mask);
            probe.mean(contextual);
            if (rc.sliceCount() > 1) {
                probe.withEarlierSlices(contextual, y);
            }
        }
        probe.gain(level);
        probe.synthesise(baseImage, codes, y.mul(probe.inverseGain(level)));
        return probe.base.specs().stream().filter(s -> isRefineParameter(s.name())).toList();
    }

    public static boolean isRefineParameter(String name) {
        return name.startsWith("ref.");
    }

    public VqVaeGraph base() {
        return base;
    }

    /** The base layer's reconstruction of the code vectors, a constant as far as training is concerned. */
    public SDVariable baseImage(SDVariable codes) {
        return new StopGradient(sd, base.decode(codes)).outputVariable();
    }

    /**
     * The latent of an image {@code [B,3,H,W]} (H, W multiples of 8) given its base reconstruction and code vectors:
     * the linear transform of each cell of the residual, plus the nonlinear branch.
     */
    public SDVariable analyse(SDVariable x, SDVariable baseImage, SDVariable codes) {
        SDVariable r = x.sub(baseImage);
        SDVariable cells = sd.cnn().spaceToDepth(r, VqVaeConfig.DOWNSAMPLING, DataFormat.NCHW);
        SDVariable linear = base.conv(cells, "ref.lin.a", RefineConfig.CELL_VALUES, rc.channels(), rc.linearKernel(), 1);
        SDVariable h = base.act(base.conv(r, "ref.down1", 3, rc.a1(), 3, 2));
        h = base.act(base.conv(h, "ref.down2", rc.a1(), rc.a2(), 3, 2));
        h = base.conv(h, "ref.down3", rc.a2(), rc.a3(), 3, 2);
        h = h.add(base.conv(codes, "ref.codes", vc.latentDim(), rc.a3(), 3, 1));
        for (int i = 0; i < rc.blocks(); i++) {
            h = base.residual(h, "ref.res" + i, rc.a3());
        }
        return linear.add(base.conv(base.act(h), "ref.out", rc.a3(), rc.channels(), 3, 1, 0.0));
    }

    /**
     * The entropy model's hidden layer before its activation, from the code vectors alone: a 3x3 convolution. (Its
     * LeakyReLU and the output convolutions are in {@link #logScale} and {@link #mean}; the checkerboard's second
     * pass adds its spatial context here, {@link #withContext}.)
     */
    public SDVariable entropyHidden(SDVariable codes) {
        return base.conv(codes, "ref.scale.a", vc.latentDim(), rc.scaleHidden(), 3, 1);
    }

    /**
     * The second pass's hidden layer: {@code hidden} plus a 3x3 convolution of the dequantised latent of the first
     * pass's cells ({@code anchors}, zero elsewhere), added only where {@code secondPass} is 1. On a checkerboard a
     * second-pass cell's 3x3 window holds its four decoded edge neighbours and zeros, so the pure-Java coder computes
     * the same with four taps. Starts at zero: a new context changes nothing until training finds a use for it.
     */
    public SDVariable withContext(SDVariable hidden, SDVariable anchors, SDVariable secondPass) {
        return hidden.add(base.conv(anchors, "ref.ctx", rc.channels(), rc.scaleHidden(), 3, 1, 0.0).mul(secondPass));
    }

    /**
     * The hidden layer of a cell's later slice: {@code hidden} plus a 1x1 convolution of the same cell's dequantised
     * earlier slices ({@code earlier}, zero in the other channels). One convolution serves every slice (each reads the
     * rows of the slices before it), and it starts at zero, as the context does: so does a row a new cut brings in.
     */
    public SDVariable withEarlierSlices(SDVariable hidden, SDVariable earlier) {
        return hidden.add(base.conv(earlier, "ref.chan", rc.channels(), rc.scaleHidden(), 1, 1, 0.0));
    }

    /** Per slice, 1 on its channels and 0 on the others, {@code [1,C,1,1]}. */
    public SDVariable[] sliceMasks() {
        SDVariable[] masks = new SDVariable[rc.sliceCount()];
        int[] sliceOf = rc.channelSlices();
        for (int k = 0; k < masks.length; k++) {
            float[] m = new float[rc.channels()];
            for (int c = 0; c < m.length; c++) {
                m[c] = sliceOf[c] == k ? 1f : 0f;
            }
            masks[k] = sd.constant(Nd4j.create(m, new long[] {1, rc.channels(), 1, 1}, 'c'));
        }
        return masks;
    }

    /** Natural log of the latent's scale at gain 1, per element: LeakyReLU of the hidden layer, a 1x1 convolution. */
    public SDVariable logScale(SDVariable hidden) {
        return base.conv(base.act(hidden), "ref.scale.b", rc.scaleHidden(), rc.channels(), 1, 1);
    }

    /** The latent's predicted mean at gain 1 (a layer with a context only): a 1x1 convolution starting at zero. */
    public SDVariable mean(SDVariable hidden) {
        return base.conv(base.act(hidden), "ref.mean", rc.scaleHidden(), rc.channels(), 1, 1, 0.0);
    }

    /** The gain vector of the level selected by a one-hot row {@code [1, levels]}, as {@code [1,C,1,1]}. */
    public SDVariable gain(SDVariable levelOneHot) {
        return levelVector(levelOneHot, "ref.gain");
    }

    /** The inverse gain of the level (learned separately, as in Cui et al.): dequantised = integers * this. */
    public SDVariable inverseGain(SDVariable levelOneHot) {
        return levelVector(levelOneHot, "ref.igain");
    }

    /** The refined image: the base image, the linear synthesis of each cell and the nonlinear branch. */
    public SDVariable synthesise(SDVariable baseImage, SDVariable codes, SDVariable dequantised) {
        SDVariable linear = base.conv(dequantised, "ref.lin.s", rc.channels(), RefineConfig.CELL_VALUES, rc.linearKernel(), 1);
        SDVariable h = base.conv(dequantised, "ref.syn.in", rc.channels(), rc.a3(), 3, 1)
                .add(base.conv(codes, "ref.syn.codes", vc.latentDim(), rc.a3(), 3, 1));
        for (int i = 0; i < rc.blocks(); i++) {
            h = base.residual(h, "ref.syn.res" + i, rc.a3());
        }
        SDVariable nonlinear = base.conv(base.act(h), "ref.syn.out", rc.a3(), RefineConfig.CELL_VALUES, 1, 1, 0.0);
        SDVariable cells = linear.add(nonlinear);
        return baseImage.add(sd.cnn().depthToSpace(cells, VqVaeConfig.DOWNSAMPLING, DataFormat.NCHW));
    }

    /** Scale of the gained latent: {@code RefineConfig.SCALE_FLOOR + exp(logScale) * gain}, the formula the Java coder uses. */
    public SDVariable scale(SDVariable logScale, SDVariable gain) {
        return sd.math().exp(logScale).mul(gain).add(RefineConfig.SCALE_FLOOR);
    }

    /**
     * Bits of each value under a zero-mean logistic of the given scale, integrated over the unit bin around it
     * (written on {@code -|v|} because the density is symmetric, which keeps the tails accurate in float).
     */
    public SDVariable bits(SDVariable values, SDVariable scale) {
        SDVariable a = sd.math().abs(values).neg();
        SDVariable upper = sd.nn().sigmoid(a.add(0.5).div(scale));
        SDVariable lower = sd.nn().sigmoid(a.sub(0.5).div(scale));
        return sd.math().log(upper.sub(lower).add(1e-9)).mul(-1.0 / Math.log(2));
    }

    /**
     * The orthonormal transform a new layer's linear part starts from, {@code [192][192]} row-major with row = input
     * value in space-to-depth order ({@code (y * 8 + x) * 3 + colour}) and column = coefficient: colour planes
     * decorrelated by an orthonormal luma/chroma basis, then an 8x8 DCT-II of each, lowest frequencies of luma first.
     */
    public static float[] dctBasis() {
        int n = VqVaeConfig.DOWNSAMPLING;
        double[][] colour = {
                {1 / Math.sqrt(3), 1 / Math.sqrt(3), 1 / Math.sqrt(3)},
                {1 / Math.sqrt(2), 0, -1 / Math.sqrt(2)},
                {1 / Math.sqrt(6), -2 / Math.sqrt(6), 1 / Math.sqrt(6)}};
        double[][] dct = new double[n][n];
        for (int u = 0; u < n; u++) {
            for (int p = 0; p < n; p++) {
                dct[u][p] = (u == 0 ? Math.sqrt(1.0 / n) : Math.sqrt(2.0 / n)) * Math.cos(Math.PI * (2 * p + 1) * u / (2.0 * n));
            }
        }
        // Coefficients ordered by colour plane, then by frequency u + v (zig-zag-like), so channel i is comparable
        // across cells and the low ones carry most energy.
        int[][] order = new int[n * n][];
        int k = 0;
        for (int s = 0; s < 2 * n - 1; s++) {
            for (int u = 0; u < n; u++) {
                int v = s - u;
                if (v >= 0 && v < n) {
                    order[k++] = new int[] {u, v};
                }
            }
        }
        float[] basis = new float[RefineConfig.CELL_VALUES * RefineConfig.CELL_VALUES];
        int column = 0;
        for (int plane = 0; plane < 3; plane++) {
            for (int[] uv : order) {
                for (int y = 0; y < n; y++) {
                    for (int x = 0; x < n; x++) {
                        for (int c = 0; c < 3; c++) {
                            int row = (y * n + x) * 3 + c;
                            basis[row * RefineConfig.CELL_VALUES + column] =
                                    (float) (colour[plane][c] * dct[uv[0]][y] * dct[uv[1]][x]);
                        }
                    }
                }
                column++;
            }
        }
        return basis;
    }

    private SDVariable levelVector(SDVariable levelOneHot, String name) {
        SDVariable logGain = base.param(name, new long[] {rc.levels(), rc.channels()}, 0.0);
        SDVariable row = sd.mmul(levelOneHot, logGain);
        return sd.reshape(sd.math().exp(row), 1, rc.channels(), 1, 1);
    }
}

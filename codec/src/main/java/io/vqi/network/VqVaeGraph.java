package io.vqi.network;

import io.vqi.model.VqVaeConfig;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.DataFormat;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the VQ-VAE's SameDiff graph. The one place the architecture is written down: training adds losses on top,
 * inference feeds placeholders, and both get their parameters through {@link Params}, so a graph rebuilt from
 * exported tensors is the graph that was trained.
 *
 * <p>Tensors are NCHW; images are in [0, 1]; convolution weights are {@code [kH, kW, in, out]}.
 */
public final class VqVaeGraph {

    /** Supplies a parameter variable: fresh random values in training, loaded tensors in inference. */
    @FunctionalInterface
    public interface Params {
        SDVariable get(SameDiff sd, ParamSpec spec);
    }

    /** Name, shape and initialisation scale of one parameter. */
    public record ParamSpec(String name, long[] shape, double initStd) {
    }

    /** Quantiser outputs: flat indices, straight-through latents, and the two VQ losses. */
    public record Quantized(SDVariable indices, SDVariable latents, SDVariable codebookLoss,
                            SDVariable commitmentLoss) {
    }

    private static final double LEAK = 0.2;
    private static final double EPS = 1e-6;

    private final SameDiff sd;
    private final VqVaeConfig config;
    private final Params params;
    private final List<ParamSpec> specs = new ArrayList<>();

    public VqVaeGraph(SameDiff sd, VqVaeConfig config, Params params) {
        this.sd = sd;
        this.config = config;
        this.params = params;
    }

    /** Every parameter of the architecture in a fixed order, without building anything. */
    public static List<ParamSpec> parameterSpecs(VqVaeConfig config) {
        VqVaeGraph probe = new VqVaeGraph(SameDiff.create(), config, (sd, spec) ->
                sd.var(spec.name(), Nd4j.zeros(DataType.FLOAT, spec.shape())));
        SDVariable x = probe.sd.placeHolder("x", DataType.FLOAT, -1, 3, -1, -1);
        Quantized q = probe.quantize(probe.encode(x));
        probe.decode(q.latents());
        return List.copyOf(probe.specs);
    }

    /** The parameters this graph has asked for so far, in order. */
    List<ParamSpec> specs() {
        return List.copyOf(specs);
    }

    /**
     * True for the last convolution of a residual branch: zero there makes the block the identity, which is how a
     * block added to a trained model starts (the grown model computes what the trained one did).
     */
    public static boolean isResidualOutput(String parameter) {
        return parameter.matches("(enc|dec)\\.(res|mid)\\d+\\.b\\.[wb]");
    }

    /** True for the parameters that decide the index grid: the encoder's and the codebook. */
    public static boolean isEncoderSide(String parameter) {
        return parameter.startsWith("enc.") || parameter.equals("codebook");
    }

    /** Image {@code [B,3,H,W]} in [0,1], H and W multiples of 8, to l2-normalised latents {@code [B,D,H/8,W/8]}. */
    public SDVariable encode(SDVariable x) {
        SDVariable h = x.sub(0.5);
        h = act(conv(h, "enc.down1", 3, config.c1(), 3, 2));
        h = act(conv(h, "enc.down2", config.c1(), config.c2(), 3, 2));
        h = act(conv(h, "enc.down3", config.c2(), config.c3(), 3, 2));
        for (int i = 0; i < config.encoderBlocks(); i++) {
            h = residual(h, "enc.res" + i, config.c3());
        }
        SDVariable z = conv(act(h), "enc.proj", config.c3(), config.latentDim(), 1, 1);
        return l2Normalize(z, 1);
    }

    /** Nearest code by cosine similarity, with the straight-through estimator for the encoder's gradient. */
    public Quantized quantize(SDVariable zn) {
        int d = config.latentDim();
        SDVariable nhwc = sd.permute(zn, 0, 2, 3, 1);
        SDVariable flat = sd.reshape(nhwc, -1, d);
        SDVariable codebook = normalizedCodebook();
        SDVariable similarity = sd.mmul(flat, codebook, false, true, false);
        SDVariable indices = sd.argmax("indices", similarity, 1);
        SDVariable q = lookupFlat(indices, codebook);
        SDVariable qn = sd.permute(sd.reshape(q, sd.shape(nhwc)), 0, 3, 1, 2);
        SDVariable codebookLoss = sd.math().square(stopGradient(zn).sub(qn)).mean();
        SDVariable commitmentLoss = sd.math().square(zn.sub(stopGradient(qn))).mean();
        SDVariable straightThrough = zn.add(stopGradient(qn.sub(zn)));
        return new Quantized(indices, straightThrough, codebookLoss, commitmentLoss);
    }

    /** Index grid {@code [B,h,w]} (integers) to code vectors {@code [B,D,h,w]}. */
    public SDVariable lookup(SDVariable indexGrid) {
        SDVariable flat = sd.reshape(indexGrid, -1);
        SDVariable q = lookupFlat(flat, normalizedCodebook());
        SDVariable shape = sd.concat(0, sd.shape(indexGrid),
                sd.constant(Nd4j.createFromArray(new long[] {config.latentDim()})));
        return sd.permute(sd.reshape(q, shape), 0, 3, 1, 2);
    }

    /** Code vectors {@code [B,D,h,w]} to an image {@code [B,3,8h,8w]}, nominally in [0,1] (not clamped). */
    public SDVariable decode(SDVariable latents) {
        return decode("dec", latents, null);
    }

    /**
     * The decoder's architecture under a parameter prefix, with an optional extra input added to its first 1/8
     * resolution features: how the refinement layer's decoder (a copy of this one, see {@link RefineGraph}) takes
     * the dequantised residual latent.
     */
    public SDVariable decode(String prefix, SDVariable latents, SDVariable extra) {
        SDVariable h = conv(latents, prefix + ".in", config.latentDim(), config.c3(), 3, 1);
        if (extra != null) {
            h = h.add(extra);
        }
        for (int i = 0; i < config.decoderBlocks(); i++) {
            h = residual(h, prefix + ".res" + i, config.c3());
        }
        h = act(h);
        h = act(conv(upsample(h), prefix + ".up1", config.c3(), config.c2(), 3, 1));
        for (int i = 0; i < config.decoderMidBlocks(); i++) {
            h = residual(h, prefix + ".mid" + i, config.c2());
        }
        h = act(conv(upsample(h), prefix + ".up2", config.c2(), config.c1(), 3, 1));
        h = conv(h, prefix + ".out", config.c1(), 12, 3, 1);
        return sd.cnn().depthToSpace(h, 2, DataFormat.NCHW).add(0.5);
    }

    private SDVariable lookupFlat(SDVariable flatIndices, SDVariable codebook) {
        SDVariable oneHot = sd.oneHot(flatIndices, config.codebookSize(), -1, 1.0, 0.0, DataType.FLOAT);
        return sd.mmul(oneHot, codebook);
    }

    private SDVariable normalizedCodebook() {
        SDVariable cb = param("codebook", new long[] {config.codebookSize(), config.latentDim()}, 1.0);
        return l2Normalize(cb, 1);
    }

    SDVariable residual(SDVariable x, String name, int channels) {
        SDVariable h = conv(act(x), name + ".a", channels, channels, 3, 1);
        // The branch's last layer starts small so that a deep stack begins close to the identity.
        h = conv(act(h), name + ".b", channels, channels, 3, 1, 0.1);
        return x.add(h);
    }

    SDVariable conv(SDVariable x, String name, int in, int out, int k, int stride) {
        return conv(x, name, in, out, k, stride, 1.0);
    }

    SDVariable conv(SDVariable x, String name, int in, int out, int k, int stride, double gain) {
        double heStd = Math.sqrt(2.0 / (k * k * in)) * gain;
        SDVariable w = param(name + ".w", new long[] {k, k, in, out}, heStd);
        SDVariable b = param(name + ".b", new long[] {out}, 0.0);
        Conv2DConfig c = Conv2DConfig.builder()
                .kH(k).kW(k).sH(stride).sW(stride)
                .paddingMode(PaddingMode.SAME)
                .dataFormat("NCHW")
                .weightsFormat(WeightsFormat.YXIO)
                .build();
        return sd.cnn().conv2d(x, w, b, c);
    }

    private SDVariable upsample(SDVariable x) {
        return sd.cnn().upsampling2d(x, 2, 2, true);
    }

    SDVariable act(SDVariable x) {
        return sd.nn().leakyRelu(x, LEAK);
    }

    private SDVariable l2Normalize(SDVariable x, int dim) {
        SDVariable sumSq = sd.math().square(x).sum(true, dim);
        return x.mul(sd.math().rsqrt(sumSq.add(EPS)));
    }

    private SDVariable stopGradient(SDVariable x) {
        return new StopGradient(sd, x).outputVariable();
    }

    SDVariable param(String name, long[] shape, double initStd) {
        SDVariable existing = sd.hasVariable(name) ? sd.getVariable(name) : null;
        if (existing != null) {
            return existing;
        }
        ParamSpec spec = new ParamSpec(name, shape, initStd);
        specs.add(spec);
        return params.get(sd, spec);
    }
}

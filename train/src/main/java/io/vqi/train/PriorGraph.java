package io.vqi.train;

import io.vqi.prior.PixelCnnPrior;
import io.vqi.prior.PriorConfig;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;
import java.util.function.BiFunction;

/**
 * The PixelCNN prior as a SameDiff graph, for training only. It computes exactly what
 * {@link PixelCnnPrior} computes position by position (masked taps, zero padding, residual ReLU stream); a test
 * holds the two to the same logits.
 */
final class PriorGraph {
    private PriorGraph() {
    }

    /** Logits {@code [B,K,h,w]} for an index grid placeholder {@code [B,h,w]}. */
    static SDVariable logits(SameDiff sd, PriorConfig config, SDVariable indices,
                             BiFunction<String, long[], SDVariable> params) {
        Map<String, long[]> shapes = PixelCnnPrior.tensorShapes(config);
        int e = config.embedDim();
        int c = config.channels();
        int ka = config.kernelA();
        SDVariable flat = sd.reshape(indices, -1);
        SDVariable oneHot = sd.oneHot(flat, config.alphabet(), -1, 1.0, 0.0, DataType.FLOAT);
        SDVariable emb = sd.mmul(oneHot, params.apply("prior.embed", shapes.get("prior.embed")));
        SDVariable shape = sd.concat(0, sd.shape(indices), sd.constant(Nd4j.createFromArray(new long[] {e})));
        SDVariable x = sd.permute(sd.reshape(emb, shape), 0, 3, 1, 2);

        SDVariable maskA = sd.constant(mask(ka, e, c, false));
        SDVariable h = conv(sd, x, params.apply("prior.a.w", shapes.get("prior.a.w")).mul(maskA),
                params.apply("prior.a.b", shapes.get("prior.a.b")), ka);
        SDVariable maskB = sd.constant(mask(3, c, c, true));
        for (int l = 0; l < config.layers(); l++) {
            String n = "prior.b" + l;
            SDVariable w = params.apply(n + ".w", shapes.get(n + ".w")).mul(maskB);
            h = h.add(conv(sd, sd.nn().relu(h, 0), w, params.apply(n + ".b", shapes.get(n + ".b")), 3));
        }
        return conv(sd, sd.nn().relu(h, 0), params.apply("prior.out.w", shapes.get("prior.out.w")),
                params.apply("prior.out.b", shapes.get("prior.out.b")), 1);
    }

    /**
     * Raster-order mask {@code [k,k,in,out]}: rows above the centre, and the centre row left of the centre
     * (type A) or up to and including it (type B).
     */
    static INDArray mask(int k, int in, int out, boolean includeCentre) {
        int half = k / 2;
        float[] m = new float[k * k * in * out];
        for (int ty = 0; ty < k; ty++) {
            for (int tx = 0; tx < k; tx++) {
                boolean visible = ty < half || (ty == half && (includeCentre ? tx <= half : tx < half));
                if (visible) {
                    java.util.Arrays.fill(m, (ty * k + tx) * in * out, (ty * k + tx + 1) * in * out, 1f);
                }
            }
        }
        return Nd4j.create(m, new long[] {k, k, in, out}, 'c');
    }

    private static SDVariable conv(SameDiff sd, SDVariable x, SDVariable w, SDVariable b, int k) {
        Conv2DConfig c = Conv2DConfig.builder()
                .kH(k).kW(k).sH(1).sW(1)
                .paddingMode(PaddingMode.SAME)
                .dataFormat("NCHW")
                .weightsFormat(WeightsFormat.YXIO)
                .build();
        return sd.cnn().conv2d(x, w, b, c);
    }
}

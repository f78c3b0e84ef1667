package io.vqi.model;

import io.vqi.network.RefineGraph;
import io.vqi.network.VqVaeGraph;
import io.vqi.prior.PixelCnnPrior;
import io.vqi.prior.PriorConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Random;

/** Models with seeded random weights: real graphs, meaningless pictures, fast to build. */
public final class TestModels {
    private TestModels() {
    }

    public static ModelBundle random(VqVaeConfig config, long seed) {
        Random rnd = new Random(seed);
        List<Tensor> tensors = new ArrayList<>();
        for (VqVaeGraph.ParamSpec spec : VqVaeGraph.parameterSpecs(config)) {
            long n = 1;
            for (long d : spec.shape()) {
                n *= d;
            }
            float[] v = new float[(int) n];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (rnd.nextGaussian() * Math.max(spec.initStd(), 0.01));
            }
            tensors.add(new Tensor(spec.name(), spec.shape(), v));
        }
        return ModelBundle.of(config, tensors, "");
    }

    /** A model with a random prior too: what {@code compress} needs, with meaningless probabilities. */
    public static ModelBundle randomWithPrior(VqVaeConfig config, PriorConfig prior, long seed) {
        List<Tensor> tensors = new ArrayList<>(random(config, seed).tensors());
        tensors.addAll(randomPrior(prior, seed + 1).values());
        return ModelBundle.of(config, prior, tensors, "");
    }

    public static Map<String, Tensor> randomPrior(PriorConfig prior, long seed) {
        Random rnd = new Random(seed);
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : PixelCnnPrior.tensorShapes(prior).entrySet()) {
            long n = 1;
            for (long d : e.getValue()) {
                n *= d;
            }
            float[] v = new float[(int) n];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (rnd.nextGaussian() * 0.5);
            }
            m.put(e.getKey(), new Tensor(e.getKey(), e.getValue(), v));
        }
        return m;
    }

    /** A refinement layer with seeded random weights for {@code base}: real graphs and coder, meaningless pictures. */
    public static RefineBundle randomRefine(ModelBundle base, long seed) {
        return randomRefine(base, seed, true);
    }

    /** A random tiny layer with or without the checkerboard context (without: the first shipped layer's kind). */
    public static RefineBundle randomRefine(ModelBundle base, long seed, boolean context) {
        return randomRefine(base, seed, context, context ? RefineConfig.tiny(base.sha256Hex()).slices() : new int[0]);
    }

    /**
     * A random tiny layer cut into the given slices (no cuts with the context: the second shipped layer's kind); with
     * more cuts than the tiny layout's channels allow, three channels more per cut.
     */
    public static RefineBundle randomRefine(ModelBundle base, long seed, boolean context, int... slices) {
        return randomRefine(base, seed, 1, context, slices);
    }

    /** A random tiny layer with lapped linear transforms ({@code refine.linearKernel=3}), one cut. */
    public static RefineBundle randomLappedRefine(ModelBundle base, long seed) {
        return randomRefine(base, seed, 3, true, RefineConfig.tiny(base.sha256Hex()).slices());
    }

    private static RefineBundle randomRefine(ModelBundle base, long seed, int linearKernel, boolean context,
                                             int... slices) {
        RefineConfig tiny = RefineConfig.tiny(base.sha256Hex());
        int channels = Math.max(tiny.channels(), slices.length == 0 ? 0 : 3 * (slices[slices.length - 1] + 1));
        RefineConfig config = new RefineConfig(channels, tiny.a1(), tiny.a2(), tiny.a3(), tiny.blocks(), linearKernel,
                tiny.scaleHidden(), context, slices, tiny.lambdas(), tiny.baseSha256());
        Random rnd = new Random(seed);
        List<Tensor> tensors = new ArrayList<>();
        for (VqVaeGraph.ParamSpec spec : RefineGraph.parameterSpecs(base.config(), config)) {
            long n = 1;
            for (long d : spec.shape()) {
                n *= d;
            }
            float[] v = new float[(int) n];
            boolean gain = spec.name().startsWith("ref.gain") || spec.name().startsWith("ref.igain");
            for (int i = 0; i < v.length; i++) {
                // gains: level l (row) gets log-gain l - 1, so levels differ; the rest random
                v[i] = gain ? (float) (i / config.channels() - 1) * (spec.name().startsWith("ref.igain") ? -1 : 1)
                        : (float) (rnd.nextGaussian() * Math.max(spec.initStd(), 0.05));
            }
            tensors.add(new Tensor(spec.name(), spec.shape(), v));
        }
        return RefineBundle.of(config, tensors, "");
    }
}

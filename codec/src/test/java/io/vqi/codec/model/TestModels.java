package io.vqi.codec.model;

import java.util.ArrayList;
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
}

package io.vqi.codec.benchmark;

import io.vqi.codec.ModelRegistry;
import io.vqi.codec.ModelZoo;
import io.vqi.image.ImageTensor;
import io.vqi.model.IndexGrid;
import io.vqi.model.ModelBundle;
import io.vqi.model.RefineBundle;
import io.vqi.model.TestModels;
import io.vqi.model.VqVaeConfig;
import io.vqi.prior.PriorConfig;

import java.util.Random;

/** The benchmarks' inputs: the embedded models, or random ones of the default architecture (the same cost). */
final class BenchmarkFixtures {
    private BenchmarkFixtures() {
    }

    /** The embedded default model, or a random one of the default architecture in a build without it. */
    static ModelBundle baseModel() {
        return ModelZoo.hasDefault() ? ModelZoo.defaultModel()
                : TestModels.randomWithPrior(VqVaeConfig.defaults(), PriorConfig.defaults(1024), 1);
    }

    /** The embedded refinement layer for {@code base}, or a random one of the default architecture. */
    static RefineBundle refinement(ModelBundle base) {
        return ModelRegistry.embedded().refinementFor(base).orElseGet(() -> TestModels.randomRefine(base, 1));
    }

    /** A smooth texture with noise, so that the codes are neither flat nor random. */
    static ImageTensor texture(int width, int height, Random r) {
        float[] px = new float[3 * width * height];
        for (int i = 0; i < px.length; i++) {
            int x = i % width;
            int y = (i / width) % height;
            px[i] = (float) (0.5 + 0.3 * Math.sin(x * 0.05) * Math.cos(y * 0.03) + 0.05 * r.nextGaussian());
        }
        return new ImageTensor(width, height, px);
    }

    /** Uniformly random indices of a {@code k}-symbol alphabet. */
    static IndexGrid randomGrid(int rows, int cols, int k, Random r) {
        int[] idx = new int[rows * cols];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = r.nextInt(k);
        }
        return new IndexGrid(rows, cols, k, idx);
    }
}

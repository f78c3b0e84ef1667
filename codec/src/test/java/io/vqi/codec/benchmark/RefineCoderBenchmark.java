package io.vqi.codec.benchmark;

import io.vqi.codec.ModelRegistry;

import io.vqi.core.CorruptStreamException;
import io.vqi.model.IndexGrid;
import io.vqi.model.ModelBundle;
import io.vqi.model.RefineBundle;
import io.vqi.model.TestModels;
import io.vqi.model.VqVaeConfig;
import io.vqi.prior.PriorConfig;
import io.vqi.refine.RefineCoder;
import io.vqi.codec.ModelZoo;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The refinement layer's pure-Java entropy path on a 768x512 image's grid (96x64) at the top level: the entropy
 * network's parameters for every cell and the range coding of every latent element. Uses the embedded layer
 * ({@link ModelZoo#defaultRefinement()}) on the embedded base when the build has them, else a random layer of the
 * default architecture (same cost). The latent is random, so the payload size is not a real image's; the network's
 * work, which dominates, is the same.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class RefineCoderBenchmark {
    private RefineCoder coder;
    private IndexGrid grid;
    private int level;
    private int[] q;
    private byte[] payload;

    @Setup
    public void setup() {
        ModelBundle base = ModelZoo.hasDefault() ? ModelZoo.defaultModel()
                : TestModels.randomWithPrior(VqVaeConfig.defaults(), PriorConfig.defaults(1024), 1);
        RefineBundle layer = ModelRegistry.embedded().refinementFor(base).orElseGet(() -> TestModels.randomRefine(base, 1));
        coder = new RefineCoder(layer, base);
        int k = base.config().codebookSize();
        Random r = new Random(3);
        int[] idx = new int[64 * 96];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = r.nextInt(k);
        }
        grid = new IndexGrid(64, 96, k, idx);
        level = coder.levels();
        float[] y = new float[coder.channels() * grid.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (r.nextGaussian() * 2);
        }
        q = coder.quantise(y, grid, level);
        payload = coder.encode(grid, q, level);
    }

    @Benchmark
    public byte[] encode768x512() {
        return coder.encode(grid, q, level);
    }

    @Benchmark
    public int[] decode768x512() throws CorruptStreamException {
        return coder.decode(payload, 0, payload.length, grid, level);
    }
}

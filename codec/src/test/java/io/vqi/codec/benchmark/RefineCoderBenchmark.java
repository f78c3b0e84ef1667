package io.vqi.codec.benchmark;

import io.vqi.core.CorruptStreamException;
import io.vqi.model.IndexGrid;
import io.vqi.model.ModelBundle;
import io.vqi.refine.RefineCoder;
import io.vqi.codec.ModelZoo;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

import java.util.Random;

/**
 * The refinement layer's pure-Java entropy path on a 768x512 image's grid (96x64) at the top level: the entropy
 * network's parameters for every cell and the range coding of every latent element. Uses the embedded layer
 * ({@link ModelZoo#defaultRefinement()}) on the embedded base when the build has them, else a random layer of the
 * default architecture (same cost). The latent is random, so the payload size is not a real image's; the network's
 * work, which dominates, is the same.
 */
public class RefineCoderBenchmark extends MillisecondBenchmark {
    private RefineCoder coder;
    private IndexGrid grid;
    private int level;
    private int[] q;
    private byte[] payload;

    @Setup
    public void setup() {
        ModelBundle base = BenchmarkFixtures.baseModel();
        coder = new RefineCoder(BenchmarkFixtures.refinement(base), base);
        Random r = new Random(3);
        grid = BenchmarkFixtures.randomGrid(64, 96, base.config().codebookSize(), r);
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

package io.vqi.codec.benchmark;

import io.vqi.core.CorruptStreamException;
import io.vqi.model.IndexGrid;
import io.vqi.model.ModelBundle;
import io.vqi.model.TestModels;
import io.vqi.prior.LatentCoder;
import io.vqi.prior.PixelCnnPrior;
import io.vqi.prior.PriorConfig;
import io.vqi.codec.ModelZoo;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

import java.util.Random;

/**
 * Entropy coding of a 768x512 image's index grid (96x64) under the prior: the serial, pure-Java part of
 * compress and decompress. Uses the embedded default model's prior when the build has one, else a random prior of
 * the default architecture (same cost).
 */
public class PriorBenchmark extends MillisecondBenchmark {
    private LatentCoder coder;
    private IndexGrid grid;
    private byte[] payload;

    @Setup
    public void setup() {
        PixelCnnPrior prior;
        if (ModelZoo.hasDefault()) {
            ModelBundle m = ModelZoo.defaultModel();
            prior = new PixelCnnPrior(m.prior(), m.tensorMap());
        } else {
            PriorConfig config = PriorConfig.defaults(1024);
            prior = new PixelCnnPrior(config, TestModels.randomPrior(config, 1));
        }
        grid = BenchmarkFixtures.randomGrid(64, 96, prior.config().alphabet(), new Random(3));
        coder = new LatentCoder(prior);
        payload = coder.encode(grid);
    }

    @Benchmark
    public byte[] encode768x512() {
        return coder.encode(grid);
    }

    @Benchmark
    public IndexGrid decode768x512() throws CorruptStreamException {
        return coder.decode(payload, 64, 96);
    }
}

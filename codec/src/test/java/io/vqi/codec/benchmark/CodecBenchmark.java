package io.vqi.codec.benchmark;

import io.vqi.codec.ModelRegistry;

import io.vqi.core.CorruptStreamException;
import io.vqi.codec.EncodedImage;
import io.vqi.codec.ImageCodec;
import io.vqi.image.ImageTensor;
import io.vqi.model.IndexGrid;
import io.vqi.model.ModelBundle;
import io.vqi.model.TestModels;
import io.vqi.model.VqVaeConfig;
import io.vqi.network.VqVaeModel;
import io.vqi.prior.PriorConfig;
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
 * Whole-codec time on a 768x512 image (the full Kodak size): the networks alone ({@code vqvae*}) and compress /
 * decompress end to end, at quality 1 (the base layer) and at the best quality. Uses the embedded default model, or a random model of the default architecture in a build
 * without one (the same cost). Threads: set {@code OMP_NUM_THREADS} before the JVM starts.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "-Dorg.bytedeco.javacpp.maxbytes=4G"})
public class CodecBenchmark {
    private VqVaeModel model;
    private ImageCodec codec;
    private ImageTensor image;
    private IndexGrid grid;
    private EncodedImage encoded;
    private ImageCodec refined;
    private int topQuality;
    private ImageCodec.EncodedTile top;

    @Setup
    public void setup() {
        ModelBundle bundle = ModelZoo.hasDefault() ? ModelZoo.defaultModel()
                : TestModels.randomWithPrior(VqVaeConfig.defaults(), PriorConfig.defaults(1024), 1);
        model = VqVaeModel.load(bundle);
        codec = ImageCodec.create(bundle);
        Random r = new Random(1);
        float[] px = new float[3 * 768 * 512];
        for (int i = 0; i < px.length; i++) {
            int x = i % 768;
            int y = (i / 768) % 512;
            px[i] = (float) (0.5 + 0.3 * Math.sin(x * 0.05) * Math.cos(y * 0.03) + 0.05 * r.nextGaussian());
        }
        image = new ImageTensor(768, 512, px);
        grid = model.encode(image);
        encoded = codec.compress(image);
        refined = ImageCodec.create(bundle, ModelRegistry.embedded().refinementFor(bundle)
                .orElseGet(() -> TestModels.randomRefine(bundle, 1)));
        topQuality = refined.qualities();
        top = refined.encodeTile(image, topQuality);
    }

    /** The best quality level: base layer, analysis and refinement coding. */
    @Benchmark
    public ImageCodec.EncodedTile compressTopQuality768x512() {
        return refined.encodeTile(image, topQuality);
    }

    /** The best quality level: prior, refinement decoding (pure Java), then the refined decoder. */
    @Benchmark
    public int[] decompressTopQuality768x512() throws CorruptStreamException {
        IndexGrid g = refined.decodeIndices(new EncodedImage(768, 512, grid.rows(), grid.cols(),
                refined.model().modelId(), refined.model().sha256(), top.base()));
        float[] latent = refined.decodeRefinement(top.refinement(), g, topQuality);
        return refined.render(g, latent, 768, 512, 256);
    }

    @Benchmark
    public IndexGrid vqvaeEncode768x512() {
        return model.encode(image);
    }

    @Benchmark
    public ImageTensor vqvaeDecode768x512() {
        return model.decode(grid, 768, 512);
    }

    @Benchmark
    public EncodedImage compress768x512() {
        return codec.compress(image);
    }

    @Benchmark
    public ImageTensor decompress768x512() throws CorruptStreamException {
        return codec.decompress(encoded);
    }
}

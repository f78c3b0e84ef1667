package io.vqi.codec.benchmark;

import io.vqi.core.CorruptStreamException;
import io.vqi.codec.ImageCodec;
import io.vqi.core.ProgressListener;
import io.vqi.image.ImageTensor;
import io.vqi.image.PixelRegion;
import io.vqi.model.IndexGrid;
import io.vqi.model.ModelBundle;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Random;

/**
 * What a region decode ({@code ImageReadParam.setSourceRegion}, issue 15) costs next to a whole decode of a 768x512
 * image: a 200x120 region in the middle. Both decode the whole index grid (the prior is autoregressive over it) and,
 * at the best quality, the whole refinement latent (pure Java); the region runs the decoder network only on the
 * latent cells it covers plus the decoder's margin. Embedded default model and layer, or random ones of the default
 * architecture in a build without them (the same cost). Threads: set {@code OMP_NUM_THREADS} before the JVM starts.
 */
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "-Dorg.bytedeco.javacpp.maxbytes=4G"})
public class RegionDecodeBenchmark extends MillisecondBenchmark {
    private static final int WIDTH = 768;
    private static final int HEIGHT = 512;
    private static final int WINDOW = 256; // Tiling.DEFAULT's windows
    private static final PixelRegion REGION = new PixelRegion(284, 196, 200, 120);

    private ImageCodec codec;
    private int topQuality;
    private ImageCodec.EncodedTile base;
    private ImageCodec.EncodedTile top;

    @Setup
    public void setup() {
        ModelBundle bundle = BenchmarkFixtures.baseModel();
        codec = ImageCodec.create(bundle, BenchmarkFixtures.refinement(bundle));
        ImageTensor image = BenchmarkFixtures.texture(WIDTH, HEIGHT, new Random(1));
        topQuality = codec.qualities();
        base = codec.encodeTile(image, 1);
        top = codec.encodeTile(image, topQuality);
    }

    private IndexGrid indices(ImageCodec.EncodedTile tile) throws CorruptStreamException {
        return codec.decodeIndices(tile.base(), tile.grid().rows(), tile.grid().cols(), ProgressListener.NONE);
    }

    private int[] decode(ImageCodec.EncodedTile tile, int quality, PixelRegion region)
            throws CorruptStreamException {
        IndexGrid g = indices(tile);
        float[] latent = quality == 1 ? null : codec.decodeRefinement(tile.refinement(), g, quality);
        return codec.render(g, latent, WIDTH, HEIGHT, region, WINDOW, ProgressListener.NONE);
    }

    @Benchmark
    public int[] baseWhole768x512() throws CorruptStreamException {
        return decode(base, 1, PixelRegion.whole(WIDTH, HEIGHT));
    }

    @Benchmark
    public int[] baseRegion200x120() throws CorruptStreamException {
        return decode(base, 1, REGION);
    }

    /** The floor of both: the whole index grid and refinement latent, no network. */
    @Benchmark
    public float[] topQualityCodesOnly() throws CorruptStreamException {
        return codec.decodeRefinement(top.refinement(), indices(top), topQuality);
    }

    /** The floor of both at quality 1: the whole index grid (the prior), no network. */
    @Benchmark
    public IndexGrid baseCodesOnly() throws CorruptStreamException {
        return indices(base);
    }

    @Benchmark
    public int[] topQualityWhole768x512() throws CorruptStreamException {
        return decode(top, topQuality, PixelRegion.whole(WIDTH, HEIGHT));
    }

    @Benchmark
    public int[] topQualityRegion200x120() throws CorruptStreamException {
        return decode(top, topQuality, REGION);
    }
}

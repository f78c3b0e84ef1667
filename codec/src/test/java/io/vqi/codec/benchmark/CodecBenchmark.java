package io.vqi.codec.benchmark;

import io.vqi.core.CorruptStreamException;
import io.vqi.codec.ImageCodec;
import io.vqi.codec.Tiling;
import io.vqi.core.EncodedImage;
import io.vqi.core.ProgressListener;
import io.vqi.image.ImagePlanes;
import io.vqi.image.PixelRegion;
import io.vqi.image.ImageTensor;
import io.vqi.model.IndexGrid;
import io.vqi.model.ModelBundle;
import io.vqi.network.VqVaeModel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Random;

/**
 * Whole-codec time on a 768x512 image (the full Kodak size): the networks alone ({@code vqvae*}) and compress /
 * decompress end to end, at quality 1 (the base layer) and at the best quality. Uses the embedded default model, or a random model of the default architecture in a build
 * without one (the same cost). Threads: set {@code OMP_NUM_THREADS} before the JVM starts.
 */
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "-Dorg.bytedeco.javacpp.maxbytes=4G"})
public class CodecBenchmark extends MillisecondBenchmark {
    private VqVaeModel model;
    private ImageCodec codec;
    private ImageTensor image;
    private ImagePlanes planes;
    private IndexGrid grid;
    private EncodedImage encoded;
    private ImageCodec refined;
    private int topQuality;
    private ImageCodec.EncodedTile top;
    private EncodedImage topEncoded;

    @Setup
    public void setup() {
        ModelBundle bundle = BenchmarkFixtures.baseModel();
        model = VqVaeModel.load(bundle);
        codec = ImageCodec.create(bundle);
        image = BenchmarkFixtures.texture(768, 512, new Random(1));
        planes = new ImagePlanes(768, 512, image.toRgb(), null, false, null);
        grid = model.encode(image);
        try {
            encoded = codec.compress(planes, 1, Tiling.DEFAULT, false, ProgressListener.NONE);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        refined = ImageCodec.create(bundle, BenchmarkFixtures.refinement(bundle));
        topQuality = refined.qualities();
        top = refined.encodeTile(image, topQuality);
        try {
            topEncoded = refined.compress(planes, topQuality, Tiling.DEFAULT, false, ProgressListener.NONE);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The best quality level: base layer, analysis and refinement coding. */
    @Benchmark
    public ImageCodec.EncodedTile compressTopQuality768x512() {
        return refined.encodeTile(image, topQuality);
    }

    /** The best quality level: prior, refinement decoding (pure Java), then the refined decoder. */
    @Benchmark
    public int[] decompressTopQuality768x512() throws CorruptStreamException {
        IndexGrid g = refined.decodeIndices(top.base(), grid.rows(), grid.cols(), ProgressListener.NONE);
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

    /** Quality 1 end to end through the codec's API: encoder and prior (no colour plane, as before it existed). */
    @Benchmark
    public EncodedImage compress768x512() throws java.io.IOException {
        return codec.compress(planes, 1, Tiling.DEFAULT, false, ProgressListener.NONE);
    }

    /**
     * The best quality end to end through the codec's API, as a file is decoded: the prior, then the refinement's
     * entropy walk on its own thread while the base decoder runs, then the refinement's cells
     * ({@link #decompressTopQuality768x512} runs the same steps one after the other).
     */
    @Benchmark
    public ImagePlanes decompressTopQualityOverlapped768x512() throws java.io.IOException {
        return refined.decompress(topEncoded, PixelRegion.whole(768, 512), Tiling.DEFAULT, ProgressListener.NONE);
    }

    /** Quality 1 end to end through the codec's API: prior and decoder, in windows. */
    @Benchmark
    public ImagePlanes decompress768x512() throws java.io.IOException {
        return codec.decompress(encoded, PixelRegion.whole(768, 512), Tiling.DEFAULT, ProgressListener.NONE);
    }
}

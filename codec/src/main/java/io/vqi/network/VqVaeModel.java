package io.vqi.network;

import io.vqi.model.IndexGrid;
import io.vqi.model.ModelBundle;
import io.vqi.model.Tensor;
import io.vqi.model.VqVaeConfig;
import io.vqi.core.ProgressListener;
import io.vqi.image.ImageTensor;
import io.vqi.image.PixelRegion;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

/**
 * A loaded VQ-VAE for inference: image to index grid and back, on whatever ND4J backend is active.
 *
 * <p>Any size from 1x1 works: the image is padded to a multiple of 8 by edge replication and cropped back after
 * decoding. Calls are serialised because a SameDiff graph holds per-call state.
 */
public final class VqVaeModel {

    private final ModelBundle bundle;
    private final VqVaeGraph.Params params;
    // Built on first use: a command that only decodes never pays for the encoder's graph, and the other way round.
    private SameDiff encoder;
    private DecoderNet decoder;

    private VqVaeModel(ModelBundle bundle) {
        this.bundle = bundle;
        Map<String, Tensor> weights = bundle.tensorMap();
        this.params = (sd, spec) -> {
            Tensor t = weights.get(spec.name());
            if (t == null) {
                throw new IllegalArgumentException("model lacks tensor " + spec.name());
            }
            if (!java.util.Arrays.equals(t.shape(), spec.shape())) {
                throw new IllegalArgumentException("tensor " + spec.name() + " has shape "
                        + java.util.Arrays.toString(t.shape()) + ", architecture wants "
                        + java.util.Arrays.toString(spec.shape()));
            }
            return sd.constant(spec.name(), Nd4j.create(t.data(), t.shape(), 'c'));
        };
    }

    private synchronized SameDiff encoder() {
        if (encoder == null) {
            encoder = SameDiff.create();
            VqVaeGraph enc = new VqVaeGraph(encoder, bundle.config(), params);
            SDVariable x = encoder.placeHolder("x", DataType.FLOAT, 1, 3, -1, -1);
            encoder.identity("out", enc.quantize(enc.encode(x)).indices());
        }
        return encoder;
    }

    /** Loads the decoder's weights into ND4J now (on a caller's background thread), not at the first decode. */
    public void prepareDecoder() {
        decoder();
    }

    private synchronized DecoderNet decoder() {
        if (decoder == null) {
            decoder = new DecoderNet(bundle.config(), null, bundle.tensorMap());
        }
        return decoder;
    }

    public static VqVaeModel load(ModelBundle bundle) {
        return new VqVaeModel(bundle);
    }

    public ModelBundle bundle() {
        return bundle;
    }

    public VqVaeConfig config() {
        return bundle.config();
    }

    public String modelId() {
        return bundle.modelId();
    }

    /** Latent grid shape for an image of the given size. */
    public static int[] gridShape(int width, int height) {
        int f = VqVaeConfig.DOWNSAMPLING;
        return new int[] {(height + f - 1) / f, (width + f - 1) / f};
    }

    public synchronized IndexGrid encode(ImageTensor image) {
        ImageTensor padded = image.padTo(VqVaeConfig.DOWNSAMPLING);
        INDArray x = Nd4j.create(padded.data(), new long[] {1, 3, padded.height(), padded.width()}, 'c');
        INDArray out = encoder().output(Map.of("x", x), "out").get("out");
        int[] shape = gridShape(image.width(), image.height());
        return new IndexGrid(shape[0], shape[1], config().codebookSize(), out.toIntVector());
    }

    /**
     * Latent cells around a window that its inner part needs: the decoder's reach (a 3x3 input convolution, residual
     * blocks of two 3x3 convolutions at 1/8 resolution, the blocks at 1/4 resolution, then the upsampling
     * convolutions) is 1 + 2 * blocks + mid blocks + 1 cells: 13 for the shipped 5 + 1 blocks.
     */
    static int margin(VqVaeConfig config) {
        return 2 * config.decoderBlocks() + 2 + config.decoderMidBlocks();
    }

    /**
     * The image of {@code grid} as {@code 0xRRGGBB} pixels, decoded in windows of at most {@code window × window}
     * latent cells, each with a margin of {@link #margin} cells of context that is decoded and thrown away: the
     * decoder's memory stays bounded for any image size, and each window's inner part is what a one-piece decode
     * gives there (seam-free, up to floating-point rounding).
     */
    public int[] decodeRgb(IndexGrid grid, int width, int height, int window) {
        return decodeRgb(grid, width, height, window, ProgressListener.NONE);
    }

    /** As {@link #decodeRgb(IndexGrid, int, int, int)}, telling {@code listener} of each window decoded. */
    public int[] decodeRgb(IndexGrid grid, int width, int height, int window, ProgressListener listener) {
        return decodeRgb(grid, width, height, PixelRegion.whole(width, height), window, listener);
    }

    /**
     * The pixels of {@code region} alone ({@code region.width() x region.height()}, row by row): only the windows
     * the region's latent cells need are decoded, each with its margin of context, so they equal the same pixels
     * of a whole decode up to floating-point rounding.
     */
    public int[] decodeRgb(IndexGrid grid, int width, int height, PixelRegion region, int window,
                           ProgressListener listener) {
        checkGrid(grid, width, height);
        return renderInWindows(grid.rows(), grid.cols(), width, height, region, window, margin(config()), listener,
                (r0, r1, c0, c1) -> decodeWhole(grid.window(r0, r1, c0, c1)).toRgb());
    }

    /** Decodes one window of latent cells {@code [r0, r1) x [c0, c1)} to its {@code 0xRRGGBB} pixels. */
    @FunctionalInterface
    interface WindowDecoder {
        int[] decode(int r0, int r1, int c0, int c1);
    }

    /**
     * The windowed decoding loop both decoders share: the latent cells {@code region} covers, cut into windows of
     * at most {@code window} cells a side (counted from the region's first cell), each decoded with {@code margin}
     * cells of context around it that are thrown away; returns the region's pixels. For the whole image the
     * windows are those a whole decode always used. {@code listener} hears of each window
     * ({@link ProgressListener.Stage#RENDERING}), 0 first.
     */
    static int[] renderInWindows(int rows, int cols, int width, int height, PixelRegion region, int window,
                                 int margin, ProgressListener listener, WindowDecoder decoder) {
        int f = VqVaeConfig.DOWNSAMPLING;
        region.requireInside(width, height);
        int rx0 = region.x();
        int ry0 = region.y();
        int rx1 = rx0 + region.width();
        int ry1 = ry0 + region.height();
        int cellRow0 = ry0 / f;
        int cellRow1 = Math.min(rows, (ry1 + f - 1) / f);
        int cellCol0 = rx0 / f;
        int cellCol1 = Math.min(cols, (rx1 + f - 1) / f);
        int[] rgb = new int[Math.multiplyExact(region.width(), region.height())];
        long windows = (long) ((cellRow1 - cellRow0 + window - 1) / window)
                * ((cellCol1 - cellCol0 + window - 1) / window);
        long done = 0;
        listener.progress(ProgressListener.Stage.RENDERING, 0, windows);
        for (int wy = cellRow0; wy < cellRow1; wy += window) {
            int wyEnd = Math.min(cellRow1, wy + window);
            for (int wx = cellCol0; wx < cellCol1; wx += window) {
                int wxEnd = Math.min(cellCol1, wx + window);
                int r0 = Math.max(0, wy - margin);
                int r1 = Math.min(rows, wyEnd + margin);
                int c0 = Math.max(0, wx - margin);
                int c1 = Math.min(cols, wxEnd + margin);
                int partWidth = (c1 - c0) * f;
                int[] pixels = decoder.decode(r0, r1, c0, c1);
                int x0 = Math.max(rx0, wx * f);
                int x1 = Math.min(rx1, wxEnd * f);
                for (int y = Math.max(ry0, wy * f); y < Math.min(ry1, wyEnd * f); y++) {
                    System.arraycopy(pixels, (y - r0 * f) * partWidth + (x0 - c0 * f), rgb,
                            (y - ry0) * region.width() + (x0 - rx0), x1 - x0);
                }
                listener.progress(ProgressListener.Stage.RENDERING, ++done, windows);
            }
        }
        return rgb;
    }

    public synchronized ImageTensor decode(IndexGrid grid, int width, int height) {
        checkGrid(grid, width, height);
        return decodeWhole(grid).crop(width, height);
    }

    void checkGrid(IndexGrid grid, int width, int height) {
        int[] shape = gridShape(width, height);
        if (grid.rows() != shape[0] || grid.cols() != shape[1]) {
            throw new IllegalArgumentException("grid " + grid.rows() + "x" + grid.cols() + " does not fit a "
                    + width + "x" + height + " image");
        }
        if (grid.alphabet() != config().codebookSize()) {
            throw new IllegalArgumentException("grid alphabet " + grid.alphabet() + " is not this model's "
                    + config().codebookSize());
        }
    }

    /** The whole padded image of {@code grid}: 8 × cols by 8 × rows pixels. */
    private synchronized ImageTensor decodeWhole(IndexGrid grid) {
        int f = VqVaeConfig.DOWNSAMPLING;
        return new ImageTensor(grid.cols() * f, grid.rows() * f, decoder().decode(grid, null));
    }
}

package io.vqi.network;

import io.vqi.model.IndexGrid;
import io.vqi.model.ModelBundle;
import io.vqi.model.RefineBundle;
import io.vqi.model.RefineConfig;
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

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The refinement layer's networks for inference, on whatever ND4J backend is active: the analysis (image and index
 * grid to the residual latent) and the refined decoder (index grid and dequantised latent to the image). The
 * coder's side of the layer is pure Java ({@code io.vqi.refine.RefineCoder}); only its integers, turned back
 * into floats, reach this class.
 */
public final class RefineModel {

    private final VqVaeConfig config;
    private final RefineConfig layer;
    private final VqVaeGraph.Params params;
    private final Map<String, Tensor> weights;
    // Built on first use: decoding never needs the analysis graph, encoding never the decoder's.
    private SameDiff analysis;
    private DecoderNet decoder;

    private RefineModel(ModelBundle base, RefineBundle refine) {
        this.config = base.config();
        this.layer = refine.config();
        this.weights = new HashMap<>(base.tensorMap());
        weights.putAll(refine.tensorMap());
        this.params = (sd, spec) -> {
            Tensor t = weights.get(spec.name());
            if (t == null || !java.util.Arrays.equals(t.shape(), spec.shape())) {
                throw new IllegalArgumentException("refinement layer lacks tensor " + spec.name()
                        + " of shape " + java.util.Arrays.toString(spec.shape()));
            }
            return sd.constant(spec.name(), Nd4j.create(t.data(), t.shape(), 'c'));
        };
    }

    private synchronized SameDiff analysis() {
        if (analysis == null) {
            analysis = SameDiff.create();
            RefineGraph a = new RefineGraph(analysis, config, layer, params);
            SDVariable x = analysis.placeHolder("x", DataType.FLOAT, 1, 3, -1, -1);
            SDVariable idx = analysis.placeHolder("indices", DataType.INT64, 1, -1, -1);
            // The base picture comes in from the decoder (the same floats as RefineGraph.baseImage, DecoderNetTest):
            // a SameDiff session would hold all of the decoder's intermediates as well.
            SDVariable baseImage = analysis.placeHolder("base", DataType.FLOAT, 1, 3, -1, -1);
            SDVariable codes = a.base().lookup(idx);
            analysis.identity("out", a.analyse(x, baseImage, codes));
        }
        return analysis;
    }

    /** Loads the decoder's weights into ND4J now (on a caller's background thread), not at the first decode. */
    public void prepareDecoder() {
        decoder();
    }

    private synchronized DecoderNet decoder() {
        if (decoder == null) {
            decoder = new DecoderNet(config, layer, weights);
        }
        return decoder;
    }

    public static RefineModel load(ModelBundle base, RefineBundle refine) {
        return new RefineModel(base, refine);
    }

    /** The residual latent of {@code image} given its index grid, channel-major {@code [C][rows][cols]}. */
    public float[] analyse(ImageTensor image, IndexGrid grid) {
        return analyseWithBase(image, grid).latent();
    }

    /**
     * The latent and, computed on the way, the base layer's picture of the grid (what quality 1 shows, up to the
     * last float bits of a windowed decode), {@code 0xRRGGBB} cropped to the image.
     */
    public record Analysis(float[] latent, int[] basePicture) {
    }

    public synchronized Analysis analyseWithBase(ImageTensor image, IndexGrid grid) {
        ImageTensor padded = image.padTo(VqVaeConfig.DOWNSAMPLING);
        INDArray x = Nd4j.create(padded.data(), new long[] {1, 3, padded.height(), padded.width()}, 'c');
        int f = VqVaeConfig.DOWNSAMPLING;
        // In one piece: the encoder's output then does not depend on where strips would cut.
        ImageTensor base = new ImageTensor(grid.cols() * f, grid.rows() * f,
                decoder().decodeOnePiece(grid, null));
        INDArray b = Nd4j.create(base.data(), new long[] {1, 3, base.height(), base.width()}, 'c');
        INDArray out = analysis().output(Map.of("x", x, "indices", indices(grid), "base", b), "out").get("out");
        return new Analysis(out.dup('c').data().asFloat(), base.crop(image.width(), image.height()).toRgb());
    }

    /**
     * The image of an index grid and its dequantised latent as {@code 0xRRGGBB} pixels, in windows as
     * {@link VqVaeModel#decodeRgb}, with the margin the nonlinear branch also needs.
     */
    public int[] decodeRgb(IndexGrid grid, float[] latent, int width, int height, int window) {
        return decodeRgb(grid, latent, width, height, window, ProgressListener.NONE);
    }

    /** As {@link #decodeRgb(IndexGrid, float[], int, int, int)}, telling {@code listener} of each window. */
    public int[] decodeRgb(IndexGrid grid, float[] latent, int width, int height, int window,
                           ProgressListener listener) {
        return decodeRgb(grid, latent, width, height, PixelRegion.whole(width, height), window, listener);
    }

    /** The pixels of {@code region} alone, decoding only the windows it needs; as {@link VqVaeModel#decodeRgb}. */
    public int[] decodeRgb(IndexGrid grid, float[] latent, int width, int height, PixelRegion region, int window,
                           ProgressListener listener) {
        checkLatent(latent, grid);
        return decodeRgb(grid, () -> latent, width, height, region, window, listener);
    }

    /**
     * As {@link #decodeRgb(IndexGrid, float[], int, int, PixelRegion, int, ProgressListener)}, asking for the latent
     * only when the first window's base image is decoded: a caller can still be decoding it (the refinement's
     * entropy walk, pure Java) while the base decoder runs.
     */
    public int[] decodeRgb(IndexGrid grid, Supplier<float[]> latent, int width, int height, PixelRegion region,
                           int window, ProgressListener listener) {
        int cells = grid.size();
        return VqVaeModel.renderInWindows(grid.rows(), grid.cols(), width, height, region, window,
                Math.max(VqVaeModel.margin(config), 1 + 2 * layer.blocks()), listener, (r0, r1, c0, c1) -> {
                    int h = r1 - r0;
                    int w = c1 - c0;
                    Supplier<float[]> sub = () -> {
                        float[] whole = latent.get();
                        checkLatent(whole, grid);
                        float[] part = new float[layer.channels() * h * w];
                        for (int c = 0; c < layer.channels(); c++) {
                            for (int r = r0; r < r1; r++) {
                                System.arraycopy(whole, c * cells + r * grid.cols() + c0, part,
                                        c * h * w + (r - r0) * w, w);
                            }
                        }
                        return part;
                    };
                    return decodeWhole(grid.window(r0, r1, c0, c1), sub).toRgb();
                });
    }

    private void checkLatent(float[] latent, IndexGrid grid) {
        if (latent.length != (long) grid.size() * layer.channels()) {
            throw new IllegalArgumentException("latent of " + latent.length + " values does not fit the grid");
        }
    }

    private synchronized ImageTensor decodeWhole(IndexGrid grid, Supplier<float[]> latent) {
        int f = VqVaeConfig.DOWNSAMPLING;
        return new ImageTensor(grid.cols() * f, grid.rows() * f, decoder().decode(grid, latent, DecoderNet.STRIP_CELLS));
    }

    private static INDArray indices(IndexGrid grid) {
        long[] idx = new long[grid.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = grid.indices()[i];
        }
        return Nd4j.createFromArray(idx).reshape(1, grid.rows(), grid.cols());
    }
}

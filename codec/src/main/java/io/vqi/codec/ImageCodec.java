package io.vqi.codec;

import io.vqi.core.CorruptStreamException;
import io.vqi.core.ProgressListener;
import io.vqi.model.RefineBundle;
import io.vqi.network.RefineModel;
import io.vqi.refine.RefineCoder;

import io.vqi.image.ImageTensor;
import io.vqi.image.PixelRegion;
import io.vqi.model.IndexGrid;
import io.vqi.model.ModelBundle;
import io.vqi.network.VqVaeModel;
import io.vqi.prior.LatentCoder;
import io.vqi.prior.PixelCnnPrior;

/**
 * The codec proper: image to range-coded index grid and back, for one model.
 *
 * <p>{@link #compress} runs the encoder network (ND4J), then codes the grid under the prior in pure Java;
 * {@link #decompress} decodes the grid with the same Java prior, then runs the decoder network. Only integer indices
 * cross between the two worlds, so a file decodes to the same grid on every machine.
 */
public final class ImageCodec {

    private final ModelBundle bundle;
    private final VqVaeModel model;
    private final LatentCoder coder;
    private final RefineBundle refineBundle;
    private volatile RefineModel refineModel;
    private volatile RefineCoder refineCoder;

    /**
     * One tile coded at some quality: its grid, the base layer's bytes, the refinement's (null at quality 1), and the
     * base layer's picture when the refinement's analysis computed it on the way (else null).
     */
    public record EncodedTile(IndexGrid grid, byte[] base, byte[] refinement, int[] basePicture) {
    }

    private ImageCodec(ModelBundle bundle) {
        this(bundle, null);
    }

    private ImageCodec(ModelBundle bundle, RefineBundle refine) {
        if (!bundle.hasPrior()) {
            throw new IllegalArgumentException("model " + bundle.modelId() + " has no prior: it cannot entropy-code");
        }
        this.bundle = bundle;
        this.model = VqVaeModel.load(bundle);
        this.coder = new LatentCoder(new PixelCnnPrior(bundle.prior(), bundle.tensorMap()));
        if (refine != null && !refine.config().baseSha256().equals(bundle.sha256Hex())) {
            throw new IllegalArgumentException("refinement layer " + refine.layerId() + " does not belong to "
                    + bundle.modelId());
        }
        this.refineBundle = refine;
    }

    public static ImageCodec create(ModelBundle bundle) {
        return new ImageCodec(bundle);
    }

    /** A codec with quality levels: the base model and a refinement layer trained on it (null: the base alone). */
    public static ImageCodec create(ModelBundle bundle, RefineBundle refine) {
        return new ImageCodec(bundle, refine);
    }

    /** Quality levels this codec can code: 1 (the base layer) plus the refinement layer's levels. */
    public int qualities() {
        return 1 + (refineBundle == null ? 0 : refineBundle.config().levels());
    }

    /** The refinement layer, or null. */
    public RefineBundle refinement() {
        return refineBundle;
    }

    /**
     * Codes one tile at {@code quality} (1 = base layer alone): the encoder network and the prior give the base
     * layer; above it, the analysis network's latent, quantised at the level's gains, is range-coded under scales
     * computed from the grid.
     */
    public EncodedTile encodeTile(ImageTensor image, int quality) {
        return encodeTile(image, quality, ProgressListener.NONE);
    }

    /**
     * As {@link #encodeTile(ImageTensor, int)}, telling {@code listener} of the network ({@link
     * ProgressListener.Stage#ENCODING}, 1 tile), the prior's rows and (above quality 1) the refinement (1 tile).
     */
    public EncodedTile encodeTile(ImageTensor image, int quality, ProgressListener listener) {
        checkQuality(quality);
        listener.progress(ProgressListener.Stage.ENCODING, 0, 1);
        IndexGrid grid = model.encode(image);
        listener.progress(ProgressListener.Stage.ENCODING, 1, 1);
        byte[] base = coder.encode(grid, rowObserver(ProgressListener.Stage.CODING_INDICES, grid.rows(),
                grid.cols(), listener));
        if (quality == 1) {
            return new EncodedTile(grid, base, null, null);
        }
        listener.progress(ProgressListener.Stage.REFINING, 0, 1);
        int level = quality - 1;
        RefineModel.Analysis analysis = refineModel().analyseWithBase(image, grid);
        float[] latent = analysis.latent();
        RefineCoder rc = refineCoder();
        EncodedTile tile = new EncodedTile(grid, base, rc.encodeLatent(latent, grid, level), analysis.basePicture());
        listener.progress(ProgressListener.Stage.REFINING, 1, 1);
        return tile;
    }

    /** Tells {@code listener} of each row of the grid coded, 0 of {@code rows} first; null for no listener. */
    private static LatentCoder.Observer rowObserver(ProgressListener.Stage stage, int rows, int cols,
                                                    ProgressListener listener) {
        if (listener == ProgressListener.NONE) {
            return null;
        }
        listener.progress(stage, 0, rows);
        return (position, cdf, symbol) -> {
            if ((position + 1) % cols == 0) {
                listener.progress(stage, (position + 1) / cols, rows);
            }
        };
    }

    /** One tile's dequantised refinement latent, channel-major over its grid. */
    public float[] decodeRefinement(byte[] data, IndexGrid grid, int quality) throws CorruptStreamException {
        checkQuality(quality);
        RefineCoder rc = refineCoder();
        int level = quality - 1;
        return rc.decodeLatent(data, 0, data.length, grid, level);
    }

    /** The refinement's pure-Java coder (scales, gains, range coding), for transcoding and rate accounting. */
    public RefineCoder refineCoder() {
        RefineCoder c = refineCoder;
        if (c == null) {
            if (refineBundle == null) {
                throw new IllegalStateException("model " + bundle.modelId() + " has no refinement layer");
            }
            synchronized (this) {
                c = refineCoder;
                if (c == null) {
                    c = new RefineCoder(refineBundle, bundle);
                    refineCoder = c;
                }
            }
        }
        return c;
    }

    private RefineModel refineModel() {
        RefineModel m = refineModel;
        if (m == null) {
            synchronized (this) {
                m = refineModel;
                if (m == null) {
                    m = RefineModel.load(bundle, refineBundle);
                    refineModel = m;
                }
            }
        }
        return m;
    }

    private void checkQuality(int quality) {
        if (quality < 1 || quality > qualities()) {
            throw new IllegalArgumentException("quality " + quality + " is not in 1.." + qualities()
                    + " for model " + bundle.modelId());
        }
    }

    public ModelBundle model() {
        return bundle;
    }

    public EncodedImage compress(ImageTensor image) {
        IndexGrid grid = model.encode(image);
        byte[] payload = coder.encode(grid);
        return new EncodedImage(image.width(), image.height(), grid.rows(), grid.cols(), bundle.modelId(),
                bundle.sha256(), payload);
    }

    /** The index grid an image compresses to (for tests and rate accounting). */
    public IndexGrid indices(ImageTensor image) {
        return model.encode(image);
    }

    public IndexGrid decodeIndices(EncodedImage encoded) throws CorruptStreamException {
        return decodeIndices(encoded, ProgressListener.NONE);
    }

    /** As {@link #decodeIndices(EncodedImage)}, telling {@code listener} of each row decoded. */
    public IndexGrid decodeIndices(EncodedImage encoded, ProgressListener listener) throws CorruptStreamException {
        checkModel(encoded);
        int[] shape = VqVaeModel.gridShape(encoded.width(), encoded.height());
        if (shape[0] != encoded.latentRows() || shape[1] != encoded.latentCols()) {
            throw new CorruptStreamException(0, "latent grid " + encoded.latentRows() + "x" + encoded.latentCols()
                    + " does not match a " + encoded.width() + "x" + encoded.height() + " image");
        }
        byte[] payload = encoded.payload();
        return coder.decode(payload, 0, payload.length, encoded.latentRows(), encoded.latentCols(),
                rowObserver(ProgressListener.Stage.DECODING_INDICES, encoded.latentRows(), encoded.latentCols(),
                        listener));
    }

    public ImageTensor decompress(EncodedImage encoded) throws CorruptStreamException {
        IndexGrid grid = decodeIndices(encoded);
        return model.decode(grid, encoded.width(), encoded.height());
    }

    /**
     * The image of a whole index grid (tiles' grids put together) as {@code 0xRRGGBB} pixels, decoded in windows of
     * at most {@code window × window} latent cells so that memory stays bounded; seam-free across tile borders,
     * since every window sees its neighbours' codes.
     */
    public int[] render(IndexGrid grid, int width, int height, int window) {
        return render(grid, width, height, window, ProgressListener.NONE);
    }

    /** As {@link #render(IndexGrid, int, int, int)}, telling {@code listener} of each window decoded. */
    public int[] render(IndexGrid grid, int width, int height, int window, ProgressListener listener) {
        return model.decodeRgb(grid, width, height, window, listener);
    }

    /** The image of a whole index grid with its dequantised refinement latent; windows as {@link #render}. */
    public int[] render(IndexGrid grid, float[] latent, int width, int height, int window) {
        return render(grid, latent, width, height, window, ProgressListener.NONE);
    }

    /** As {@link #render(IndexGrid, float[], int, int, int)}, telling {@code listener} of each window decoded. */
    public int[] render(IndexGrid grid, float[] latent, int width, int height, int window,
                        ProgressListener listener) {
        return refineModel().decodeRgb(grid, latent, width, height, window, listener);
    }

    /**
     * The pixels of {@code region} of the image ({@code region.width() x region.height()}, row by row), refined
     * when {@code latent} (the whole grid's dequantised refinement latent) is not null: only the windows the
     * region's latent cells need run through the network, each with its margin of context, so the pixels are the
     * whole render's up to floating-point rounding.
     */
    public int[] render(IndexGrid grid, float[] latent, int width, int height, PixelRegion region, int window,
                        ProgressListener listener) {
        return latent == null ? model.decodeRgb(grid, width, height, region, window, listener)
                : refineModel().decodeRgb(grid, latent, width, height, region, window, listener);
    }

    private void checkModel(EncodedImage encoded) {
        if (!java.util.Arrays.equals(encoded.modelSha256(), bundle.sha256())) {
            throw new IllegalArgumentException("file was coded with model " + encoded.modelId()
                    + ", not with " + bundle.modelId());
        }
    }
}

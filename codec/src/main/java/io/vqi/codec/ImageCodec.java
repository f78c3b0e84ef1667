package io.vqi.codec;

import io.vqi.codec.image.ImageTensor;
import io.vqi.codec.model.IndexGrid;
import io.vqi.codec.model.ModelBundle;
import io.vqi.codec.model.VqVaeModel;
import io.vqi.codec.prior.LatentCoder;
import io.vqi.codec.prior.PixelCnnPrior;

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

    private ImageCodec(ModelBundle bundle) {
        if (!bundle.hasPrior()) {
            throw new IllegalArgumentException("model " + bundle.modelId() + " has no prior: it cannot entropy-code");
        }
        this.bundle = bundle;
        this.model = VqVaeModel.load(bundle);
        this.coder = new LatentCoder(new PixelCnnPrior(bundle.prior(), bundle.tensorMap()));
    }

    public static ImageCodec create(ModelBundle bundle) {
        return new ImageCodec(bundle);
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
        checkModel(encoded);
        int[] shape = VqVaeModel.gridShape(encoded.width(), encoded.height());
        if (shape[0] != encoded.latentRows() || shape[1] != encoded.latentCols()) {
            throw new CorruptStreamException(0, "latent grid " + encoded.latentRows() + "x" + encoded.latentCols()
                    + " does not match a " + encoded.width() + "x" + encoded.height() + " image");
        }
        byte[] payload = encoded.payload();
        return coder.decode(payload, encoded.latentRows(), encoded.latentCols());
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
        return model.decodeRgb(grid, width, height, window);
    }

    private void checkModel(EncodedImage encoded) {
        if (!java.util.Arrays.equals(encoded.modelSha256(), bundle.sha256())) {
            throw new IllegalArgumentException("file was coded with model " + encoded.modelId()
                    + ", not with " + bundle.modelId());
        }
    }
}

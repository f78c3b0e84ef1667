package io.vqi.format;

import io.vqi.codec.CorruptStreamException;
import io.vqi.codec.EncodedImage;
import io.vqi.codec.ImageCodec;
import io.vqi.codec.image.ImageTensor;
import io.vqi.codec.model.ModelBundle;
import io.vqi.codec.zoo.ModelZoo;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Images to {@code .vqi} bytes and back: the codec wrapped in the container. The API the CLI and the ImageIO plugin
 * share, so there is one place that decides what goes into a file (colour, gray, alpha, ICC profile).
 */
public final class VqiCodec {

    /**
     * Largest image the networks process in one piece. Memory, not the format, sets it: the encoder's
     * half-resolution activations alone take 64 bytes a pixel. Larger images need tiles (a later format minor).
     */
    public static final long MAX_PIXELS = 1L << 25;

    /** The quality levels of v1 models; one today. */
    public static final int QUALITY = 1;

    private static final Map<String, ImageCodec> CODECS = new ConcurrentHashMap<>();

    private VqiCodec() {
    }

    /** Compresses with the given model: {@link ImagePlanes#of(BufferedImage)} of the image, alpha included. */
    public static byte[] compress(BufferedImage image, ModelBundle model) throws IOException {
        return compress(ImagePlanes.of(image), model);
    }

    public static byte[] compress(ImagePlanes planes, ModelBundle model) throws IOException {
        return VqiContainerWriter.toBytes(toContainer(planes, model));
    }

    /**
     * The file for {@code planes}: the model codes the colour; the {@code iccp} and {@code alph} chunks come before
     * the CODE chunk, so a reader knows them before the pixels. Gray is coded as three equal planes and the header
     * says GRAY.
     */
    public static VqiContainer toContainer(ImagePlanes planes, ModelBundle model) throws IOException {
        checkSize(planes.width(), planes.height(), 0);
        ImageCodec codec = codecFor(model);
        EncodedImage encoded = codec.compress(ImageTensor.fromRgb(planes.width(), planes.height(), planes.rgb()));
        VqiHeader header = VqiHeader.builder()
                .size(encoded.width(), encoded.height())
                .colorModel(planes.gray() ? ColorModel.GRAY : ColorModel.RGB)
                .bitDepth(8)
                .quality(QUALITY)
                .model(new ModelRef(encoded.modelId(), encoded.modelSha256()))
                .latentGrid(encoded.latentRows(), encoded.latentCols())
                .stages(1)
                .tileSize(encoded.width(), encoded.height())
                .build();
        List<Chunk> chunks = new ArrayList<>();
        if (planes.icc() != null) {
            chunks.add(IccChunk.encode(planes.icc()));
        }
        if (planes.alpha() != null) {
            chunks.add(AlphaChunk.encode(planes.alpha(), planes.width(), planes.height()));
        }
        chunks.add(new CodeChunk(0, 0, encoded.payload()).toChunk());
        return new VqiContainer(header, chunks);
    }

    /** Decompresses with the default model or one of {@code models}, whichever the file names. */
    public static BufferedImage decompress(byte[] file, List<ModelBundle> models) throws IOException {
        return decompressPlanes(VqiContainerReader.read(file), models).toImage();
    }

    public static BufferedImage decompress(VqiContainer container, List<ModelBundle> models) throws IOException {
        return decompressPlanes(container, models).toImage();
    }

    public static ImagePlanes decompressPlanes(byte[] file, List<ModelBundle> models) throws IOException {
        return decompressPlanes(VqiContainerReader.read(file), models);
    }

    /** The file's planes: colour from the model, alpha and ICC profile from their chunks. */
    public static ImagePlanes decompressPlanes(VqiContainer container, List<ModelBundle> models) throws IOException {
        VqiHeader h = container.header();
        checkSize(h.width(), h.height(), 0);
        if (h.stages() != 1 || h.tileCount() != 1) {
            throw new UnsupportedModelException("this decoder handles one stage and one tile; the file has "
                    + h.stages() + " stages and " + h.tileCount() + " tiles");
        }
        // The ancillary chunks first: they are cheap to check, the networks are not.
        byte[] alpha = AlphaChunk.read(container).orElse(null);
        byte[] icc = IccChunk.read(container).orElse(null);
        ModelBundle model = ModelZoo.find(h.model().weightsSha256(), models).orElseThrow(() ->
                new UnsupportedModelException("file was made by model "
                        + ModelZoo.describe(h.model().id(), h.model().weightsSha256())
                        + ", which this build does not have (pass its model file with --model)"));
        CodeChunk code = container.code(0, 0);
        EncodedImage encoded = new EncodedImage(h.width(), h.height(), h.latentRows(), h.latentCols(),
                h.model().id(), h.model().weightsSha256(), code.data());
        int[] rgb = codecFor(model).decompress(encoded).toRgb();
        boolean gray = h.colorModel() == ColorModel.GRAY;
        if (gray) {
            for (int i = 0; i < rgb.length; i++) {
                int p = rgb[i];
                int sum = ((p >> 16) & 0xff) + ((p >> 8) & 0xff) + (p & 0xff);
                rgb[i] = (sum + 1) / 3 * 0x010101;
            }
        }
        return new ImagePlanes(h.width(), h.height(), rgb, alpha, gray, icc);
    }

    static void checkSize(long width, long height, long offset) throws CorruptStreamException {
        if (width * height > MAX_PIXELS) {
            throw new MalformedContainerException(offset, width + "x" + height + " is more than the "
                    + MAX_PIXELS + " pixels this decoder processes in one piece");
        }
    }

    private static ImageCodec codecFor(ModelBundle model) {
        return CODECS.computeIfAbsent(model.sha256Hex(), k -> ImageCodec.create(model));
    }
}

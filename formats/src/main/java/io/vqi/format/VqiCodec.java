package io.vqi.format;

import io.vqi.codec.CorruptStreamException;
import io.vqi.codec.EncodedImage;
import io.vqi.codec.ImageCodec;
import io.vqi.codec.image.ImageTensor;
import io.vqi.codec.model.ModelBundle;
import io.vqi.codec.zoo.ModelZoo;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Images to {@code .vqi} bytes and back: the codec wrapped in the container. The API the CLI and the ImageIO plugin
 * share, so there is one place that decides what goes into a file.
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

    /** Compresses with the given model. */
    public static byte[] compress(BufferedImage image, ModelBundle model) throws IOException {
        return VqiContainerWriter.toBytes(toContainer(image, model));
    }

    public static VqiContainer toContainer(BufferedImage image, ModelBundle model) throws IOException {
        checkSize(image.getWidth(), image.getHeight(), 0);
        ImageCodec codec = codecFor(model);
        EncodedImage encoded = codec.compress(ImageTensor.fromImage(image));
        VqiHeader header = VqiHeader.builder()
                .size(encoded.width(), encoded.height())
                .colorModel(isGray(image) ? ColorModel.GRAY : ColorModel.RGB)
                .bitDepth(8)
                .quality(QUALITY)
                .model(new ModelRef(encoded.modelId(), encoded.modelSha256()))
                .latentGrid(encoded.latentRows(), encoded.latentCols())
                .stages(1)
                .tileSize(encoded.width(), encoded.height())
                .build();
        return VqiContainer.ofCodes(header, List.of(new CodeChunk(0, 0, encoded.payload())));
    }

    /** Decompresses with the default model or one of {@code models}, whichever the file names. */
    public static BufferedImage decompress(byte[] file, List<ModelBundle> models) throws IOException {
        return decompress(VqiContainerReader.read(file), models);
    }

    public static BufferedImage decompress(VqiContainer container, List<ModelBundle> models) throws IOException {
        VqiHeader h = container.header();
        checkSize(h.width(), h.height(), 0);
        if (h.stages() != 1 || h.tileCount() != 1) {
            throw new UnsupportedModelException("this decoder handles one stage and one tile; the file has "
                    + h.stages() + " stages and " + h.tileCount() + " tiles");
        }
        ModelBundle model = ModelZoo.find(h.model().weightsSha256(), models).orElseThrow(() ->
                new UnsupportedModelException("file was made by model "
                        + ModelZoo.describe(h.model().id(), h.model().weightsSha256())
                        + ", which this build does not have (pass its model file with --model)"));
        CodeChunk code = container.code(0, 0);
        EncodedImage encoded = new EncodedImage(h.width(), h.height(), h.latentRows(), h.latentCols(),
                h.model().id(), h.model().weightsSha256(), code.data());
        ImageTensor pixels = codecFor(model).decompress(encoded);
        BufferedImage rgb = pixels.toImage();
        return h.colorModel() == ColorModel.GRAY ? toGray(rgb) : rgb;
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

    static boolean isGray(BufferedImage image) {
        return image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && image.getColorModel().getNumColorComponents() == 1;
    }

    private static BufferedImage toGray(BufferedImage rgb) {
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        BufferedImage gray = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        byte[] dst = ((java.awt.image.DataBufferByte) gray.getRaster().getDataBuffer()).getData();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            rgb.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int p = row[x];
                int sum = ((p >> 16) & 0xff) + ((p >> 8) & 0xff) + (p & 0xff);
                dst[y * w + x] = (byte) ((sum + 1) / 3);
            }
        }
        return gray;
    }
}

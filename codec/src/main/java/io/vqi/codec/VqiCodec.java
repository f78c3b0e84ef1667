package io.vqi.codec;

import io.vqi.core.CorruptStreamException;
import io.vqi.core.EncodedImage;
import io.vqi.core.ProgressListener;
import io.vqi.format.AlphaChunk;
import io.vqi.format.IccChunk;
import io.vqi.format.ImageChunks;
import io.vqi.format.ImageMetadata;
import io.vqi.format.MalformedContainerException;
import io.vqi.format.VqiContainer;
import io.vqi.format.VqiContainerReader;
import io.vqi.format.VqiContainerWriter;
import io.vqi.format.VqiFormat;
import io.vqi.format.VqiHeader;
import io.vqi.image.ImagePlanes;
import io.vqi.image.PixelRegion;
import io.vqi.model.ModelBundle;
import io.vqi.model.RefineBundle;
import io.vqi.network.Backend;

import java.awt.image.BufferedImage;
import java.io.IOException;

/**
 * Images to {@code .vqi} bytes and back: the codec ({@link ImageCodec}: planes to an {@link EncodedImage} and back)
 * joined to the container ({@link ImageChunks}: that value to chunks and back) with what the model does not code
 * (alpha, ICC profile, metadata), models found in a {@link ModelRegistry}. The API the CLI and the ImageIO plugin
 * share, so there is one place that decides what goes into a file.
 */
public final class VqiCodec {

    /**
     * Heap a decoded pixel may take at once: the 0xRRGGBB plane, an image made from it (ARGB copies it) and the
     * encoded output a caller builds in memory.
     */
    static final long DECODE_BYTES_PER_PIXEL = 12;

    /** Quality 1: the base layer alone, what every v1.0 file holds. */
    public static final int BASE_QUALITY = ImageCodec.BASE_QUALITY;

    /**
     * The quality users get when they do not choose: a good-looking photograph rather than the smallest file. Chosen
     * on the held-out images (never on kodak24): the first level whose mean MS-SSIM there reaches about 0.97, where
     * fine texture stops looking smeared; see the README. Models with fewer levels use their best.
     */
    public static final int DEFAULT_QUALITY = 6;

    /**
     * Heap a decoded pixel's refinement latent takes on top of {@link #DECODE_BYTES_PER_PIXEL}: 64 channels of floats
     * per 8x8 cell.
     */
    static final long REFINE_BYTES_PER_PIXEL = 4;

    private VqiCodec() {
    }

    /** Compresses with the given model: {@link ImagePlanes#of(BufferedImage)} of the image, alpha included. */
    public static byte[] compress(BufferedImage image, ModelBundle model) throws IOException {
        return compress(ImagePlanes.of(image), model);
    }

    public static byte[] compress(ImagePlanes planes, ModelBundle model) throws IOException {
        return VqiContainerWriter.toBytes(toContainer(planes, model));
    }

    public static byte[] compress(BufferedImage image, ModelBundle model, int quality) throws IOException {
        return compress(ImagePlanes.of(image), model, quality);
    }

    public static byte[] compress(ImagePlanes planes, ModelBundle model, int quality) throws IOException {
        return compress(planes, model, ModelRegistry.embedded().refinementFor(model).orElse(null), quality);
    }

    /** Compresses with an explicit refinement layer for {@code model} (null: the base layer only, quality 1). */
    public static byte[] compress(ImagePlanes planes, ModelBundle model, RefineBundle refine, int quality)
            throws IOException {
        return VqiContainerWriter.toBytes(toContainer(planes, model, refine, quality, Tiling.DEFAULT));
    }

    /**
     * As {@link #compress(ImagePlanes, ModelBundle, int)}, with the image's EXIF and XMP in {@code exif} and
     * {@code xmpd} chunks (none for {@link ImageMetadata#NONE}).
     */
    public static byte[] compress(ImagePlanes planes, ImageMetadata metadata, ModelBundle model, int quality)
            throws IOException {
        return compress(planes, metadata, model, quality, true);
    }

    /**
     * As above; without {@code colourPlane} the file holds the layers alone: no {@code corr} chunk, and the
     * refinement at every quality above 1 even where the base layer with a plane would cost less (such a file
     * lowers to any quality by {@code vqi transcode} and loses nothing a direct encode would have).
     */
    public static byte[] compress(ImagePlanes planes, ImageMetadata metadata, ModelBundle model, int quality,
                                  boolean colourPlane) throws IOException {
        return compress(planes, metadata, model, quality, colourPlane, ProgressListener.NONE);
    }

    /** As above, telling {@code listener} how far the image has got (tiles, rows of the grid, windows). */
    public static byte[] compress(ImagePlanes planes, ImageMetadata metadata, ModelBundle model, int quality,
                                  boolean colourPlane, ProgressListener listener) throws IOException {
        return compress(planes, metadata, ModelRegistry.embedded(), model, quality, colourPlane, listener);
    }

    /**
     * As above, with {@code model}'s refinement layer and loaded codec from {@code models} (the CLI's and the ImageIO
     * plugin's registry).
     */
    public static byte[] compress(ImagePlanes planes, ImageMetadata metadata, ModelRegistry models, ModelBundle model,
                                  int quality, boolean colourPlane, ProgressListener listener) throws IOException {
        return VqiContainerWriter.toBytes(metadata.applyTo(encode(models, planes, model,
                models.refinementFor(model).orElse(null), quality, Tiling.DEFAULT, colourPlane, listener)));
    }

    /**
     * Quality levels {@code model} can code in this build: 1 plus its refinement layer's levels (known without
     * loading any network).
     */
    public static int qualities(ModelBundle model) {
        return qualities(ModelRegistry.embedded(), model);
    }

    /** Quality levels {@code model} can code with the refinement layers {@code models} holds. */
    public static int qualities(ModelRegistry models, ModelBundle model) {
        return qualities(models.refinementFor(model).orElse(null));
    }

    /** Quality levels with the given refinement layer (null: 1). */
    public static int qualities(RefineBundle refine) {
        return 1 + (refine == null ? 0 : refine.config().levels());
    }

    /** The quality of {@code model} that {@code requested} comes to: the same, or the model's best if lower. */
    public static int clampQuality(ModelBundle model, int requested) {
        return Math.max(1, Math.min(requested, qualities(model)));
    }

    /**
     * The file for {@code planes}: the model codes the colour; the {@code iccp} and {@code alph} chunks come before
     * the CODE chunks, so a reader knows them before the pixels. Gray is coded as three equal planes and the header
     * says GRAY.
     */
    public static VqiContainer toContainer(ImagePlanes planes, ModelBundle model) throws IOException {
        return toContainer(planes, model, null, BASE_QUALITY, Tiling.DEFAULT);
    }

    public static VqiContainer toContainer(ImagePlanes planes, ModelBundle model, int quality) throws IOException {
        return toContainer(planes, ModelRegistry.embedded(), model, quality);
    }

    /** The file at {@code quality}, with {@code model}'s refinement layer and loaded codec from {@code models}. */
    public static VqiContainer toContainer(ImagePlanes planes, ModelRegistry models, ModelBundle model, int quality)
            throws IOException {
        return encode(models, planes, model, models.refinementFor(model).orElse(null), quality, Tiling.DEFAULT, true,
                ProgressListener.NONE);
    }

    static VqiContainer toContainer(ImagePlanes planes, ModelBundle model, Tiling tiling) throws IOException {
        return toContainer(planes, model, null, BASE_QUALITY, tiling);
    }

    /**
     * The file at {@code quality}: CODE chunks for the base layer, then (above quality 1) one {@code rfin} chunk per
     * tile with the refinement layer's data.
     */
    static VqiContainer toContainer(ImagePlanes planes, ModelBundle model, RefineBundle refine, int quality,
                                    Tiling tiling) throws IOException {
        return toContainer(planes, model, refine, quality, tiling, true, ProgressListener.NONE);
    }

    /**
     * As above; without {@code colourPlane} the file holds the layers alone (no {@code corr}, and the refinement
     * at every quality above 1): what tests of the layers themselves compare against.
     */
    static VqiContainer toContainer(ImagePlanes planes, ModelBundle model, RefineBundle refine, int quality,
                                    Tiling tiling, boolean colourPlane) throws IOException {
        return toContainer(planes, model, refine, quality, tiling, colourPlane, ProgressListener.NONE);
    }

    /** As above, telling {@code listener} how far the image has got. */
    static VqiContainer toContainer(ImagePlanes planes, ModelBundle model, RefineBundle refine, int quality,
                                    Tiling tiling, boolean colourPlane, ProgressListener listener)
            throws IOException {
        return encode(ModelRegistry.embedded(), planes, model, refine, quality, tiling, colourPlane, listener);
    }

    /** The one encoding path: the codec from {@code models}, its {@link EncodedImage} mapped to chunks. */
    private static VqiContainer encode(ModelRegistry models, ImagePlanes planes, ModelBundle model, RefineBundle refine,
                                       int quality, Tiling tiling, boolean colourPlane, ProgressListener listener)
            throws IOException {
        checkSize(planes.width(), planes.height(), 0);
        if (quality < 1 || quality > qualities(refine)) { // the codec may hold more levels than the caller gave
            throw new IllegalArgumentException("quality must be in 1.." + qualities(refine) + " for model "
                    + model.modelId() + ", got " + quality);
        }
        ImageCodec codec = models.codec(model, quality == BASE_QUALITY ? null : refine);
        EncodedImage image = codec.compress(planes, quality, tiling, colourPlane, listener);
        return ImageChunks.toContainer(image, planes.alpha(), planes.icc());
    }

    /** Decompresses with whichever model of {@code models} the file names. */
    public static BufferedImage decompress(byte[] file, ModelRegistry models) throws IOException {
        return decompressPlanes(VqiContainerReader.read(file), models).toImage();
    }

    public static ImagePlanes decompressPlanes(byte[] file, ModelRegistry models) throws IOException {
        return decompressPlanes(VqiContainerReader.read(file), models);
    }

    /** The file's planes: colour from the model, alpha and ICC profile from their chunks. */
    public static ImagePlanes decompressPlanes(VqiContainer container, ModelRegistry models) throws IOException {
        return decompressPlanes(container, models, ProgressListener.NONE);
    }

    /** As above, telling {@code listener} how far the image has got (rows of the grid, windows). */
    public static ImagePlanes decompressPlanes(VqiContainer container, ModelRegistry models,
                                               ProgressListener listener) throws IOException {
        return decompressPlanes(container, models, Tiling.DEFAULT, listener);
    }

    static ImagePlanes decompressPlanes(VqiContainer container, ModelRegistry models, Tiling tiling)
            throws IOException {
        return decompressPlanes(container, models, tiling, ProgressListener.NONE);
    }

    static ImagePlanes decompressPlanes(VqiContainer container, ModelRegistry models, Tiling tiling,
                                        ProgressListener listener) throws IOException {
        VqiHeader h = container.header();
        checkSize(h.width(), h.height(), 0);
        return decompressPlanes(container, models, PixelRegion.whole(h.width(), h.height()), tiling, listener);
    }

    /**
     * The planes of {@code region} of the file's image alone ({@code region.width() x region.height()}): every
     * tile's codes are decoded (pure Java, cheap next to the networks), but the networks run only on the windows of
     * latent cells the region needs, with their margins of context; the colour plane, gray and alpha are applied to
     * the region with the whole image's geometry. The pixels are the whole decode's up to the networks'
     * floating-point rounding.
     */
    public static ImagePlanes decompressPlanes(VqiContainer container, ModelRegistry models, PixelRegion region,
                                               ProgressListener listener) throws IOException {
        return decompressPlanes(container, models, region, Tiling.DEFAULT, listener);
    }

    static ImagePlanes decompressPlanes(VqiContainer container, ModelRegistry models, PixelRegion region,
                                        Tiling tiling, ProgressListener listener)
            throws IOException {
        VqiHeader h = container.header();
        checkSize(h.width(), h.height(), 0);
        region.requireInside(h.width(), h.height());
        if (h.stages() != 1) {
            throw new UnsupportedModelException("this decoder handles one code stage; the file has " + h.stages());
        }
        EncodedImage image = ImageChunks.fromContainer(container);
        ImageCodec.checkGeometry(image);
        checkHeap(h.width(), h.height(), image.refinement() == null ? 0 : REFINE_BYTES_PER_PIXEL,
                Runtime.getRuntime().maxMemory());
        Backend.preload(); // while the model loads and the indices decode
        // The ancillary chunks first: they are cheap to check, the networks are not.
        byte[] alpha = AlphaChunk.read(container).orElse(null);
        byte[] icc = IccChunk.read(container).orElse(null);
        ModelBundle model = findModel(h, models);
        RefineBundle layer = image.refinement() == null ? null : findLayer(model, image.refinement().layerSha256(),
                image.refinement().level(), image.refinement().channels(), models);
        ImagePlanes colour = models.codec(model, layer).decompress(image, region, tiling, listener);
        if (alpha != null && !region.isWhole(h.width(), h.height())) {
            byte[] part = new byte[colour.rgb().length];
            for (int y = 0; y < region.height(); y++) {
                System.arraycopy(alpha, (region.y() + y) * h.width() + region.x(), part, y * region.width(),
                        region.width());
            }
            alpha = part;
        }
        return new ImagePlanes(region.width(), region.height(), colour.rgb(), alpha, colour.gray(), icc);
    }

    /** The model the file names, among {@code models}; refused in one line that names it when they lack it. */
    static ModelBundle findModel(VqiHeader h, ModelRegistry models) throws UnsupportedModelException {
        return models.find(h.model().weightsSha256()).orElseThrow(() ->
                new UnsupportedModelException("file was made by model "
                        + ModelRegistry.describe(h.model().id(), h.model().weightsSha256())
                        + ", which this build does not have (pass its model file with --model)"));
    }

    /**
     * The refinement layer a file's {@code rfin} chunks name, among {@code models}' layers; refused in one line that
     * names it when they lack it.
     */
    static RefineBundle findLayer(ModelBundle model, byte[] layerSha256, int level, int channels,
                                  ModelRegistry models) throws IOException {
        for (RefineBundle c : models.layer(layerSha256).stream().toList()) {
            if (c.config().baseSha256().equals(model.sha256Hex())) {
                if (channels != c.config().channels() || level > c.config().levels()) {
                    throw new MalformedContainerException(0, "rfin level " + level + " or channels "
                            + channels + " do not fit refinement layer " + c.layerId());
                }
                return c;
            }
        }
        throw new UnsupportedModelException("the file's quality levels above 1 need refinement layer refine-"
                + java.util.HexFormat.of().formatHex(layerSha256, 0, 4) + " of model " + model.modelId()
                + ", which this build does not have (vqi takes its layer file with --layer FILE; vqi transcode"
                + " --quality 1 keeps the base layer)");
    }

    /** Refuses an image whose decoded pixels would not fit {@code maxHeap} bytes (Runtime.maxMemory()). */
    static void checkHeap(long width, long height, long maxHeap) throws InsufficientMemoryException {
        checkHeap(width, height, 0, maxHeap);
    }

    static void checkHeap(long width, long height, long extraPerPixel, long maxHeap)
            throws InsufficientMemoryException {
        long need = width * height * (DECODE_BYTES_PER_PIXEL + extraPerPixel);
        if (need > maxHeap) {
            throw new InsufficientMemoryException(String.format(java.util.Locale.ROOT,
                    "a %dx%d image needs about %d MiB of heap to decode; this JVM may use %d MiB (raise -Xmx, "
                            + "for the vqi command through JAVA_OPTS)", width, height, need >> 20, maxHeap >> 20));
        }
    }

    static void checkSize(long width, long height, long offset) throws CorruptStreamException {
        String problem = VqiFormat.sizeProblem(width, height); // before the encoder runs
        if (problem != null) {
            throw new MalformedContainerException(offset, width + "x" + height + " " + problem);
        }
    }
}

package io.vqi.imageio;

import io.vqi.model.ModelBundle;
import io.vqi.codec.ModelRegistry;
import io.vqi.format.ColorModel;
import io.vqi.image.ImagePlanes;
import io.vqi.codec.VqiCodec;
import io.vqi.format.VqiContainer;
import io.vqi.format.VqiContainerWriter;
import io.vqi.format.VqiFormat;

import javax.imageio.IIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.spi.ImageWriterSpi;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Rectangle;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.RenderedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.util.List;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Writes one image as a {@code .vqi} file through {@link VqiCodec}, so a file written here is byte for byte the file
 * the CLI writes.
 *
 * <p><b>Which model codes the image</b>, first match wins:
 * <ol>
 *   <li>a {@link VqiImageWriteParam} in {@code MODE_EXPLICIT}: the model its compression type names;</li>
 *   <li>{@code MODE_COPY_FROM_METADATA} with a {@link VqiImageMetadata}: the model that coded the source, if it is
 *       available;</li>
 *   <li>the writer's default, the first of: models given to {@link #setModels}, models named by the system property
 *       {@value ConfiguredModels#PROPERTY}, the model embedded in the build;</li>
 *   <li>none of these: {@link IIOException} "no model available".</li>
 * </ol>
 *
 * <p>The image goes through {@link ImagePlanes#of(BufferedImage)}: alpha is kept losslessly in the {@code alph}
 * chunk, gray stays gray, samples in an embedded ICC colour space keep it in the {@code iccp} chunk, deeper samples
 * are rounded to 8 bits. The EXIF and XMP of a {@link VqiImageMetadata} in the {@code IIOImage} go into the
 * {@code exif} and {@code xmpd} chunks (stored as given: the caller says whether the pixels are upright). Honours the param's source region and subsampling; source bands are refused. Progress is reported around the
 * three phases (prepare, encode, write); {@link #abort()} is checked between them, and an aborted write writes nothing.
 */
public final class VqiImageWriter extends ImageWriter {

    private List<ModelBundle> models = List.of();

    /** The models it starts from, before the configured ones. */
    private final ModelRegistry base;

    VqiImageWriter(ImageWriterSpi provider) {
        this(provider, ModelRegistry.embedded());
    }

    /** A writer whose models are {@code base}'s, the configured ones and its own (tests give a base without any). */
    VqiImageWriter(ImageWriterSpi provider, ModelRegistry base) {
        super(provider);
        this.base = base;
    }

    /** Models this writer may code with, ahead of the configured and embedded ones; the first is its default. */
    public void setModels(List<ModelBundle> models) {
        this.models = List.copyOf(models);
    }

    public List<ModelBundle> getModels() {
        return models;
    }

    /**
     * A {@link VqiImageWriteParam} offering every available model, the writer's default first.
     *
     * @throws IllegalStateException if {@value ConfiguredModels#PROPERTY} names a model file that cannot be loaded
     */
    @Override
    public VqiImageWriteParam getDefaultWriteParam() {
        try {
            return new VqiImageWriteParam(getLocale(), registry());
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public IIOMetadata getDefaultStreamMetadata(ImageWriteParam param) {
        return null;
    }

    /**
     * What the file will say about its model and quality; null when no model is available (or the models named by
     * {@value ConfiguredModels#PROPERTY} cannot be loaded: {@code write} reports that).
     */
    @Override
    public IIOMetadata getDefaultImageMetadata(ImageTypeSpecifier imageType, ImageWriteParam param) {
        try {
            Optional<ModelBundle> model = chooseModel(param, null);
            return model.map(m -> VqiImageMetadata.forWriting(m, colorModelOf(imageType), qualityLevel(param)))
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public IIOMetadata convertStreamMetadata(IIOMetadata inData, ImageWriteParam param) {
        return null;
    }

    /** Only our own metadata carries over (it names a model for {@code MODE_COPY_FROM_METADATA}). */
    @Override
    public IIOMetadata convertImageMetadata(IIOMetadata inData, ImageTypeSpecifier imageType, ImageWriteParam param) {
        return inData instanceof VqiImageMetadata ? inData : null;
    }

    @Override
    public void write(IIOMetadata streamMetadata, IIOImage image, ImageWriteParam param) throws IOException {
        ImageOutputStream out = (ImageOutputStream) getOutput();
        if (out == null) {
            throw new IllegalStateException("output has not been set");
        }
        if (image == null) {
            throw new IllegalArgumentException("image is null");
        }
        if (image.hasRaster()) {
            throw new UnsupportedOperationException("VQI writes images, not rasters (canWriteRasters is false)");
        }
        clearAbortRequest();
        RenderedImage rendered = image.getRenderedImage();
        ImageTypeSpecifier type = ImageTypeSpecifier.createFromRenderedImage(rendered);
        Optional<String> unsupported = VqiImageWriterSpi.whyNot(type);
        if (unsupported.isPresent()) {
            throw new IIOException("cannot write this image as VQI: " + unsupported.get());
        }
        ModelBundle model = chooseModel(param, image.getMetadata()).orElseThrow(() -> new IIOException(
                "no model available to code the image: choose one with VqiImageWriteParam.setModel, "
                        + "VqiImageWriter.setModels or -D" + ConfiguredModels.PROPERTY + "=<model file>"));
        if (!model.hasPrior()) {
            throw new IIOException("model " + model.modelId() + " has no prior: it cannot entropy-code");
        }
        int quality = Math.min(qualityLevel(param), VqiCodec.qualities(registry(), model));

        BufferedImage source = sourceImage(rendered, param);
        processImageStarted(0);
        if (aborted()) {
            return;
        }
        processImageProgress(5f);
        VqiContainer container = VqiCodec.toContainer(ImagePlanes.of(source), registry(), model, quality);
        if (image.getMetadata() instanceof VqiImageMetadata vqi) {
            container = vqi.metadata().applyTo(container);
        }
        if (aborted()) {
            return;
        }
        processImageProgress(95f);
        out.write(VqiContainerWriter.toBytes(container));
        out.flush();
        processImageProgress(100f);
        processImageComplete();
    }

    @Override
    public void reset() {
        super.reset();
        models = List.of();
    }

    private boolean aborted() {
        if (abortRequested()) {
            processWriteAborted();
            return true;
        }
        return false;
    }

    /** The writer's models, then the configured ones, then the embedded default: the order a default is picked in. */
    ModelRegistry registry() throws IOException {
        return ConfiguredModels.on(base).withFiles(models, List.of());
    }

    List<ModelBundle> availableModels() throws IOException {
        return registry().models();
    }

    private Optional<ModelBundle> chooseModel(ImageWriteParam param, IIOMetadata metadata) throws IOException {
        if (param != null && param.canWriteCompressed()) {
            switch (param.getCompressionMode()) {
                case ImageWriteParam.MODE_DISABLED ->
                        throw new IIOException("VQI is always compressed by a model; MODE_DISABLED cannot be honoured");
                case ImageWriteParam.MODE_EXPLICIT -> {
                    if (param instanceof VqiImageWriteParam vqi && vqi.getModel().isPresent()) {
                        return vqi.getModel();
                    }
                    String type = param.getCompressionType();
                    if (type != null) {
                        return Optional.of(byId(type, param));
                    }
                }
                case ImageWriteParam.MODE_COPY_FROM_METADATA -> {
                    if (metadata instanceof VqiImageMetadata vqi) {
                        Optional<ModelBundle> m = registry().find(HexFormat.of().parseHex(vqi.weightsSha256Hex()));
                        if (m.isPresent()) {
                            return m;
                        }
                    }
                }
                default -> {
                    // MODE_DEFAULT: the writer's default, below.
                }
            }
        }
        List<ModelBundle> available = availableModels();
        return available.isEmpty() ? Optional.empty() : Optional.of(available.get(0));
    }

    private ModelBundle byId(String id, ImageWriteParam param) throws IOException {
        List<ModelBundle> offered = param instanceof VqiImageWriteParam vqi ? vqi.getModels() : List.of();
        Optional<ModelBundle> m = registry().withFiles(offered, List.of()).byId(id);
        if (m.isPresent()) {
            return m.get();
        }
        throw new IIOException("compression type " + id + " names no available model");
    }

    private static int qualityLevel(ImageWriteParam param) {
        return param instanceof VqiImageWriteParam vqi ? vqi.getQualityLevel() : VqiCodec.DEFAULT_QUALITY;
    }

    private static ColorModel colorModelOf(ImageTypeSpecifier type) {
        return type != null && type.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY
                ? ColorModel.GRAY : ColorModel.RGB;
    }

    /**
     * The image to encode: {@code rendered} itself, or the part the param's source region and subsampling select,
     * copied into an image of the same colour model. Checks the size before allocating.
     */
    static BufferedImage sourceImage(RenderedImage rendered, ImageWriteParam param) throws IIOException {
        Rectangle bounds = new Rectangle(rendered.getMinX(), rendered.getMinY(), rendered.getWidth(),
                rendered.getHeight());
        Rectangle region = new Rectangle(bounds);
        int periodX = 1;
        int periodY = 1;
        if (param != null) {
            if (param.getSourceBands() != null) {
                throw new IIOException("VQI codes all colour bands; source bands cannot be selected");
            }
            if (param.getSourceRegion() != null) {
                Rectangle wanted = new Rectangle(param.getSourceRegion());
                wanted.translate(bounds.x, bounds.y);
                region = region.intersection(wanted);
            }
            periodX = param.getSourceXSubsampling();
            periodY = param.getSourceYSubsampling();
            region.x += param.getSubsamplingXOffset();
            region.y += param.getSubsamplingYOffset();
            region.width -= param.getSubsamplingXOffset();
            region.height -= param.getSubsamplingYOffset();
        }
        if (region.isEmpty()) {
            throw new IllegalArgumentException("the source region " + region + " is empty after clipping to "
                    + bounds);
        }
        int width = (region.width + periodX - 1) / periodX;
        int height = (region.height + periodY - 1) / periodY;
        String problem = VqiFormat.sizeProblem(width, height);
        if (problem != null) {
            throw new IIOException(width + "x" + height + " " + problem);
        }
        if (rendered instanceof BufferedImage buffered && region.equals(bounds) && periodX == 1 && periodY == 1) {
            return buffered;
        }
        java.awt.image.ColorModel cm = rendered.getColorModel();
        WritableRaster target = cm.createCompatibleWritableRaster(width, height);
        Rectangle sourceRegion = new Rectangle(region.x, region.y, (width - 1) * periodX + 1,
                (height - 1) * periodY + 1);
        int bands = target.getNumBands();
        Rasters.copy(rendered.getData(sourceRegion), sourceRegion, periodX, periodY, Rasters.allBands(bands),
                target, new Rectangle(0, 0, width, height), Rasters.allBands(bands), Rasters.RowListener.NONE);
        return new BufferedImage(cm, target, cm.isAlphaPremultiplied(), null);
    }
}

package io.vqi.imageio;

import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.spi.ImageWriterSpi;
import javax.imageio.stream.ImageOutputStream;
import java.awt.color.ColorSpace;
import java.awt.image.ColorModel;
import java.util.Locale;
import java.util.Optional;

/** Registers {@link VqiImageWriter} with ImageIO (through {@code META-INF/services}). */
public final class VqiImageWriterSpi extends ImageWriterSpi {

    /** The models its writers start from, before the configured ones: the embedded ones (tests give none). */
    private final io.vqi.codec.ModelRegistry base;

    public VqiImageWriterSpi() {
        this(io.vqi.codec.ModelRegistry.embedded());
    }

    VqiImageWriterSpi(io.vqi.codec.ModelRegistry base) {
        this.base = base;
        vendorName = VqiProviderInfo.vendorName();
        version = VqiProviderInfo.version();
        names = VqiProviderInfo.array(VqiProviderInfo.FORMAT_NAMES);
        suffixes = VqiProviderInfo.array(VqiProviderInfo.SUFFIXES);
        MIMETypes = VqiProviderInfo.array(VqiProviderInfo.MIME_TYPES);
        pluginClassName = VqiProviderInfo.WRITER_CLASS_NAME;
        outputTypes = new Class<?>[] {ImageOutputStream.class};
        readerSpiNames = new String[] {VqiProviderInfo.READER_SPI_CLASS_NAME};
        supportsStandardStreamMetadataFormat = false;
        supportsStandardImageMetadataFormat = true;
        nativeImageMetadataFormatName = VqiProviderInfo.NATIVE_IMAGE_METADATA_FORMAT_NAME;
        nativeImageMetadataFormatClassName = VqiProviderInfo.NATIVE_IMAGE_METADATA_FORMAT_CLASS_NAME;
    }

    /**
     * RGB or gray images, with or without alpha, of any sample depth (rounded to the 8 bits the v1 models code);
     * other colour spaces (CMYK, ...) are left to the caller to convert.
     */
    @Override
    public boolean canEncodeImage(ImageTypeSpecifier type) {
        return whyNot(type).isEmpty();
    }

    /**
     * Why an image of this type cannot be written, or empty if it can. The writer repeats the check, so a direct
     * {@code write} call fails with the same reason that makes ImageIO pass the image to another writer.
     */
    static Optional<String> whyNot(ImageTypeSpecifier type) {
        ColorModel cm = type.getColorModel();
        int space = cm.getColorSpace().getType();
        if (space != ColorSpace.TYPE_RGB && space != ColorSpace.TYPE_GRAY) {
            return Optional.of("colour space type " + space + " is neither RGB nor gray");
        }
        return Optional.empty();
    }

    @Override
    public ImageWriter createWriterInstance(Object extension) {
        return new VqiImageWriter(this, base);
    }

    @Override
    public String getDescription(Locale locale) {
        return "VQI learned lossy image writer (VQ-VAE codes under a PixelCNN prior)";
    }
}

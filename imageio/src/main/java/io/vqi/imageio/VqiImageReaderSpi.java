package io.vqi.imageio;

import io.vqi.format.VqiFormat;

import javax.imageio.ImageReader;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import java.io.IOException;
import java.util.Locale;

/** Registers {@link VqiImageReader} with ImageIO (through {@code META-INF/services}). */
public final class VqiImageReaderSpi extends ImageReaderSpi {

    /** The models its readers start from, before the configured ones: the embedded ones (tests give none). */
    private final io.vqi.codec.ModelRegistry base;

    public VqiImageReaderSpi() {
        this(io.vqi.codec.ModelRegistry.embedded());
    }

    VqiImageReaderSpi(io.vqi.codec.ModelRegistry base) {
        this.base = base;
        // The 18-argument superclass constructor is positional; the protected fields have names.
        vendorName = VqiProviderInfo.vendorName();
        version = VqiProviderInfo.version();
        names = VqiProviderInfo.array(VqiProviderInfo.FORMAT_NAMES);
        suffixes = VqiProviderInfo.array(VqiProviderInfo.SUFFIXES);
        MIMETypes = VqiProviderInfo.array(VqiProviderInfo.MIME_TYPES);
        pluginClassName = VqiProviderInfo.READER_CLASS_NAME;
        inputTypes = new Class<?>[] {ImageInputStream.class};
        writerSpiNames = new String[] {VqiProviderInfo.WRITER_SPI_CLASS_NAME};
        supportsStandardStreamMetadataFormat = false;
        supportsStandardImageMetadataFormat = true;
        nativeImageMetadataFormatName = VqiProviderInfo.NATIVE_IMAGE_METADATA_FORMAT_NAME;
        nativeImageMetadataFormatClassName = VqiProviderInfo.NATIVE_IMAGE_METADATA_FORMAT_CLASS_NAME;
    }

    /**
     * True if the stream starts with the 8-byte {@code .vqi} signature. Reads at most those 8 bytes and always
     * resets the stream to where it was, whatever happens.
     */
    @Override
    public boolean canDecodeInput(Object source) throws IOException {
        if (source == null) {
            throw new IllegalArgumentException("source is null");
        }
        if (!(source instanceof ImageInputStream stream)) {
            return false;
        }
        byte[] signature = new byte[VqiFormat.SIGNATURE_LENGTH];
        stream.mark();
        try {
            int filled = 0;
            while (filled < signature.length) {
                int got = stream.read(signature, filled, signature.length - filled);
                if (got < 0) {
                    return false;
                }
                filled += got;
            }
            return VqiFormat.startsWithSignature(signature);
        } finally {
            stream.reset();
        }
    }

    @Override
    public ImageReader createReaderInstance(Object extension) {
        return new VqiImageReader(this, base);
    }

    @Override
    public String getDescription(Locale locale) {
        return "VQI learned lossy image reader (VQ-VAE codes under a PixelCNN prior)";
    }
}

package io.vqi.imageio;

import java.util.List;

/**
 * The one place that names the plugin to ImageIO: format names, suffixes, MIME types and the class names both SPIs
 * register, so reader and writer can never disagree about what they are called.
 *
 * <p>MIME type: {@value #MIME_TYPE}. The format is not registered with IANA, so it takes the {@code x-} prefix that
 * unregistered types have used by convention (RFC 6838 §3.4 leaves such names to private agreement); a registered
 * {@code image/vnd.…} name would be added here, next to it, without removing the old one.
 */
public final class VqiProviderInfo {

    /** The name {@code ImageIO.write(image, "vqi", file)} uses. */
    public static final String FORMAT_NAME = "vqi";
    /** Informal names; ImageIO matches them case-sensitively, hence both spellings. */
    public static final List<String> FORMAT_NAMES = List.of(FORMAT_NAME, "VQI");
    /** File suffixes, without the dot. */
    public static final List<String> SUFFIXES = List.of("vqi");
    public static final String MIME_TYPE = "image/x-vqi";
    public static final List<String> MIME_TYPES = List.of(MIME_TYPE);

    static final String READER_CLASS_NAME = VqiImageReader.class.getName();
    static final String READER_SPI_CLASS_NAME = VqiImageReaderSpi.class.getName();
    static final String WRITER_CLASS_NAME = VqiImageWriter.class.getName();
    static final String WRITER_SPI_CLASS_NAME = VqiImageWriterSpi.class.getName();

    /** Native image metadata: {@link VqiImageMetadata}, described by {@link VqiImageMetadataFormat}. */
    public static final String NATIVE_IMAGE_METADATA_FORMAT_NAME = "io_vqi_image_1.0";
    static final String NATIVE_IMAGE_METADATA_FORMAT_CLASS_NAME = VqiImageMetadataFormat.class.getName();

    private static final String FALLBACK_VENDOR = "io.vqi";
    private static final String FALLBACK_VERSION = "dev";

    private VqiProviderInfo() {
    }

    /** {@code Implementation-Vendor} of the jar manifest, or {@value #FALLBACK_VENDOR} when run from classes. */
    static String vendorName() {
        String vendor = VqiProviderInfo.class.getPackage().getImplementationVendor();
        return vendor == null ? FALLBACK_VENDOR : vendor;
    }

    /** {@code Implementation-Version} of the jar manifest, or {@value #FALLBACK_VERSION} when run from classes. */
    static String version() {
        String version = VqiProviderInfo.class.getPackage().getImplementationVersion();
        return version == null ? FALLBACK_VERSION : version;
    }

    static String[] array(List<String> values) {
        return values.toArray(String[]::new);
    }
}

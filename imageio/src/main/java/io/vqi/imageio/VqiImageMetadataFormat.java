package io.vqi.imageio;

import javax.imageio.ImageTypeSpecifier;
import javax.imageio.metadata.IIOMetadataFormat;
import javax.imageio.metadata.IIOMetadataFormatImpl;
import java.util.Arrays;
import java.util.List;

/**
 * Describes the native metadata tree of {@link VqiImageMetadata}, format {@value VqiProviderInfo#NATIVE_IMAGE_METADATA_FORMAT_NAME}:
 * <pre>{@code
 * <io_vqi_image_1.0>
 *   <Image width="64" height="48" colorModel="RGB" bitDepth="8" formatVersion="2.0"/>
 *   <Model id="vqvae-f8-k1024-1a2b3c4d" weightsSha256="1a2b…(16 hex digits: the first 8 bytes; 64 in a format 1 file)"/>
 *   <Coding quality="1" latentRows="6" latentCols="8" stages="1" tiles="1" fileLength="612" bitsPerPixel="1.59375"/>
 *   <Exif length="1042"/>     (user object: the EXIF block, byte[]; only if the file has an exif chunk)
 *   <XMP length="3876"/>      (user object: the XMP packet, UTF-8 byte[]; only if the file has an xmpd chunk)
 * </io_vqi_image_1.0>
 * }</pre>
 * Attributes that only a written file has (size, latent grid, file length, bits per pixel) are absent from the
 * writer's default metadata. {@code bitsPerPixel} is 8 × the whole file's length / (width × height).
 */
public final class VqiImageMetadataFormat extends IIOMetadataFormatImpl {

    static final String IMAGE = "Image";
    static final String MODEL = "Model";
    static final String CODING = "Coding";
    static final String EXIF = "Exif";
    static final String XMP = "XMP";

    private static final VqiImageMetadataFormat INSTANCE = new VqiImageMetadataFormat();

    private VqiImageMetadataFormat() {
        super(VqiProviderInfo.NATIVE_IMAGE_METADATA_FORMAT_NAME, CHILD_POLICY_ALL);
        String root = VqiProviderInfo.NATIVE_IMAGE_METADATA_FORMAT_NAME;

        addElement(IMAGE, root, CHILD_POLICY_EMPTY);
        addPositive(IMAGE, "width", false);
        addPositive(IMAGE, "height", false);
        addAttribute(IMAGE, "colorModel", DATATYPE_STRING, true, null, List.of("RGB", "GRAY"));
        addAttribute(IMAGE, "bitDepth", DATATYPE_INTEGER, true, null, List.of("8", "16"));
        addAttribute(IMAGE, "formatVersion", DATATYPE_STRING, true, null);

        addElement(MODEL, root, CHILD_POLICY_EMPTY);
        addAttribute(MODEL, "id", DATATYPE_STRING, true, null);
        addAttribute(MODEL, "weightsSha256", DATATYPE_STRING, true, null);

        addElement(CODING, root, CHILD_POLICY_EMPTY);
        addAttribute(CODING, "quality", DATATYPE_INTEGER, true, null, "1", "255", true, true);
        addPositive(CODING, "latentRows", false);
        addPositive(CODING, "latentCols", false);
        addPositive(CODING, "stages", false);
        addPositive(CODING, "tiles", false);
        addPositive(CODING, "fileLength", false);
        addAttribute(CODING, "bitsPerPixel", DATATYPE_DOUBLE, false, null, "0", Double.toString(Double.MAX_VALUE),
                false, true);

        for (String bytes : new String[] {EXIF, XMP}) {
            addElement(bytes, root, CHILD_POLICY_EMPTY);
            addAttribute(bytes, "length", DATATYPE_INTEGER, true, null, "1", Integer.toString(Integer.MAX_VALUE),
                    true, true);
            addObjectValue(bytes, byte.class, 1, Integer.MAX_VALUE);
        }
    }

    private void addPositive(String element, String attribute, boolean required) {
        addAttribute(element, attribute, DATATYPE_INTEGER, required, null, "1", Long.toString(Long.MAX_VALUE), true,
                true);
    }

    /** Called by {@code IIOMetadata.getMetadataFormat} through reflection. */
    public static IIOMetadataFormat getInstance() {
        return INSTANCE;
    }

    @Override
    public boolean canNodeAppear(String elementName, ImageTypeSpecifier imageType) {
        return Arrays.asList(VqiProviderInfo.NATIVE_IMAGE_METADATA_FORMAT_NAME, IMAGE, MODEL, CODING, EXIF, XMP)
                .contains(elementName);
    }
}

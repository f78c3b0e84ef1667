package io.vqi.cli;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Writes decoded {@link ImagePlanes} as PNG, JPEG, BMP or TIFF bytes, in memory (the caller writes the file at
 * once). Gray stays gray; alpha is kept where the format has it (PNG, TIFF) and dropped with a note where not; an ICC
 * profile becomes the image's colour space, which the JPEG (APP2) and TIFF writers embed by themselves, and for PNG
 * it is also written as an {@code iCCP} chunk through the writer's metadata. BMP writers take no profile: the samples
 * are written as they are, with a note.
 */
final class ImageOutput {
    /** JPEG quality for decoded images: high, since the pixels already carry the codec's loss. */
    static final float JPEG_QUALITY = 0.95f;

    private static final String PNG_METADATA = "javax_imageio_png_1.0";

    private ImageOutput() {
    }

    /**
     * An encoded image file.
     *
     * @param bytes the file
     * @param notes what the format could not keep, one line each
     */
    record Encoded(byte[] bytes, List<String> notes) {
    }

    static Encoded encode(ImagePlanes planes, byte[] icc, OutputFormat format) throws IOException {
        List<String> notes = new ArrayList<>();
        byte[] alpha = planes.alpha();
        if (alpha != null && !format.hasAlpha()) {
            notes.add("alpha channel dropped: " + format + " has none (PNG and TIFF keep it)");
            alpha = null;
        }
        ICC_ColorSpace space = colourSpace(icc, planes.gray(), format, notes);
        BufferedImage image = space == null ? standardImage(planes, alpha) : iccImage(planes, alpha, space);
        ImageWriter writer = writerFor(format, image);
        if (writer == null && space != null) {
            notes.add(format + " writer cannot embed the ICC profile; samples written as they are");
            space = null;
            image = standardImage(planes, alpha);
            writer = writerFor(format, image);
        }
        if (writer == null) {
            throw new CliException(ExitCodes.INTERNAL, "no " + format + " writer in this build can write a "
                    + (planes.gray() ? "gray" : "colour") + (alpha != null ? " + alpha" : "") + " image");
        }
        try {
            ImageWriteParam param = param(writer, format);
            IIOMetadata metadata = null;
            if (format == OutputFormat.PNG && space != null) {
                metadata = pngMetadata(writer, image, param, icc, notes);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(image, null, metadata), param);
            }
            return new Encoded(bytes.toByteArray(), notes);
        } finally {
            writer.dispose();
        }
    }

    /** The colour space the profile describes, or null (no profile, unusable, or a BMP output). */
    private static ICC_ColorSpace colourSpace(byte[] icc, boolean gray, OutputFormat format, List<String> notes) {
        if (icc == null) {
            return null;
        }
        if (format == OutputFormat.BMP) {
            notes.add("BMP output cannot carry the ICC profile; samples written as they are");
            return null;
        }
        try {
            ICC_Profile profile = ICC_Profile.getInstance(icc);
            if (profile.getColorSpaceType() != (gray ? ColorSpace.TYPE_GRAY : ColorSpace.TYPE_RGB)) {
                notes.add("ICC profile ignored: it is not a " + (gray ? "gray" : "RGB") + " profile");
                return null;
            }
            return new ICC_ColorSpace(profile);
        } catch (IllegalArgumentException e) {
            notes.add("ICC profile ignored: Java cannot use it (" + e.getMessage() + ")");
            return null;
        }
    }

    /** TYPE_BYTE_GRAY, TYPE_INT_RGB or TYPE_INT_ARGB, or 8-bit gray + alpha: the types every writer knows. */
    private static BufferedImage standardImage(ImagePlanes planes, byte[] alpha) {
        int w = planes.width();
        int h = planes.height();
        if (planes.gray()) {
            if (alpha == null) {
                BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
                fill(image.getRaster(), planes, null);
                return image;
            }
            return iccImage(planes, alpha, ColorSpace.getInstance(ColorSpace.CS_GRAY));
        }
        if (alpha == null) {
            return planes.rgbImage();
        }
        int[] argb = new int[planes.rgb().length];
        for (int i = 0; i < argb.length; i++) {
            argb[i] = (alpha[i] & 0xff) << 24 | planes.rgb()[i];
        }
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, w, h, argb, 0, w);
        return image;
    }

    /** 8 bits per sample, interleaved, in {@code space}: colour bands then alpha. */
    private static BufferedImage iccImage(ImagePlanes planes, byte[] alpha, ColorSpace space) {
        boolean hasAlpha = alpha != null;
        ColorModel model = new ComponentColorModel(space, hasAlpha, false,
                hasAlpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        WritableRaster raster = model.createCompatibleWritableRaster(planes.width(), planes.height());
        fill(raster, planes, alpha);
        return new BufferedImage(model, raster, false, null);
    }

    /** Writes gray or R, G, B into the first bands of {@code raster} and {@code alpha} (if any) into the next. */
    private static void fill(WritableRaster raster, ImagePlanes planes, byte[] alpha) {
        int w = planes.width();
        int colours = planes.gray() ? 1 : 3;
        int[] row = new int[w];
        for (int y = 0; y < planes.height(); y++) {
            for (int band = 0; band < colours; band++) {
                int shift = planes.gray() ? 0 : 16 - 8 * band;
                for (int x = 0; x < w; x++) {
                    row[x] = planes.rgb()[y * w + x] >> shift & 0xff;
                }
                raster.setSamples(0, y, w, 1, band, row);
            }
            if (alpha != null) {
                for (int x = 0; x < w; x++) {
                    row[x] = alpha[y * w + x] & 0xff;
                }
                raster.setSamples(0, y, w, 1, colours, row);
            }
        }
    }

    /** The first writer of {@code format} that says it can encode {@code image}, or null. */
    private static ImageWriter writerFor(OutputFormat format, BufferedImage image) {
        ImageTypeSpecifier type = ImageTypeSpecifier.createFromRenderedImage(image);
        ImageWriter chosen = null;
        for (ImageWriter writer : ImagePlugins.ordered(ImageIO.getImageWritersByFormatName(format.imageIoName()),
                ImagePlugins.WRITERS)) {
            if (chosen == null && writer.getOriginatingProvider().canEncodeImage(type)) {
                chosen = writer;
            } else {
                writer.dispose();
            }
        }
        return chosen;
    }

    /** High quality for JPEG, lossless deflate (else LZW) for TIFF, the writer's default otherwise. */
    private static ImageWriteParam param(ImageWriter writer, OutputFormat format) {
        ImageWriteParam param = writer.getDefaultWriteParam();
        if (!param.canWriteCompressed() || (format != OutputFormat.JPEG && format != OutputFormat.TIFF)) {
            return param;
        }
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        if (format == OutputFormat.JPEG) {
            param.setCompressionQuality(JPEG_QUALITY);
            return param;
        }
        String[] offered = param.getCompressionTypes();
        List<String> types = offered == null ? List.of() : Arrays.asList(offered); // may hold nulls
        for (String wanted : new String[] {"Deflate", "ZLib", "LZW"}) {
            if (types.contains(wanted)) {
                param.setCompressionType(wanted);
                return param;
            }
        }
        param.setCompressionMode(ImageWriteParam.MODE_DEFAULT);
        return param;
    }

    /** The writer's default metadata plus an {@code iCCP} chunk with {@code icc} (deflated by the writer). */
    private static IIOMetadata pngMetadata(ImageWriter writer, BufferedImage image, ImageWriteParam param,
                                           byte[] icc, List<String> notes) {
        IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image),
                param);
        if (metadata == null || !PNG_METADATA.equals(metadata.getNativeMetadataFormatName())) {
            notes.add("PNG writer cannot embed the ICC profile");
            return null;
        }
        IIOMetadataNode root = new IIOMetadataNode(PNG_METADATA);
        IIOMetadataNode iccp = new IIOMetadataNode("iCCP");
        iccp.setAttribute("profileName", "ICC profile");
        iccp.setAttribute("compressionMethod", "deflate");
        iccp.setUserObject(icc);
        root.appendChild(iccp);
        try {
            metadata.mergeTree(PNG_METADATA, root);
            return metadata;
        } catch (IIOInvalidTreeException e) {
            notes.add("PNG writer cannot embed the ICC profile (" + e.getMessage() + ")");
            return null;
        }
    }
}

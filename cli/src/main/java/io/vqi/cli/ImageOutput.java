package io.vqi.cli;

import io.vqi.format.ImageMetadata;
import io.vqi.image.ImagePlanes;
import java.awt.image.BufferedImage;
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
 * are written as they are, with a note. EXIF and XMP go, through the writers' metadata trees, into a PNG's
 * {@code eXIf} chunk and {@code iTXt XML:com.adobe.xmp} chunk, or a JPEG's APP1 segments; BMP and TIFF output drop
 * them with a note.
 */
final class ImageOutput {
    /** JPEG quality for decoded images: high, since the pixels already carry the codec's loss. */
    static final float JPEG_QUALITY = 0.95f;

    private static final String PNG_METADATA = "javax_imageio_png_1.0";
    private static final String JPEG_METADATA = "javax_imageio_jpeg_image_1.0";
    /** What precedes the EXIF block and the XMP packet in their JPEG APP1 segments. */
    private static final byte[] JPEG_EXIF_ID = "Exif\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    private static final byte[] JPEG_XMP_ID =
            "http://ns.adobe.com/xap/1.0/\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    /** Largest APP1 payload: a segment's 16-bit length counts itself. */
    private static final int MAX_APP1_PAYLOAD = 65535 - 2;

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

    static Encoded encode(ImagePlanes planes, OutputFormat format) throws IOException {
        return encode(planes, ImageMetadata.NONE, format);
    }

    static Encoded encode(ImagePlanes planes, ImageMetadata meta, OutputFormat format) throws IOException {
        List<String> notes = new ArrayList<>();
        if (!meta.isEmpty() && format != OutputFormat.PNG && format != OutputFormat.JPEG) {
            notes.add(format + " output cannot carry the " + names(meta) + " (PNG and JPEG can); dropped");
            meta = ImageMetadata.NONE;
        }
        if (planes.alpha() != null && !format.hasAlpha()) {
            notes.add("alpha channel dropped: " + format + " has none (PNG and TIFF keep it)");
            planes = planes.withoutAlpha();
        }
        if (planes.icc() != null && format == OutputFormat.BMP) {
            notes.add("BMP output cannot carry the ICC profile; samples written as they are");
            planes = planes.withoutIcc();
        } else if (planes.icc() != null && planes.iccColorSpace().isEmpty()) {
            notes.add("ICC profile ignored: it is not a " + (planes.gray() ? "gray" : "RGB")
                    + " profile Java can use; samples written as they are");
            planes = planes.withoutIcc();
        }
        BufferedImage image = planes.toImage();
        ImageWriter writer = writerFor(format, image);
        if (writer == null && planes.icc() != null) {
            notes.add(format + " writer cannot embed the ICC profile; samples written as they are");
            planes = planes.withoutIcc();
            image = planes.toImage();
            writer = writerFor(format, image);
        }
        if (writer == null) {
            throw new CliException(ExitCodes.INTERNAL, "no " + format + " writer in this build can write a "
                    + (planes.gray() ? "gray" : "colour") + (planes.alpha() != null ? " + alpha" : "") + " image");
        }
        try {
            ImageWriteParam param = param(writer, format);
            IIOMetadata metadata = null;
            if (format == OutputFormat.PNG && (planes.icc() != null || !meta.isEmpty())) {
                metadata = pngMetadata(writer, image, param, planes.icc(), meta, notes);
            } else if (format == OutputFormat.JPEG && !meta.isEmpty()) {
                metadata = jpegMetadata(writer, image, param, meta, notes);
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

    /** "EXIF", "XMP" or "EXIF and XMP": what {@code meta} holds. */
    private static String names(ImageMetadata meta) {
        return meta.exif() == null ? "XMP" : meta.xmp() == null ? "EXIF" : "EXIF and XMP";
    }

    /**
     * The writer's default metadata plus an {@code iCCP} chunk with {@code icc} (may be null), an {@code eXIf} chunk
     * (JDK 17's PNG metadata has no node of its own for it, but writes unknown chunks before IDAT) and an
     * uncompressed {@code iTXt} chunk {@code XML:com.adobe.xmp}. The JDK's PNG writer stores the iCCP node's bytes
     * as they are, and PNG requires a zlib stream there, so they are deflated here.
     */
    private static IIOMetadata pngMetadata(ImageWriter writer, BufferedImage image, ImageWriteParam param,
                                           byte[] icc, ImageMetadata meta, List<String> notes) {
        String what = icc == null ? names(meta) : meta.isEmpty() ? "ICC profile" : "ICC profile, " + names(meta);
        IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image),
                param);
        if (metadata == null || !PNG_METADATA.equals(metadata.getNativeMetadataFormatName())) {
            notes.add("PNG writer cannot embed the " + what);
            return null;
        }
        IIOMetadataNode root = new IIOMetadataNode(PNG_METADATA);
        if (icc != null) {
            IIOMetadataNode iccp = new IIOMetadataNode("iCCP");
            iccp.setAttribute("profileName", "ICC profile");
            iccp.setAttribute("compressionMethod", "deflate");
            iccp.setUserObject(deflate(icc));
            root.appendChild(iccp);
        }
        if (meta.xmp() != null) {
            IIOMetadataNode itxt = new IIOMetadataNode("iTXt");
            IIOMetadataNode entry = new IIOMetadataNode("iTXtEntry");
            entry.setAttribute("keyword", "XML:com.adobe.xmp");
            entry.setAttribute("compressionFlag", "FALSE");
            entry.setAttribute("compressionMethod", "0");
            entry.setAttribute("languageTag", "");
            entry.setAttribute("translatedKeyword", "");
            entry.setAttribute("text", new String(meta.xmp(), java.nio.charset.StandardCharsets.UTF_8));
            itxt.appendChild(entry);
            root.appendChild(itxt);
        }
        if (meta.exif() != null) {
            IIOMetadataNode unknown = new IIOMetadataNode("UnknownChunks");
            IIOMetadataNode exif = new IIOMetadataNode("UnknownChunk");
            exif.setAttribute("type", "eXIf");
            exif.setUserObject(meta.exif());
            unknown.appendChild(exif);
            root.appendChild(unknown);
        }
        return merged(metadata, PNG_METADATA, root, notes, "PNG writer cannot embed the " + what);
    }

    /**
     * The writer's default metadata plus the EXIF and the XMP as APP1 segments ({@code unknown} marker nodes, which
     * the JDK's JPEG writer writes as they are, after its JFIF APP0). One that does not fit a segment is dropped
     * with a note.
     */
    private static IIOMetadata jpegMetadata(ImageWriter writer, BufferedImage image, ImageWriteParam param,
                                            ImageMetadata meta, List<String> notes) {
        IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image),
                param);
        if (metadata == null || !JPEG_METADATA.equals(metadata.getNativeMetadataFormatName())) {
            notes.add("JPEG writer cannot embed the " + names(meta));
            return null;
        }
        IIOMetadataNode root = new IIOMetadataNode(JPEG_METADATA);
        root.appendChild(new IIOMetadataNode("JPEGvariety"));
        IIOMetadataNode markers = new IIOMetadataNode("markerSequence");
        root.appendChild(markers);
        byte[][] blocks = {meta.exif(), meta.xmp()};
        byte[][] ids = {JPEG_EXIF_ID, JPEG_XMP_ID};
        String[] names = {"EXIF", "XMP"};
        for (int i = 0; i < blocks.length; i++) {
            if (blocks[i] == null) {
                continue;
            }
            if (ids[i].length + blocks[i].length > MAX_APP1_PAYLOAD) {
                notes.add(names[i] + " of " + blocks[i].length + " bytes dropped: more than a JPEG APP1 segment holds");
                continue;
            }
            byte[] segment = Arrays.copyOf(ids[i], ids[i].length + blocks[i].length);
            System.arraycopy(blocks[i], 0, segment, ids[i].length, blocks[i].length);
            IIOMetadataNode app1 = new IIOMetadataNode("unknown");
            app1.setAttribute("MarkerTag", "225");
            app1.setUserObject(segment);
            markers.appendChild(app1);
        }
        return merged(metadata, JPEG_METADATA, root, notes, "JPEG writer cannot embed the " + names(meta));
    }

    /** {@code metadata} with {@code root} merged in, or null and a note when the writer refuses the tree. */
    private static IIOMetadata merged(IIOMetadata metadata, String format, IIOMetadataNode root, List<String> notes,
                                      String refusal) {
        try {
            metadata.mergeTree(format, root);
            return metadata;
        } catch (IIOInvalidTreeException e) {
            notes.add(refusal + " (" + e.getMessage() + ")");
            return null;
        }
    }

    private static byte[] deflate(byte[] data) {
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(java.util.zip.Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(data);
            deflater.finish();
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            byte[] buf = new byte[1 << 16];
            while (!deflater.finished()) {
                out.write(buf, 0, deflater.deflate(buf));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }
}

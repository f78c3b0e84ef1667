package io.vqi.cli;

import io.vqi.format.ImagePlanes;
import io.vqi.format.VqiCodec;
import io.vqi.format.VqiFormat;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.w3c.dom.Node;

/**
 * Reads an input image of any format ImageIO knows (the JDK's readers plus TwelveMonkeys': PNG, JPEG, BMP, GIF,
 * TIFF, WebP, PNM, PSD, TGA) into what {@code compress} codes: 8-bit {@link ImagePlanes} (see {@link ImagePlanes#of}
 * for how samples, alpha and ICC profiles are kept) and notes for the user. The size is checked from the header
 * before any pixel is decoded. JPEG EXIF orientation is applied.
 */
final class ImageInput {
    /** What a reader failure or a format nobody reads is called in messages. */
    static final String FORMATS = "PNG, JPEG, BMP, GIF, TIFF, WebP, PNM, PSD, TGA";

    private ImageInput() {
    }

    /**
     * An image ready to code.
     *
     * @param planes the pixels, upright, with the ICC profile the colour samples are in (null for sRGB or gray)
     * @param notes  what was changed on the way, one line each (16-bit samples reduced, ...)
     */
    record Source(ImagePlanes planes, List<String> notes) {
    }

    /** Decodes the image file held in {@code file}. */
    static Source read(byte[] file) throws IOException {
        if (VqiFormat.startsWithSignature(file)) {
            throw new CliException(ExitCodes.DATA_ERROR, "is already a .vqi file (use 'vqi decompress')");
        }
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(file))) {
            List<ImageReader> readers = ImagePlugins.ordered(ImageIO.getImageReaders(in), ImagePlugins.READERS);
            if (readers.isEmpty()) {
                throw new CliException(ExitCodes.DATA_ERROR, "not an image in a format vqi reads (" + FORMATS + ")");
            }
            ImageReader reader = readers.get(0);
            readers.subList(1, readers.size()).forEach(ImageReader::dispose);
            try {
                reader.setInput(in, true, false);
                String format = formatName(reader);
                long[] size = readSize(reader, format);
                if (size[0] * size[1] > VqiCodec.MAX_PIXELS) {
                    throw new CliException(ExitCodes.DATA_ERROR, size[0] + " x " + size[1] + " " + format
                            + " image is larger than the " + VqiCodec.MAX_PIXELS + " pixels a .vqi file holds");
                }
                // Each side too: the header cannot hold more, and finding out after the encoder ran cost seconds.
                if (size[0] > VqiFormat.MAX_DIMENSION || size[1] > VqiFormat.MAX_DIMENSION) {
                    throw new CliException(ExitCodes.DATA_ERROR, size[0] + " x " + size[1] + " " + format
                            + " image has a side longer than the " + VqiFormat.MAX_DIMENSION
                            + " pixels a .vqi file holds");
                }
                BufferedImage image = decode(reader, format);
                List<String> notes = new ArrayList<>();
                ImagePlanes planes = ImagePlanes.of(image, pngProfile(reader, notes), notes);
                return new Source(planes.oriented(Exif.orientation(file)), notes);
            } finally {
                reader.dispose();
            }
        }
    }

    private static long[] readSize(ImageReader reader, String format) {
        try {
            return new long[] {reader.getWidth(0), reader.getHeight(0)};
        } catch (IOException | RuntimeException e) {
            throw unreadable(format, e);
        }
    }

    private static BufferedImage decode(ImageReader reader, String format) {
        try {
            return reader.read(0);
        } catch (IOException | RuntimeException e) {
            // Readers throw anything on hostile input (IIOException, IndexOutOfBounds, NegativeArraySize, ...).
            throw unreadable(format, e);
        }
    }

    private static CliException unreadable(String format, Exception e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new CliException(ExitCodes.DATA_ERROR, "cannot read this " + format + " image: " + reason, e);
    }

    private static String formatName(ImageReader reader) {
        try {
            return reader.getFormatName().toUpperCase(Locale.ROOT);
        } catch (IOException e) {
            return "image";
        }
    }

    /**
     * The profile of a PNG {@code iCCP} chunk, or null: the JDK's PNG reader leaves the samples as they are and the
     * profile in the metadata (TwelveMonkeys' JPEG and TIFF readers put it in the image's colour space, which
     * {@link ImagePlanes#of} looks at first). The metadata holds the chunk's zlib stream as it is in the file, so it
     * is inflated here (bounded); a profile that cannot be read is dropped with a note, never silently.
     */
    private static ICC_Profile pngProfile(ImageReader reader, List<String> notes) {
        byte[] data = null;
        try {
            IIOMetadata metadata = reader.getImageMetadata(0);
            if (metadata == null || !"javax_imageio_png_1.0".equals(metadata.getNativeMetadataFormatName())) {
                return null;
            }
            for (Node n = metadata.getAsTree("javax_imageio_png_1.0").getFirstChild(); n != null;
                 n = n.getNextSibling()) {
                if (n.getNodeName().equals("iCCP") && n instanceof IIOMetadataNode node
                        && node.getUserObject() instanceof byte[] bytes) {
                    data = bytes;
                }
            }
            if (data == null) {
                return null;
            }
            return ICC_Profile.getInstance(inflate(data));
        } catch (IOException | RuntimeException e) {
            // Not worth refusing the image for: its samples are coded as they are, and the user is told.
            notes.add("ICC profile of the PNG dropped: it cannot be read (" + e.getClass().getSimpleName() + ")");
            return null;
        }
    }

    /** Largest inflated profile accepted: the format's own limit for an {@code iccp} chunk. */
    private static final int MAX_PROFILE_BYTES = 16 << 20;

    /** A PNG iCCP payload's zlib stream, inflated; bytes that are not zlib are taken as a raw profile. */
    static byte[] inflate(byte[] zlib) throws IOException {
        java.util.zip.Inflater inflater = new java.util.zip.Inflater();
        try {
            inflater.setInput(zlib);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            byte[] buf = new byte[1 << 16];
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IOException("truncated zlib stream");
                }
                out.write(buf, 0, n);
                if (out.size() > MAX_PROFILE_BYTES) {
                    throw new IOException("profile larger than " + MAX_PROFILE_BYTES + " bytes");
                }
            }
            return out.toByteArray();
        } catch (java.util.zip.DataFormatException e) {
            return zlib; // written uncompressed, as vqi before 2026-12-02 wrote it
        } finally {
            inflater.end();
        }
    }
}

package io.vqi.cli;

import io.vqi.format.VqiCodec;
import io.vqi.format.VqiFormat;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
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
 * TIFF, WebP, PNM, PSD, TGA) into what {@code compress} codes: 8-bit {@link ImagePlanes}, the ICC profile its samples
 * are in, and notes for the user. The size is checked from the header before any pixel is decoded.
 *
 * <p>Samples are kept as the file has them where the colour model allows it (gray of any depth, RGB in an embedded
 * ICC space, whose profile then travels in the {@code iccp} chunk); everything else (palettes, CMYK, premultiplied,
 * float) goes through {@code getRGB} to sRGB. Deeper samples are rounded to 8 bits, with a note. JPEG EXIF
 * orientation is applied.
 */
final class ImageInput {
    /** What a reader failure or a format nobody reads is called in messages. */
    static final String FORMATS = "PNG, JPEG, BMP, GIF, TIFF, WebP, PNM, PSD, TGA";

    private static final int OPAQUE = 0xff;

    private ImageInput() {
    }

    /**
     * An image ready to code.
     *
     * @param planes the pixels, upright
     * @param icc    the ICC profile the colour samples are in, or null for sRGB (or plain gray)
     * @param notes  what was changed on the way, one line each (16-bit samples reduced, ...)
     */
    record Source(ImagePlanes planes, byte[] icc, List<String> notes) {
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
                            + " image is larger than the " + VqiCodec.MAX_PIXELS + " pixels vqi codes in one piece");
                }
                BufferedImage image = decode(reader, format);
                List<String> notes = new ArrayList<>();
                Source source = convert(image, embeddedProfile(image, reader), notes);
                return new Source(source.planes().oriented(Exif.orientation(file)), source.icc(), notes);
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
     * The ICC profile the decoded samples are in, if not sRGB or plain gray: the colour space of the image when the
     * reader kept the file's samples in an embedded ICC space (TwelveMonkeys' JPEG and TIFF readers), else a PNG
     * {@code iCCP} chunk (the JDK's PNG reader leaves the samples as they are and the profile in the metadata).
     */
    private static ICC_Profile embeddedProfile(BufferedImage image, ImageReader reader) {
        ColorSpace space = image.getColorModel().getColorSpace();
        if (isEmbedded(space)) {
            return ((ICC_ColorSpace) space).getProfile();
        }
        try {
            IIOMetadata metadata = reader.getImageMetadata(0);
            if (metadata == null || !"javax_imageio_png_1.0".equals(metadata.getNativeMetadataFormatName())) {
                return null;
            }
            for (Node n = metadata.getAsTree("javax_imageio_png_1.0").getFirstChild(); n != null;
                 n = n.getNextSibling()) {
                if (n.getNodeName().equals("iCCP") && n instanceof IIOMetadataNode node
                        && node.getUserObject() instanceof byte[] data) {
                    return ICC_Profile.getInstance(data);
                }
            }
        } catch (IOException | RuntimeException e) {
            // An unreadable profile is not worth refusing the image for: its samples are coded as they are.
        }
        return null;
    }

    /** An ICC space that is neither sRGB nor Java's built-in gray: a profile that came with the image. */
    private static boolean isEmbedded(ColorSpace space) {
        return space instanceof ICC_ColorSpace && !space.isCS_sRGB()
                && space != ColorSpace.getInstance(ColorSpace.CS_GRAY);
    }

    private static Source convert(BufferedImage image, ICC_Profile profile, List<String> notes) {
        ColorModel model = image.getColorModel();
        int bits = 0;
        for (int i = 0; i < model.getNumComponents(); i++) {
            bits = Math.max(bits, model.getComponentSize(i));
        }
        if (bits > 8) {
            notes.add(bits + "-bit samples reduced to 8 bits");
        }
        ColorSpace space = model.getColorSpace();
        boolean gray = space.getType() == ColorSpace.TYPE_GRAY && model.getNumColorComponents() == 1;
        boolean rgbIcc = space.getType() == ColorSpace.TYPE_RGB && isEmbedded(space);
        boolean raw = model instanceof ComponentColorModel && !model.isAlphaPremultiplied() && isIntegral(model)
                && (gray || rgbIcc);
        ImagePlanes planes = raw ? fromSamples(image, gray) : fromRgb(image);
        gray = planes.gray();
        // getRGB leaves sRGB samples (and palette entries) as they are but converts from any other space.
        raw |= space.isCS_sRGB();
        byte[] icc = null;
        if (profile != null && namesSrgb(profile)) {
            profile = null; // the samples are sRGB, which a file without a profile means anyway
        }
        if (profile != null) {
            int expected = gray ? ColorSpace.TYPE_GRAY : ColorSpace.TYPE_RGB;
            if (profile.getColorSpaceType() == expected && raw) {
                icc = profile.getData();
            } else if (!raw) {
                notes.add("colours converted to sRGB; the ICC profile is not kept");
            } else {
                notes.add("ICC profile dropped: it is not a " + (gray ? "gray" : "RGB") + " profile");
            }
        }
        return new Source(planes, icc, notes);
    }

    /**
     * True if the profile's description starts with "sRGB" ("sRGB IEC61966-2.1", "sRGB built-in", ...; "linear
     * sRGB" does not). Cameras and editors embed a 3 KB copy of an sRGB profile in many files: it costs more than a
     * small image's codes and says nothing that a file without a profile does not.
     */
    static boolean namesSrgb(ICC_Profile profile) {
        return description(profile).startsWith("sRGB");
    }

    /** The profile's description: a v2 {@code desc} tag (ASCII) or the first record of a v4 {@code mluc} tag. */
    private static String description(ICC_Profile profile) {
        byte[] tag = profile.getData(ICC_Profile.icSigProfileDescriptionTag);
        if (tag == null || tag.length < 12) {
            return "";
        }
        ByteBuffer fields = ByteBuffer.wrap(tag);
        String type = new String(tag, 0, 4, StandardCharsets.US_ASCII);
        long start;
        long length;
        Charset charset;
        if (type.equals("desc")) {
            start = 12;
            length = Integer.toUnsignedLong(fields.getInt(8));
            charset = StandardCharsets.ISO_8859_1;
        } else if (type.equals("mluc") && tag.length >= 28) {
            length = Integer.toUnsignedLong(fields.getInt(20));
            start = Integer.toUnsignedLong(fields.getInt(24));
            charset = StandardCharsets.UTF_16BE;
        } else {
            return "";
        }
        if (start + length > tag.length) {
            return "";
        }
        return new String(tag, (int) start, (int) length, charset).replace("\0", "").strip();
    }

    private static boolean isIntegral(ColorModel model) {
        int type = model.getTransferType();
        return type == DataBuffer.TYPE_BYTE || type == DataBuffer.TYPE_USHORT;
    }

    /** Raw samples of a component colour model: colour bands first, then alpha; scaled to 8 bits. */
    private static ImagePlanes fromSamples(BufferedImage image, boolean gray) {
        ColorModel model = image.getColorModel();
        Raster raster = image.getRaster();
        int w = image.getWidth();
        int h = image.getHeight();
        int colours = gray ? 1 : 3;
        int[] rgb = new int[w * h];
        byte[] alpha = model.hasAlpha() ? new byte[w * h] : null;
        int[] row = new int[w];
        boolean opaque = true;
        for (int band = 0; band < colours + (alpha != null ? 1 : 0); band++) {
            int max = (1 << model.getComponentSize(band)) - 1;
            int shift = gray ? 0 : 16 - 8 * band; // R, G, B into 0xRRGGBB
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, band, row);
                for (int x = 0; x < w; x++) {
                    int v = to8(row[x], max);
                    if (band == colours) {
                        alpha[y * w + x] = (byte) v;
                        opaque &= v == OPAQUE;
                    } else {
                        rgb[y * w + x] |= gray ? v * 0x010101 : v << shift;
                    }
                }
            }
        }
        return new ImagePlanes(w, h, rgb, opaque ? null : alpha, gray);
    }

    /** Any image through {@code getRGB} (sRGB); gray if it is a palette of grays. */
    private static ImagePlanes fromRgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        byte[] alpha = null;
        if (image.getColorModel().hasAlpha()) {
            alpha = new byte[argb.length];
            boolean opaque = true;
            for (int i = 0; i < argb.length; i++) {
                alpha[i] = (byte) (argb[i] >>> 24);
                opaque &= argb[i] >>> 24 == OPAQUE;
            }
            alpha = opaque ? null : alpha;
        }
        for (int i = 0; i < argb.length; i++) {
            argb[i] &= 0xffffff;
        }
        return new ImagePlanes(w, h, argb, alpha, isGrayPalette(image.getColorModel()));
    }

    private static boolean isGrayPalette(ColorModel model) {
        if (!(model instanceof IndexColorModel palette)) {
            return false;
        }
        for (int i = 0; i < palette.getMapSize(); i++) {
            int r = palette.getRed(i);
            if (r != palette.getGreen(i) || r != palette.getBlue(i)) {
                return false;
            }
        }
        return true;
    }

    private static int to8(int sample, int max) {
        return max == 255 ? sample : (int) ((sample * 255L + max / 2) / max);
    }
}

package io.vqi.image;

import java.awt.Transparency;
import java.awt.color.CMMException;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.color.ProfileDataException;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Java images to {@link ImagePlanes} and back: the sample loops and colour-space decisions behind both. */
public final class PlaneConversion {
    private static final int OPAQUE = 0xff;

    private PlaneConversion() {
    }

    static ImagePlanes fromImage(BufferedImage image, ICC_Profile fileProfile, List<String> notes) {
        ColorModel model = image.getColorModel();
        int bits = 0;
        for (int i = 0; i < model.getNumComponents(); i++) {
            bits = Math.max(bits, model.getComponentSize(i));
        }
        if (bits > 8) {
            notes.add(bits + "-bit samples reduced to 8 bits");
        }
        ColorSpace space = model.getColorSpace();
        ICC_Profile profile = isEmbedded(space) ? ((ICC_ColorSpace) space).getProfile() : fileProfile;
        boolean gray = space.getType() == ColorSpace.TYPE_GRAY && model.getNumColorComponents() == 1;
        boolean rgbIcc = space.getType() == ColorSpace.TYPE_RGB && isEmbedded(space);
        boolean raw = model instanceof ComponentColorModel && !model.isAlphaPremultiplied() && isIntegral(model)
                && (gray || rgbIcc);
        ImagePlanes planes = raw ? fromSamples(image, gray) : fromRgb(image);
        gray = planes.gray();
        // getRGB leaves sRGB samples (and palette entries) as they are but converts from any other space.
        raw |= space.isCS_sRGB();
        if (profile != null && namesSrgb(profile)) {
            profile = null; // the samples are sRGB, which a file without a profile means anyway
        }
        byte[] icc = null;
        if (profile != null) {
            byte[] data = profile.getData();
            String problem = raw ? iccProblem(data, gray) : null;
            if (raw && problem == null) {
                icc = data;
            } else if (!raw) {
                notes.add("colours converted to sRGB; the ICC profile is not kept");
            } else {
                // Kept, it would make a file that readers refuse (SPEC.md 5.2.2).
                notes.add("ICC profile dropped: " + problem);
            }
        }
        return icc == null ? planes : new ImagePlanes(planes.width(), planes.height(), planes.rgb(), planes.alpha(),
                gray, icc);
    }

    static BufferedImage toImage(ImagePlanes planes) {
        ICC_ColorSpace space = colorSpace(planes.icc(), planes.gray());
        if (space != null) {
            return componentImage(planes, space);
        }
        if (planes.gray()) {
            if (planes.alpha() != null) {
                return componentImage(planes, ColorSpace.getInstance(ColorSpace.CS_GRAY));
            }
            BufferedImage image = new BufferedImage(planes.width(), planes.height(), BufferedImage.TYPE_BYTE_GRAY);
            fill(image.getRaster(), planes);
            return image;
        }
        if (planes.alpha() == null) {
            return rgbImage(planes);
        }
        int[] argb = new int[planes.rgb().length];
        for (int i = 0; i < argb.length; i++) {
            argb[i] = (planes.alpha()[i] & 0xff) << 24 | planes.rgb()[i];
        }
        BufferedImage image = new BufferedImage(planes.width(), planes.height(), BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, planes.width(), planes.height(), argb, 0, planes.width());
        return image;
    }

    static BufferedImage rgbImage(ImagePlanes planes) {
        DirectColorModel model = new DirectColorModel(24, 0xff0000, 0xff00, 0xff);
        int[] rgb = planes.rgb();
        WritableRaster raster = Raster.createPackedRaster(new DataBufferInt(rgb, rgb.length), planes.width(),
                planes.height(), planes.width(), model.getMasks(), null);
        return new BufferedImage(model, raster, false, null);
    }

    /** The space {@code icc} describes if Java can use it and it is gray or RGB as wanted; else null. */
    static ICC_ColorSpace colorSpace(byte[] icc, boolean gray) {
        if (icc == null || iccProblem(icc, gray) != null) {
            return null;
        }
        // A fresh profile: once linked, Java re-serialises a profile, and getData() no longer gives these bytes.
        return new ICC_ColorSpace(ICC_Profile.getInstance(icc));
    }

    /**
     * Why {@code icc} is not a usable gray (or else RGB) profile, or null if it is. Builds the profile's colour space
     * and every transform Java derives from it (to and from sRGB and XYZ): Java's CMM links profiles lazily, at the
     * first conversion, so a profile whose colour-space field lies or whose tag table is damaged loads fine and
     * throws {@code CMMException} later, in a caller's {@code getRGB}. Built here, the failure is the reader's to
     * report.
     */
    public static String iccProblem(byte[] icc, boolean gray) {
        String wanted = gray ? "a gray" : "an RGB";
        try {
            ICC_Profile profile = ICC_Profile.getInstance(icc);
            if (profile.getColorSpaceType() != (gray ? ColorSpace.TYPE_GRAY : ColorSpace.TYPE_RGB)) {
                String field = new String(icc, 16, 4, StandardCharsets.US_ASCII).strip();
                return "not " + wanted + " profile (its colour space is '" + field + "')";
            }
            ICC_ColorSpace space = new ICC_ColorSpace(profile);
            float[] samples = new float[space.getNumComponents()];
            java.util.Arrays.fill(samples, 0.5f);
            float[] colour = {0.5f, 0.5f, 0.5f};
            space.toRGB(samples);
            space.fromRGB(colour);
            space.toCIEXYZ(samples);
            space.fromCIEXYZ(colour);
            return null;
        } catch (CMMException | ProfileDataException | IllegalArgumentException e) {
            return wanted + " profile Java cannot use (" + e.getMessage() + ")";
        }
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

    /** An ICC space that is neither sRGB nor Java's built-in gray: a profile that came with the image. */
    private static boolean isEmbedded(ColorSpace space) {
        return space instanceof ICC_ColorSpace && !space.isCS_sRGB()
                && space != ColorSpace.getInstance(ColorSpace.CS_GRAY);
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
        return new ImagePlanes(w, h, rgb, opaque ? null : alpha, gray, null);
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
        return new ImagePlanes(w, h, argb, alpha, isGrayPalette(image.getColorModel()), null);
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

    /** 8 bits per sample, interleaved, in {@code space}: colour bands then alpha. */
    private static BufferedImage componentImage(ImagePlanes planes, ColorSpace space) {
        boolean hasAlpha = planes.alpha() != null;
        ColorModel model = new ComponentColorModel(space, hasAlpha, false,
                hasAlpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        WritableRaster raster = model.createCompatibleWritableRaster(planes.width(), planes.height());
        fill(raster, planes);
        return new BufferedImage(model, raster, false, null);
    }

    /** Writes gray or R, G, B into the first bands of {@code raster} and alpha (if any) into the next. */
    private static void fill(WritableRaster raster, ImagePlanes planes) {
        int w = planes.width();
        int colours = planes.gray() ? 1 : 3;
        byte[] alpha = planes.alpha();
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
}

package io.vqi.image;

import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An image as a {@code .vqi} file holds it: 8-bit colour (coded by the model), an optional 8-bit alpha plane and an
 * optional ICC profile (both kept losslessly in their own chunks). What {@code io.vqi.codec.VqiCodec} codes and decodes, so the
 * CLI and the ImageIO plugin treat alpha, gray and colour profiles alike. The arrays are shared, not copied.
 *
 * @param width  pixels per row
 * @param height rows
 * @param rgb    {@code 0xRRGGBB} per pixel, row by row; R = G = B when {@code gray}
 * @param alpha  one byte per pixel, row by row (0 transparent), or null for an opaque image
 * @param gray   the image has one colour channel (coded as gray, decoded as gray)
 * @param icc    the ICC profile the colour samples are in, or null for sRGB (or plain gray)
 */
public record ImagePlanes(int width, int height, int[] rgb, byte[] alpha, boolean gray, byte[] icc) {

    public ImagePlanes {
        if (width < 1 || height < 1 || (long) width * height != rgb.length
                || (alpha != null && alpha.length != rgb.length)) {
            throw new IllegalArgumentException("planes do not match " + width + " x " + height);
        }
    }

    /**
     * The planes of {@code image}: samples as the image has them where its colour model allows (gray of any depth,
     * RGB in an ICC space that is not sRGB, whose profile is then kept), everything else (palettes, premultiplied,
     * float, other spaces) through {@code getRGB} to sRGB. Deeper samples are rounded to 8 bits.
     *
     * @param fileProfile the profile the image's file declared when the decoded image does not carry it in its
     *                    colour space (the JDK's PNG reader leaves {@code iCCP} in the metadata), or null
     * @param notes       receives one line for each thing changed on the way
     */
    public static ImagePlanes of(BufferedImage image, ICC_Profile fileProfile, List<String> notes) {
        return PlaneConversion.fromImage(image, fileProfile, notes);
    }

    /** {@link #of(BufferedImage, ICC_Profile, List)} with no file profile and no notes. */
    public static ImagePlanes of(BufferedImage image) {
        return of(image, null, new ArrayList<>());
    }

    public long pixelCount() {
        return (long) width * height;
    }

    public ImagePlanes withoutAlpha() {
        return new ImagePlanes(width, height, rgb, null, gray, icc);
    }

    public ImagePlanes withoutIcc() {
        return new ImagePlanes(width, height, rgb, alpha, gray, null);
    }

    /** The colour space of {@link #icc}, if there is a profile, Java can use it, and it is gray or RGB as these are. */
    public Optional<ICC_ColorSpace> iccColorSpace() {
        return iccColorSpace(icc, gray);
    }

    /** The colour space of {@code icc} (may be null), if Java can use it as a gray (or else RGB) profile. */
    public static Optional<ICC_ColorSpace> iccColorSpace(byte[] icc, boolean gray) {
        return Optional.ofNullable(PlaneConversion.colorSpace(icc, gray));
    }

    /**
     * The planes as an image of a type every ImageIO writer knows: {@code TYPE_BYTE_GRAY}, {@code TYPE_INT_RGB},
     * {@code TYPE_INT_ARGB}, 8-bit gray + alpha; or, with a usable ICC profile, 8-bit interleaved samples in that
     * space. The samples are the planes' exactly.
     */
    public BufferedImage toImage() {
        return PlaneConversion.toImage(this);
    }

    /** The colour as a {@code TYPE_INT_RGB} image over {@link #rgb} (no copy), R = G = B for gray. */
    BufferedImage rgbImage() {
        return PlaneConversion.rgbImage(this);
    }

    /**
     * The image turned upright as EXIF orientation {@code orientation} (1..8) says: 2 mirrors, 3 turns 180°, 4 flips,
     * 5 transposes, 6 turns 90° clockwise, 7 transverses, 8 turns 90° counter-clockwise. 5 to 8 swap the sides.
     */
    public ImagePlanes oriented(int orientation) {
        if (orientation < 2 || orientation > 8) {
            return this;
        }
        boolean swap = orientation >= 5;
        int w = swap ? height : width;
        int h = swap ? width : height;
        int[] outRgb = new int[rgb.length];
        byte[] outAlpha = alpha == null ? null : new byte[alpha.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int source = sourceIndex(orientation, x, y);
                outRgb[y * w + x] = rgb[source];
                if (outAlpha != null) {
                    outAlpha[y * w + x] = alpha[source];
                }
            }
        }
        return new ImagePlanes(w, h, outRgb, outAlpha, gray, icc);
    }

    /** The index in this image of the pixel that lands at (x, y) of the upright one. */
    private int sourceIndex(int orientation, int x, int y) {
        int right = width - 1;
        int bottom = height - 1;
        return switch (orientation) {
            case 2 -> y * width + (right - x);
            case 3 -> (bottom - y) * width + (right - x);
            case 4 -> (bottom - y) * width + x;
            case 5 -> x * width + y;
            case 6 -> (bottom - x) * width + y;
            case 7 -> (bottom - x) * width + (right - y);
            case 8 -> x * width + (right - y);
            default -> y * width + x;
        };
    }
}

package io.vqi.cli;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/**
 * An image as the CLI hands it to the codec and gets it back: 8-bit colour and, apart, an 8-bit alpha plane. The
 * arrays are shared, not copied (the CLI builds each once and passes it on).
 *
 * @param width  pixels per row
 * @param height rows
 * @param rgb    {@code 0xRRGGBB} per pixel, row by row; R = G = B when {@code gray}
 * @param alpha  one byte per pixel, row by row, or null for an opaque image
 * @param gray   the image has one colour channel (coded as gray, written back as gray)
 */
record ImagePlanes(int width, int height, int[] rgb, byte[] alpha, boolean gray) {
    ImagePlanes {
        if (width < 1 || height < 1 || (long) width * height != rgb.length
                || (alpha != null && alpha.length != rgb.length)) {
            throw new IllegalArgumentException("planes do not match " + width + " x " + height);
        }
    }

    long pixelCount() {
        return (long) width * height;
    }

    /** The colour as a {@code TYPE_INT_RGB} image over {@link #rgb} (no copy), R = G = B for gray. */
    BufferedImage rgbImage() {
        DirectColorModel model = new DirectColorModel(24, 0xff0000, 0xff00, 0xff);
        WritableRaster raster = Raster.createPackedRaster(new DataBufferInt(rgb, rgb.length), width, height, width,
                model.getMasks(), null);
        return new BufferedImage(model, raster, false, null);
    }

    /**
     * What the codec decoded, with the alpha plane of the file (or null): a {@code TYPE_BYTE_GRAY} image is read
     * sample by sample (its {@code getRGB} would treat the samples as linear light and brighten them), any other
     * through {@code getRGB}.
     */
    static ImagePlanes fromDecoded(BufferedImage decoded, byte[] alpha) {
        int w = decoded.getWidth();
        int h = decoded.getHeight();
        int[] rgb = new int[w * h];
        boolean gray = decoded.getType() == BufferedImage.TYPE_BYTE_GRAY;
        if (gray) {
            int[] row = new int[w];
            Raster raster = decoded.getRaster();
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    rgb[y * w + x] = row[x] * 0x010101;
                }
            }
        } else {
            decoded.getRGB(0, 0, w, h, rgb, 0, w);
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] &= 0xffffff;
            }
        }
        return new ImagePlanes(w, h, rgb, alpha, gray);
    }

    /**
     * The image turned upright as EXIF orientation {@code orientation} (1..8) says: 2 mirrors, 3 turns 180°, 4 flips,
     * 5 transposes, 6 turns 90° clockwise, 7 transverses, 8 turns 90° counter-clockwise. 5 to 8 swap the sides.
     */
    ImagePlanes oriented(int orientation) {
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
        return new ImagePlanes(w, h, outRgb, outAlpha, gray);
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

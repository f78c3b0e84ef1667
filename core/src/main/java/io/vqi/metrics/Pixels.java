package io.vqi.metrics;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;

/** The one place where the metrics turn a {@link BufferedImage} into 8-bit RGB samples. */
final class Pixels {
    private Pixels() {
    }

    /**
     * The image as packed {@code 0xRRGGBB} ints in raster order; alpha is ignored. Grayscale images are read from
     * the raster so that a gray value v becomes (v, v, v): {@link BufferedImage#getRGB} would run linear gray
     * through a gamma conversion and change the numbers. Gray deeper than 8 bits is rounded to 8 bits.
     */
    static int[] rgb(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int count = Math.multiplyExact(width, height);
        ColorModel model = image.getColorModel();
        if (isIntegerGray(model)) {
            int[] gray = image.getRaster().getSamples(0, 0, width, height, 0, new int[count]);
            int max = (1 << model.getComponentSize(0)) - 1;
            for (int i = 0; i < count; i++) {
                int v = max == 255 ? gray[i] : (int) Math.round(gray[i] * 255.0 / max);
                gray[i] = v * 0x010101;
            }
            return gray;
        }
        int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
        for (int i = 0; i < count; i++) {
            argb[i] &= 0xFFFFFF;
        }
        return argb;
    }

    /** One channel of packed RGB as doubles in [0, 255]; {@code shift} is 16 for red, 8 for green, 0 for blue. */
    static double[] channel(int[] rgb, int shift) {
        double[] plane = new double[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            plane[i] = (rgb[i] >>> shift) & 0xFF;
        }
        return plane;
    }

    static void requireSameSize(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            throw new IllegalArgumentException("images differ in size: " + a.getWidth() + "x" + a.getHeight()
                    + " vs " + b.getWidth() + "x" + b.getHeight());
        }
    }

    private static boolean isIntegerGray(ColorModel model) {
        if (model instanceof IndexColorModel || model.getColorSpace().getType() != ColorSpace.TYPE_GRAY) {
            return false;
        }
        int transfer = model.getTransferType();
        return (transfer == DataBuffer.TYPE_BYTE || transfer == DataBuffer.TYPE_USHORT)
                && model.getComponentSize(0) <= 16;
    }
}

package io.vqi.image;

import java.awt.image.BufferedImage;

/**
 * An RGB image as planar floats in [0, 1]: {@code data[c * height * width + y * width + x]}, the layout the networks
 * take. Grayscale sources arrive with three equal planes.
 */
public record ImageTensor(int width, int height, float[] data) {

    public ImageTensor {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image must be at least 1x1, got " + width + "x" + height);
        }
        if ((long) width * height * 3 != data.length) {
            throw new IllegalArgumentException("expected " + 3L * width * height + " values, got " + data.length);
        }
    }

    /**
     * The image's pixels as {@code vqi compress} codes them ({@link ImagePlanes#of(BufferedImage)}: gray from the
     * raster, samples in their own ICC space, deeper samples rounded to 8 bits), so training, evaluation and the codec
     * see the same numbers.
     */
    public static ImageTensor fromImage(BufferedImage image) {
        return fromRgb(image.getWidth(), image.getHeight(), ImagePlanes.of(image).rgb());
    }

    /** Rounds to 8-bit sRGB (clamped), as a {@code TYPE_INT_RGB} image. */
    public BufferedImage toImage() {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, width, height, toRgb(), 0, width);
        return out;
    }

    /** The image from {@code 0xRRGGBB} pixels, row by row (the top byte is ignored). */
    public static ImageTensor fromRgb(int width, int height, int[] rgb) {
        if ((long) width * height != rgb.length) {
            throw new IllegalArgumentException(rgb.length + " pixels are not " + width + "x" + height);
        }
        int plane = rgb.length;
        float[] data = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            int p = rgb[i];
            data[i] = ((p >> 16) & 0xff) / 255f;
            data[plane + i] = ((p >> 8) & 0xff) / 255f;
            data[2 * plane + i] = (p & 0xff) / 255f;
        }
        return new ImageTensor(width, height, data);
    }

    /** Rounds to 8 bits (clamped): {@code 0xRRGGBB} per pixel, row by row. */
    public int[] toRgb() {
        int plane = width * height;
        int[] rgb = new int[plane];
        for (int i = 0; i < plane; i++) {
            rgb[i] = (to8(data[i]) << 16) | (to8(data[plane + i]) << 8) | to8(data[2 * plane + i]);
        }
        return rgb;
    }

    /**
     * Pads to multiples of {@code multiple} by replicating the last row and column: the networks need whole
     * latent cells, and replication keeps the padding cheap to code and free of artificial edges.
     */
    public ImageTensor padTo(int multiple) {
        int pw = ceilTo(width, multiple);
        int ph = ceilTo(height, multiple);
        if (pw == width && ph == height) {
            return this;
        }
        float[] out = new float[3 * pw * ph];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < ph; y++) {
                int sy = Math.min(y, height - 1);
                int src = c * width * height + sy * width;
                int dst = c * pw * ph + y * pw;
                System.arraycopy(data, src, out, dst, width);
                float last = data[src + width - 1];
                for (int x = width; x < pw; x++) {
                    out[dst + x] = last;
                }
            }
        }
        return new ImageTensor(pw, ph, out);
    }

    /** The top-left {@code w x h} region. */
    public ImageTensor crop(int w, int h) {
        if (w > width || h > height || w < 1 || h < 1) {
            throw new IllegalArgumentException("crop " + w + "x" + h + " outside " + width + "x" + height);
        }
        if (w == width && h == height) {
            return this;
        }
        float[] out = new float[3 * w * h];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(data, c * width * height + y * width, out, c * w * h + y * w, w);
            }
        }
        return new ImageTensor(w, h, out);
    }

    private static int ceilTo(int v, int m) {
        return (v + m - 1) / m * m;
    }

    private static int to8(float v) {
        int q = Math.round(v * 255f);
        return q < 0 ? 0 : Math.min(q, 255);
    }
}

package io.vqi.metrics;

import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/** Deterministic test images: textured content, blurred and noisy copies. */
public final class SyntheticImages {
    private SyntheticImages() {
    }

    /** Gradients, stripes at several frequencies, and random flat blocks; the same for the same seed. */
    public static BufferedImage texture(int width, int height, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int block = 16;
        int[][] blocks = new int[(height + block - 1) / block][(width + block - 1) / block];
        for (int[] row : blocks) {
            for (int i = 0; i < row.length; i++) {
                row[i] = random.nextInt(-40, 41);
            }
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double base = 128 + blocks[y / block][x / block];
                int r = clamp(base + 50 * Math.sin(x * 0.21) + 0.2 * (x - width / 2.0));
                int g = clamp(base + 45 * Math.sin((x + y) * 0.37) * Math.cos(y * 0.05));
                int b = clamp(base + 60 * Math.sin(y * 0.9) * Math.sin(x * 0.013));
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return image;
    }

    /** {@code passes} rounds of a 3x3 box filter with clamped edges, rounded to 8 bits after each. */
    public static BufferedImage blur(BufferedImage image, int passes) {
        BufferedImage current = copy(image);
        int w = image.getWidth();
        int h = image.getHeight();
        for (int p = 0; p < passes; p++) {
            BufferedImage next = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int[] sum = new int[3];
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            int rgb = current.getRGB(Math.max(0, Math.min(w - 1, x + dx)),
                                    Math.max(0, Math.min(h - 1, y + dy)));
                            sum[0] += (rgb >> 16) & 0xFF;
                            sum[1] += (rgb >> 8) & 0xFF;
                            sum[2] += rgb & 0xFF;
                        }
                    }
                    next.setRGB(x, y, (clamp(sum[0] / 9.0) << 16) | (clamp(sum[1] / 9.0) << 8) | clamp(sum[2] / 9.0));
                }
            }
            current = next;
        }
        return current;
    }

    /** Additive Gaussian noise of standard deviation {@code sigma} per sample, clamped and rounded. */
    public static BufferedImage noisy(BufferedImage image, double sigma, long seed) {
        java.util.Random random = new java.util.Random(seed);
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = clamp(((rgb >> 16) & 0xFF) + sigma * random.nextGaussian());
                int g = clamp(((rgb >> 8) & 0xFF) + sigma * random.nextGaussian());
                int b = clamp((rgb & 0xFF) + sigma * random.nextGaussian());
                out.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return out;
    }

    /** Every sample replaced by 255 minus itself. */
    public static BufferedImage inverted(BufferedImage image) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                out.setRGB(x, y, ~image.getRGB(x, y) & 0xFFFFFF);
            }
        }
        return out;
    }

    /** A uniform image of one colour. */
    public static BufferedImage flat(int width, int height, int rgb) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    public static BufferedImage copy(BufferedImage image) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        out.getGraphics().drawImage(image, 0, 0, null);
        return out;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}

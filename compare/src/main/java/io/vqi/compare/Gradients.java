package io.vqi.compare;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Smooth gradients, the content every codec meets daily (a sky, a studio backdrop, a UI or illustration gradient)
 * and the one the VQ grid alone posterizes (issue 16): linear ramps in several hues and directions, the issue's
 * bilinear ramp, a radial gradient and a ramp with mild noise, at 512x512 and at the odd size 333x217. Generated, so
 * tests need no files; {@link #write} puts them as PNG files in a folder for {@code vqi compare --gradients} and
 * the other codecs.
 */
public final class Gradients {

    /** One generated gradient: its name (also its file name, without {@code .png}) and its pixels. */
    public record Gradient(String name, BufferedImage image) {
    }

    private Gradients() {
    }

    /** Every gradient of the set, in a fixed order. */
    public static List<Gradient> all() {
        List<Gradient> out = new ArrayList<>();
        for (int[] size : new int[][] {{512, 512}, {333, 217}}) {
            int w = size[0];
            int h = size[1];
            String s = "-" + w + "x" + h;
            out.add(new Gradient("bilinear" + s, bilinear(w, h)));
            out.add(new Gradient("sky" + s, linear(w, h, 0, 1, new int[] {178, 212, 240}, new int[] {32, 84, 160})));
            out.add(new Gradient("sunset" + s, linear(w, h, 1, 0, new int[] {40, 60, 150}, new int[] {250, 150, 60})));
            out.add(new Gradient("diagonal" + s, linear(w, h, 1, 1, new int[] {30, 160, 70}, new int[] {200, 40, 170})));
            out.add(new Gradient("radial" + s, radial(w, h)));
            out.add(new Gradient("noisy" + s, noisy(bilinear(w, h), 2.0, 7)));
        }
        return out;
    }

    /** Issue 16's ramp: R = 30 + 200x, G = 180 - 120y + 40xy, B = 230 - 90xy, x and y in 0..1. */
    public static BufferedImage bilinear(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double u = (double) x / (w - 1);
                double v = (double) y / (h - 1);
                img.setRGB(x, y, rgb(30 + 200 * u, 180 - 120 * v + 40 * u * v, 230 - 90 * u * v));
            }
        }
        return img;
    }

    /** From colour {@code a} to {@code b} along the direction (dx, dy). */
    public static BufferedImage linear(int w, int h, int dx, int dy, int[] a, int[] b) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        double norm = dx * (w - 1) + dy * (h - 1);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double t = (dx * x + dy * y) / norm;
                img.setRGB(x, y, rgb(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t));
            }
        }
        return img;
    }

    /** A warm centre fading to a dark blue edge, off-centre so no axis is a symmetry. */
    public static BufferedImage radial(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        double cx = 0.4 * w;
        double cy = 0.45 * h;
        double r = Math.hypot(Math.max(cx, w - cx), Math.max(cy, h - cy));
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double t = Math.hypot(x - cx, y - cy) / r;
                img.setRGB(x, y, rgb(245 - 215 * t, 200 - 160 * t, 120 - 40 * t));
            }
        }
        return img;
    }

    /** {@code base} plus seeded Gaussian noise of standard deviation {@code sigma} levels per channel. */
    public static BufferedImage noisy(BufferedImage base, double sigma, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int w = base.getWidth();
        int h = base.getHeight();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = base.getRGB(x, y);
                img.setRGB(x, y, rgb(((p >> 16) & 0xff) + sigma * gaussian(rnd),
                        ((p >> 8) & 0xff) + sigma * gaussian(rnd), (p & 0xff) + sigma * gaussian(rnd)));
            }
        }
        return img;
    }

    /** Box-Muller from a SplittableRandom: the same numbers on every JVM. */
    private static double gaussian(SplittableRandom rnd) {
        double u = 1 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * StrictMath.PI * v);
    }

    private static int rgb(double r, double g, double b) {
        return (clamp(r) << 16) | (clamp(g) << 8) | clamp(b);
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    /** Writes the set as PNG files ({@code <name>.png}) into {@code dir}, creating it. */
    public static void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Gradient g : all()) {
            ImageIO.write(g.image(), "png", dir.resolve(g.name() + ".png").toFile());
        }
    }
}

package io.vqi.testdata;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.File;
import java.io.IOException;
import java.util.Random;

/**
 * The project's own test images, drawn from code (so their terms are ours: CC0), with the structure a codec meets in
 * photographs: smooth gradients, hard edges, fine texture and noise. {@link #main} rewrites the PNGs under
 * {@code testdata/images/}; the files are committed, so tests never depend on the drawing
 * code's pixels staying the same across JDKs.
 */
public final class SyntheticImages {
    private SyntheticImages() {
    }

    /** A landscape: sky gradient, sun, layered hills with texture, a house, grain. */
    public static BufferedImage scene(int w, int h, long seed) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(70, 120, 200), 0, h * 0.6f, new Color(230, 200, 160)));
        g.fillRect(0, 0, w, h);
        g.setColor(new Color(255, 235, 150));
        g.fill(new Ellipse2D.Double(w * 0.7, h * 0.12, w * 0.12, w * 0.12));
        Random r = new Random(seed);
        Color[] hills = {new Color(90, 120, 80), new Color(60, 100, 55), new Color(40, 75, 40)};
        for (int layer = 0; layer < hills.length; layer++) {
            Polygon p = new Polygon();
            p.addPoint(0, h);
            double base = h * (0.5 + 0.13 * layer);
            double phase = r.nextDouble() * 6;
            for (int x = 0; x <= w; x += 4) {
                p.addPoint(x, (int) (base + h * 0.06 * Math.sin(x * 0.03 + phase) + h * 0.02 * Math.sin(x * 0.11)));
            }
            p.addPoint(w, h);
            g.setColor(hills[layer]);
            g.fill(p);
        }
        g.setColor(new Color(180, 60, 40));
        g.fillRect((int) (w * 0.2), (int) (h * 0.55), (int) (w * 0.14), (int) (h * 0.14));
        g.setColor(new Color(90, 50, 40));
        g.fillPolygon(new int[] {(int) (w * 0.18), (int) (w * 0.27), (int) (w * 0.36)},
                new int[] {(int) (h * 0.55), (int) (h * 0.45), (int) (h * 0.55)}, 3);
        g.setColor(new Color(250, 240, 200));
        g.fillRect((int) (w * 0.24), (int) (h * 0.59), (int) (w * 0.04), (int) (h * 0.04));
        g.setStroke(new BasicStroke(1.5f));
        g.setColor(new Color(30, 30, 30));
        for (int i = 0; i < 6; i++) {
            int x = (int) (w * (0.5 + 0.07 * i));
            g.drawLine(x, (int) (h * 0.62), x, (int) (h * 0.72));
        }
        g.dispose();
        WritableRaster raster = img.getRaster();
        int[] px = new int[3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                raster.getPixel(x, y, px);
                double texture = y > h * 0.6 ? 10 * Math.sin(x * 0.9 + y * 0.7) * Math.sin(y * 1.3) : 0;
                for (int c = 0; c < 3; c++) {
                    px[c] = clamp(px[c] + texture + r.nextGaussian() * 3);
                }
                raster.setPixel(x, y, px);
            }
        }
        return img;
    }

    public static BufferedImage gray(BufferedImage rgb) {
        BufferedImage g = new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < rgb.getHeight(); y++) {
            for (int x = 0; x < rgb.getWidth(); x++) {
                int p = rgb.getRGB(x, y);
                int v = (((p >> 16) & 0xff) * 299 + ((p >> 8) & 0xff) * 587 + (p & 0xff) * 114) / 1000;
                g.getRaster().setSample(x, y, 0, v);
            }
        }
        return g;
    }

    /** RGB plus an alpha ramp with a hole, to check that alpha survives exactly. */
    public static BufferedImage withAlpha(BufferedImage rgb) {
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double dx = x - w / 2.0;
                double dy = y - h / 2.0;
                int a = dx * dx + dy * dy < (h / 5.0) * (h / 5.0) ? 0 : Math.min(255, 40 + x * 215 / Math.max(1, w - 1));
                out.setRGB(x, y, (a << 24) | (rgb.getRGB(x, y) & 0xffffff));
            }
        }
        return out;
    }

    /** 16-bit grayscale, for the conversion-with-a-warning path. */
    public static BufferedImage gray16(BufferedImage rgb) {
        BufferedImage g8 = gray(rgb);
        BufferedImage out = new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_USHORT_GRAY);
        for (int y = 0; y < rgb.getHeight(); y++) {
            for (int x = 0; x < rgb.getWidth(); x++) {
                int v = g8.getRaster().getSample(x, y, 0);
                out.getRaster().setSample(x, y, 0, v * 257 + (x & 0xff) % 200);
            }
        }
        return out;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    public static void main(String[] args) throws IOException {
        File dir = new File(args.length > 0 ? args[0] : "testdata/images");
        dir.mkdirs();
        BufferedImage scene = scene(256, 192, 1);
        ImageIO.write(scene, "png", new File(dir, "scene-256x192.png"));
        ImageIO.write(scene(123, 77, 2), "png", new File(dir, "odd-123x77.png"));
        ImageIO.write(gray(scene(96, 64, 3)), "png", new File(dir, "gray-96x64.png"));
        ImageIO.write(withAlpha(scene(64, 48, 4)), "png", new File(dir, "rgba-64x48.png"));
        ImageIO.write(gray16(scene(40, 30, 5)), "png", new File(dir, "gray16-40x30.png"));
        ImageIO.write(scene(1, 1, 6), "png", new File(dir, "pixel-1x1.png"));
    }
}

package io.vqi.compare;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

/** Seeded, photo-like test images: smooth gradients, soft discs, a little texture and noise, so codecs behave. */
final class Synthetic {
    private Synthetic() {
    }

    static BufferedImage image(int width, int height, long seed) {
        Random rnd = new Random(seed);
        double[][] discs = new double[6][];
        for (int i = 0; i < discs.length; i++) {
            discs[i] = new double[]{rnd.nextDouble() * width, rnd.nextDouble() * height,
                    10 + rnd.nextDouble() * width / 4, rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256)};
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double r = 255.0 * x / width;
                double g = 255.0 * y / height;
                double b = 128 + 60 * Math.sin(x / 9.0) * Math.cos(y / 13.0);
                for (double[] d : discs) {
                    double dist = Math.hypot(x - d[0], y - d[1]);
                    double w = 1 / (1 + Math.exp((dist - d[2]) / 2.0));
                    r = r * (1 - w) + d[3] * w;
                    g = g * (1 - w) + d[4] * w;
                    b = b * (1 - w) + d[5] * w;
                }
                int noise = rnd.nextInt(9) - 4;
                img.setRGB(x, y, (clamp(r + noise) << 16) | (clamp(g + noise) << 8) | clamp(b + noise));
            }
        }
        return img;
    }

    static Path write(Path folder, String name, int width, int height, long seed) throws IOException {
        Path file = folder.resolve(name);
        ImageIO.write(image(width, height, seed), "png", file.toFile());
        return file;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}

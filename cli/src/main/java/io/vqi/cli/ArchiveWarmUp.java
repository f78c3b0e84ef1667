package io.vqi.cli;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Not a user command: the run the {@code vqi} launcher records its class-data archive from (AppCDS,
 * {@code -XX:DumpLoadedClassList}). It runs {@code compress}, {@code decompress} and {@code info} in-process on a
 * small generated picture, so the archive holds every class a real command loads (ND4J's and SameDiff's too), not
 * only those {@code --help} loads: a cold {@code vqi decompress} of a 500x500 file then parses about 3,300 fewer
 * classes (1.30 -> 1.18 s wall, median of 5, idle 2-core Xeon). Exits 0 only when all three commands succeeded.
 */
public final class ArchiveWarmUp {

    private ArchiveWarmUp() {
    }

    public static void main(String[] args) throws IOException {
        if (System.getProperty(Main.PLATFORM_EXTENSION) == null) {
            System.setProperty(Main.PLATFORM_EXTENSION, "-onednn");
        }
        System.exit(run());
    }

    /** 0 when compress, decompress and info all succeeded. */
    static int run() throws IOException {
        Path dir = Files.createTempDirectory("vqi-warm-up");
        int status;
        PrintStream out = System.out;
        try {
            Path png = dir.resolve("warm-up.png");
            ImageIO.write(picture(96, 72), "png", png.toFile());
            String vqi = dir.resolve("warm-up.vqi").toString();
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            status = run("compress", "--quiet", png.toString(), "-o", vqi)
                    | run("decompress", "--quiet", vqi, "-o", dir.resolve("decoded.png").toString())
                    | run("info", vqi);
        } finally {
            System.setOut(out);
            deleteTree(dir);
        }
        return status;
    }

    private static int run(String... args) {
        return VqiCli.newCommandLine(args).execute(args);
    }

    /** A smooth ramp with some texture, so the encoder takes its usual paths (refinement, planes). */
    static BufferedImage picture(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int texture = ((x * 7 + y * 13) % 11) * 6;
                int r = Math.min(255, 40 + 2 * x + texture);
                int g = Math.min(255, 30 + 2 * y + texture / 2);
                int b = Math.min(255, 200 - x - y / 2 + texture / 3);
                image.setRGB(x, y, (r << 16) | (g << 8) | Math.max(0, b));
            }
        }
        return image;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}

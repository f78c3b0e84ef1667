package io.vqi.train;

import io.vqi.core.InvalidOptionException;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Training images held in memory as planar RGB floats in [0, 1], and random crops of them.
 *
 * <p>Refuses any path with "kodak" in it: kodak24 is the benchmark, and a model that has seen it reports nothing.
 */
public final class ImageCorpus {

    /** One decoded image, planar RGB, {@code data[c * h * w + y * w + x]}. */
    public record Image(String name, int width, int height, float[] data) {
    }

    private final List<Image> images;
    private final int nativeFrom; // images from here on are the native-resolution ones (size(): none)

    private ImageCorpus(List<Image> images) {
        this(images, images.size());
    }

    private ImageCorpus(List<Image> images, int nativeFrom) {
        this.images = List.copyOf(images);
        this.nativeFrom = nativeFrom;
    }

    /**
     * This corpus and {@code natives} (images at their own resolution) as one, sampled half from each: a few large
     * photographs would otherwise be a few draws among hundreds of small images.
     */
    public ImageCorpus withNative(ImageCorpus natives) {
        List<Image> all = new ArrayList<>(images);
        all.addAll(natives.images);
        return new ImageCorpus(all, images.size());
    }

    /** How many of the images are native-resolution ones (see {@link #withNative}). */
    public int nativeCount() {
        return images.size() - nativeFrom;
    }

    /**
     * A random image's index: uniform over the images, or, with native-resolution images, uniform within the half
     * a fair coin picks.
     */
    public int pick(SplittableRandom rnd) {
        if (nativeCount() == 0) {
            return rnd.nextInt(images.size());
        }
        return rnd.nextBoolean() ? nativeFrom + rnd.nextInt(nativeCount()) : rnd.nextInt(nativeFrom);
    }

    public List<Image> images() {
        return images;
    }

    public int size() {
        return images.size();
    }

    /**
     * Loads every PNG/JPEG under the given files or folders: roots in the order given, files within a root sorted
     * by path, so the order (and the held-out split, taken from the end) is reproducible.
     */
    public static ImageCorpus load(List<Path> roots, int downscale, int minSide) throws IOException {
        refuseBenchmark(roots);
        List<Path> files = new ArrayList<>();
        for (Path root : roots) {
            List<Path> found = new ArrayList<>();
            if (Files.isDirectory(root)) {
                try (Stream<Path> s = Files.walk(root)) {
                    s.filter(Files::isRegularFile).filter(ImageCorpus::isImage).forEach(found::add);
                }
            } else if (Files.isRegularFile(root)) {
                found.add(root);
            } else {
                // NoSuchFileException: the CLI's "no input" (66), like any other missing input file.
                throw new NoSuchFileException(root.toString());
            }
            found.sort(Comparator.comparing(Path::toString));
            files.addAll(found);
        }
        List<Image> images = new ArrayList<>();
        for (Path f : files) {
            BufferedImage bi = ImageIO.read(f.toFile());
            if (bi == null) {
                throw new IOException("cannot decode training image " + f);
            }
            Image img = toPlanar(f.getFileName().toString(), bi);
            if (downscale > 1) {
                img = areaDownscale(img, downscale);
            }
            if (img.width() >= minSide && img.height() >= minSide) {
                images.add(img);
            }
        }
        if (images.isEmpty()) {
            throw new IOException("no usable training images (at least " + minSide + " px a side) under " + roots);
        }
        return new ImageCorpus(images);
    }

    /**
     * Refuses training data with "kodak" in its path; the option records call it, so that a run fails before it
     * starts.
     *
     * @throws InvalidOptionException naming the first such root
     */
    public static void refuseBenchmark(List<Path> roots) {
        refuseBenchmark("--data", roots);
    }

    /** As {@link #refuseBenchmark(List)}, for the roots of the named option. */
    public static void refuseBenchmark(String option, List<Path> roots) {
        for (Path root : roots) {
            if (root.toString().toLowerCase(Locale.ROOT).contains("kodak")) {
                throw new InvalidOptionException(option + " " + root + ": refusing to train on kodak24, the benchmark");
            }
        }
    }

    public static ImageCorpus of(List<Image> images) {
        return new ImageCorpus(images);
    }

    /**
     * Splits off the last {@code count} images (the end of the last root) as a fixed validation set; for a corpus
     * without native-resolution images.
     */
    public ImageCorpus[] split(int count) {
        if (nativeCount() > 0) {
            throw new IllegalStateException("split before adding native-resolution images");
        }
        int n = Math.max(0, Math.min(count, images.size() - 1));
        return new ImageCorpus[] {
                new ImageCorpus(images.subList(0, images.size() - n)),
                new ImageCorpus(images.subList(images.size() - n, images.size()))};
    }

    /** Fills {@code out} (NCHW, batch x 3 x crop x crop) with random crops, random horizontal flips. */
    public void randomBatch(SplittableRandom rnd, int batch, int crop, float[] out) {
        for (int b = 0; b < batch; b++) {
            Image img = images.get(pick(rnd));
            int x0 = rnd.nextInt(img.width() - crop + 1);
            int y0 = rnd.nextInt(img.height() - crop + 1);
            boolean flip = rnd.nextBoolean();
            copyCrop(img, x0, y0, crop, flip, out, b);
        }
    }

    /** Centre crops of the first {@code batch} images (cycling): a fixed batch to report progress on. */
    public void centreBatch(int batch, int crop, float[] out) {
        for (int b = 0; b < batch; b++) {
            Image img = images.get(b % images.size());
            copyCrop(img, (img.width() - crop) / 2, (img.height() - crop) / 2, crop, false, out, b);
        }
    }

    private static void copyCrop(Image img, int x0, int y0, int crop, boolean flip, float[] out, int b) {
        int plane = img.width() * img.height();
        int base = b * 3 * crop * crop;
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < crop; y++) {
                int src = c * plane + (y0 + y) * img.width() + x0;
                int dst = base + c * crop * crop + y * crop;
                if (flip) {
                    for (int x = 0; x < crop; x++) {
                        out[dst + x] = img.data()[src + crop - 1 - x];
                    }
                } else {
                    System.arraycopy(img.data(), src, out, dst, crop);
                }
            }
        }
    }

    static Image toPlanar(String name, BufferedImage bi) {
        int w = bi.getWidth();
        int h = bi.getHeight();
        int[] argb = bi.getRGB(0, 0, w, h, null, 0, w);
        float[] data = new float[3 * w * h];
        for (int i = 0; i < w * h; i++) {
            int p = argb[i];
            data[i] = ((p >> 16) & 0xff) / 255f;
            data[w * h + i] = ((p >> 8) & 0xff) / 255f;
            data[2 * w * h + i] = (p & 0xff) / 255f;
        }
        return new Image(name, w, h, data);
    }

    /** Area-average downscale; removes the JPEG artefacts of BSDS500 as learned-compression papers do. */
    static Image areaDownscale(Image img, int factor) {
        int w = img.width() / factor;
        int h = img.height() / factor;
        float[] out = new float[3 * w * h];
        float norm = 1f / (factor * factor);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float s = 0;
                    for (int dy = 0; dy < factor; dy++) {
                        int row = c * img.width() * img.height() + (y * factor + dy) * img.width() + x * factor;
                        for (int dx = 0; dx < factor; dx++) {
                            s += img.data()[row + dx];
                        }
                    }
                    out[c * w * h + y * w + x] = s * norm;
                }
            }
        }
        return new Image(img.name(), w, h, out);
    }

    /** The PNG and JPEG files directly in {@code folder}, sorted by name. */
    public static List<Path> listImages(Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(Files::isRegularFile).filter(ImageCorpus::isImage).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IOException("no PNG or JPEG images in " + folder);
        }
        return files;
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
    }
}

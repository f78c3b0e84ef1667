package io.vqi.train;

import io.vqi.image.ImageTensor;
import io.vqi.model.IndexGrid;
import io.vqi.model.VqVaeConfig;
import io.vqi.network.VqVaeModel;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The frozen base layer's index grid and picture of every training image, each also mirrored, computed once per run:
 * a refinement step then crops them instead of running the base encoder and decoder on every crop (measured: 0.60
 * against 0.74 s per step of the shipped layer, batch 8 of 128x128, one thread, after 71 s for the 44 MP of the
 * corpus and mirrors). The grid is the whole image's, as the codec computes it, so a crop's codes are what the
 * encoder gives there inside a picture (not at a crop's artificial border); crops are aligned to the 8-pixel cells.
 */
final class BaseCache {

    /** One image (or its mirror): pixels, its grid and the base layer's picture of the grid, {@code 0xRRGGBB}. */
    private record Entry(ImageCorpus.Image image, IndexGrid grid, int[] basePicture) {
    }

    private static final int WINDOW = 64;

    private final List<Entry> entries; // image i at 2i, its mirror at 2i + 1
    private final ImageCorpus corpus;

    private BaseCache(List<Entry> entries, ImageCorpus corpus) {
        this.entries = entries;
        this.corpus = corpus;
    }

    static BaseCache build(VqVaeModel model, ImageCorpus corpus, PrintStream log) {
        long start = System.nanoTime();
        List<Entry> entries = new ArrayList<>();
        long pixels = 0;
        for (ImageCorpus.Image img : corpus.images()) {
            for (ImageCorpus.Image view : List.of(img, mirrored(img))) {
                IndexGrid grid = model.encode(new ImageTensor(view.width(), view.height(), view.data()));
                entries.add(new Entry(view, grid, model.decodeRgb(grid, view.width(), view.height(), WINDOW)));
                pixels += (long) view.width() * view.height();
            }
        }
        log.printf(Locale.ROOT, "base layer of %d images and their mirrors (%.1f MP) in %.0f s%n",
                corpus.size(), pixels / 1e6, (System.nanoTime() - start) / 1e9);
        return new BaseCache(entries, corpus);
    }

    /**
     * Random cell-aligned crops of random images or mirrors: pixels into {@code x} (NCHW), their grids into
     * {@code indices} ({@code [batch][crop/8][crop/8]}) and the base pictures into {@code basePicture} (NCHW).
     */
    void randomBatch(SplittableRandom rnd, int batch, int crop, float[] x, long[] indices, float[] basePicture) {
        int f = VqVaeConfig.DOWNSAMPLING;
        int g = crop / f;
        int plane = crop * crop;
        for (int b = 0; b < batch; b++) {
            // Without native-resolution images, the draw runs before they existed did (same random sequence).
            Entry e = corpus.nativeCount() == 0 ? entries.get(rnd.nextInt(entries.size()))
                    : entries.get(2 * corpus.pick(rnd) + (rnd.nextBoolean() ? 1 : 0));
            ImageCorpus.Image img = e.image();
            int x0 = f * rnd.nextInt((img.width() - crop) / f + 1);
            int y0 = f * rnd.nextInt((img.height() - crop) / f + 1);
            int w = img.width();
            int h = img.height();
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < crop; y++) {
                    System.arraycopy(img.data(), c * w * h + (y0 + y) * w + x0, x, b * 3 * plane + c * plane + y * crop,
                            crop);
                }
            }
            for (int y = 0; y < crop; y++) {
                for (int xx = 0; xx < crop; xx++) {
                    int p = e.basePicture()[(y0 + y) * w + x0 + xx];
                    int o = b * 3 * plane + y * crop + xx;
                    basePicture[o] = ((p >> 16) & 0xff) / 255f;
                    basePicture[o + plane] = ((p >> 8) & 0xff) / 255f;
                    basePicture[o + 2 * plane] = (p & 0xff) / 255f;
                }
            }
            int cols = e.grid().cols();
            for (int r = 0; r < g; r++) {
                for (int c = 0; c < g; c++) {
                    indices[(b * g + r) * g + c] = e.grid().indices()[(y0 / f + r) * cols + x0 / f + c];
                }
            }
        }
    }

    /** The base layer's grids and pictures of fixed crops {@code x} (NCHW), each coded on its own. */
    static void ofCrops(VqVaeModel model, float[] x, int batch, int crop, long[] indices, float[] basePicture) {
        int plane = crop * crop;
        for (int b = 0; b < batch; b++) {
            float[] one = java.util.Arrays.copyOfRange(x, b * 3 * plane, (b + 1) * 3 * plane);
            IndexGrid grid = model.encode(new ImageTensor(crop, crop, one));
            for (int i = 0; i < grid.size(); i++) {
                indices[b * grid.size() + i] = grid.indices()[i];
            }
            float[] pic = ImageTensor.fromRgb(crop, crop, model.decodeRgb(grid, crop, crop, WINDOW)).data();
            System.arraycopy(pic, 0, basePicture, b * 3 * plane, 3 * plane);
        }
    }

    private static ImageCorpus.Image mirrored(ImageCorpus.Image img) {
        int w = img.width();
        int h = img.height();
        float[] out = new float[img.data().length];
        for (int row = 0; row < 3 * h; row++) {
            for (int x = 0; x < w; x++) {
                out[row * w + x] = img.data()[row * w + w - 1 - x];
            }
        }
        return new ImageCorpus.Image(img.name() + " (mirrored)", w, h, out);
    }
}

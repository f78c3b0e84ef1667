package io.vqi.train;

import io.vqi.image.ImageTensor;
import io.vqi.model.IndexGrid;
import io.vqi.model.ModelBundle;
import io.vqi.model.TestModels;
import io.vqi.model.VqVaeConfig;
import io.vqi.network.VqVaeModel;
import io.vqi.prior.PriorConfig;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole-image base layer a refinement run crops: aligned crops of the image, its grid and its picture. */
class BaseCacheTest {

    static final ModelBundle BASE = TestModels.randomWithPrior(VqVaeConfig.tiny(),
            PriorConfig.tiny(VqVaeConfig.tiny().codebookSize()), 41);

    @Test
    void cropsAreCellAlignedWindowsOfTheWholeImagesBaseLayer() {
        int w = 72;
        int h = 40;
        Random rnd = new Random(3);
        float[] data = new float[3 * w * h];
        for (int i = 0; i < data.length; i++) {
            data[i] = rnd.nextFloat();
        }
        ImageCorpus corpus = ImageCorpus.of(List.of(new ImageCorpus.Image("a", w, h, data)));
        VqVaeModel model = VqVaeModel.load(BASE);
        BaseCache cache = BaseCache.build(model, corpus, new PrintStream(new ByteArrayOutputStream()));
        IndexGrid grid = model.encode(new ImageTensor(w, h, data));
        float[] picture = ImageTensor.fromRgb(w, h, model.decodeRgb(grid, w, h, 64)).data();

        int crop = 16;
        int batch = 6;
        float[] x = new float[batch * 3 * crop * crop];
        long[] indices = new long[batch * 4];
        float[] base = new float[x.length];
        cache.randomBatch(new SplittableRandom(5), batch, crop, x, indices, base);
        int found = 0;
        for (int b = 0; b < batch; b++) {
            // find where the crop came from: an 8-aligned window of the image or of its mirror
            for (int y0 = 0; y0 + crop <= h; y0 += 8) {
                for (int x0 = 0; x0 + crop <= w; x0 += 8) {
                    if (x[b * 3 * crop * crop] == data[y0 * w + x0] && x[b * 3 * crop * crop + 1] == data[y0 * w + x0 + 1]) {
                        found++;
                        for (int r = 0; r < 2; r++) {
                            for (int c = 0; c < 2; c++) {
                                assertEquals(grid.indices()[(y0 / 8 + r) * grid.cols() + x0 / 8 + c],
                                        indices[b * 4 + r * 2 + c]);
                            }
                        }
                        for (int ch = 0; ch < 3; ch++) {
                            for (int y = 0; y < crop; y++) {
                                for (int xx = 0; xx < crop; xx++) {
                                    int o = b * 3 * crop * crop + ch * crop * crop + y * crop + xx;
                                    int i = ch * w * h + (y0 + y) * w + x0 + xx;
                                    assertEquals(data[i], x[o]);
                                    assertEquals(picture[i], base[o], 1e-6);
                                }
                            }
                        }
                    }
                }
            }
        }
        assertTrue(found > 0 && found < batch, "some crops from the image, some from its mirror: " + found);
    }
}

package io.vqi.network;

import io.vqi.image.ImageTensor;
import io.vqi.model.IndexGrid;
import io.vqi.model.ModelBundle;
import io.vqi.model.RefineBundle;
import io.vqi.model.Tensor;
import io.vqi.model.TestModels;
import io.vqi.model.VqVaeConfig;
import io.vqi.prior.PriorConfig;
import io.vqi.refine.RefineCoder;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A layer with lapped linear transforms ({@code refine.linearKernel=3}): the op-by-op decoder computes the graph's
 * floats, and a windowed decode (each window with its margin) joins without seams, though each cell's basis
 * functions now reach into its neighbours.
 */
class LappedLayerTest {

    static final ModelBundle MODEL = TestModels.randomWithPrior(VqVaeConfig.tiny(),
            PriorConfig.tiny(VqVaeConfig.tiny().codebookSize()), 23);
    static final RefineBundle LAYER = TestModels.randomLappedRefine(MODEL, 29);

    static ImageTensor image(int w, int h, long seed) {
        Random r = new Random(seed);
        float[] data = new float[3 * w * h];
        for (int i = 0; i < data.length; i++) {
            data[i] = r.nextFloat();
        }
        return new ImageTensor(w, h, data);
    }

    @Test
    void theLayerIsLapped() {
        assertEquals(3, LAYER.config().linearKernel());
        assertArrayEquals(new long[] {3, 3, LAYER.config().channels(), 192},
                LAYER.tensorMap().get("ref.lin.s.w").shape());
    }

    @Test
    void decoderGivesTheGraphsFloats() {
        ImageTensor img = image(40, 32, 1);
        IndexGrid grid = VqVaeModel.load(MODEL).encode(img);
        float[] latent = RefineModel.load(MODEL, LAYER).analyse(img, grid);
        Map<String, Tensor> tensors = new HashMap<>(MODEL.tensorMap());
        tensors.putAll(LAYER.tensorMap());
        float[] actual = new DecoderNet(MODEL.config(), LAYER.config(), tensors).decode(grid, latent);
        assertArrayEquals(DecoderNetTest.graphDecode(MODEL, LAYER, grid, latent), actual);
    }

    @Test
    void windowsJoinWithoutSeams() {
        ImageTensor img = image(72, 56, 2);
        IndexGrid grid = VqVaeModel.load(MODEL).encode(img);
        RefineModel model = RefineModel.load(MODEL, LAYER);
        RefineCoder coder = new RefineCoder(LAYER, MODEL);
        float[] latent = model.analyse(img, grid);
        float[] dequantised = coder.dequantise(coder.quantise(latent, grid, 2), grid, 2);
        int[] whole = model.decodeRgb(grid, dequantised, 72, 56, 1024);
        int[] windowed = model.decodeRgb(grid, dequantised, 72, 56, 2);
        int worst = 0;
        for (int i = 0; i < whole.length; i++) {
            for (int s = 0; s < 24; s += 8) {
                worst = Math.max(worst, Math.abs(((whole[i] >> s) & 255) - ((windowed[i] >> s) & 255)));
            }
        }
        assertTrue(worst <= 1, "windows of 2 cells differ from the one-piece decode by " + worst);
    }
}

package io.vqi.network;

import io.vqi.model.IndexGrid;
import io.vqi.model.TestModels;
import io.vqi.model.VqVaeConfig;
import io.vqi.image.ImageTensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class VqVaeModelTest {

    private static VqVaeModel model;

    @BeforeAll
    static void load() {
        model = VqVaeModel.load(TestModels.random(VqVaeConfig.tiny(), 5));
    }

    private static ImageTensor noise(int w, int h, long seed) {
        Random r = new Random(seed);
        float[] d = new float[3 * w * h];
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextFloat();
        }
        return new ImageTensor(w, h, d);
    }

    @ParameterizedTest
    @CsvSource({"1,1", "7,9", "8,8", "17,33", "64,48", "130,7"})
    void anySizeEncodesAndDecodesToItsOwnShape(int w, int h) {
        ImageTensor image = noise(w, h, w * 31L + h);
        IndexGrid grid = model.encode(image);
        assertEquals((h + 7) / 8, grid.rows());
        assertEquals((w + 7) / 8, grid.cols());
        ImageTensor back = model.decode(grid, w, h);
        assertEquals(w, back.width());
        assertEquals(h, back.height());
    }

    @ParameterizedTest
    @CsvSource({"23,17"})
    void encodeAndDecodeAreDeterministic(int w, int h) {
        ImageTensor image = noise(w, h, 99);
        IndexGrid a = model.encode(image);
        IndexGrid b = model.encode(image);
        assertArrayEquals(a.indices(), b.indices());
        assertArrayEquals(model.decode(a, w, h).data(), model.decode(b, w, h).data());
    }
}

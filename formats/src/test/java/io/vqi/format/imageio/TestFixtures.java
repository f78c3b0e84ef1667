package io.vqi.format.imageio;

import io.vqi.codec.model.ModelBundle;
import io.vqi.codec.model.TestModels;
import io.vqi.codec.model.VqVaeConfig;
import io.vqi.codec.prior.PriorConfig;
import io.vqi.format.VqiCodec;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Random tiny models (real graphs, meaningless pictures, milliseconds per image) and images coded with them. */
final class TestFixtures {

    static final ModelBundle MODEL = model(21);
    static final ModelBundle OTHER_MODEL = model(99);

    static final BufferedImage RGB_64 = image(64, 64, BufferedImage.TYPE_INT_RGB, 1);
    static final BufferedImage RGB_37x23 = image(37, 23, BufferedImage.TYPE_3BYTE_BGR, 2);
    static final BufferedImage GRAY_30x20 = image(30, 20, BufferedImage.TYPE_BYTE_GRAY, 3);

    static final byte[] RGB_64_FILE = compress(RGB_64, MODEL);
    static final byte[] RGB_37x23_FILE = compress(RGB_37x23, MODEL);
    static final byte[] GRAY_30x20_FILE = compress(GRAY_30x20, MODEL);

    private TestFixtures() {
    }

    static ModelBundle model(long seed) {
        return TestModels.randomWithPrior(VqVaeConfig.tiny(), PriorConfig.tiny(VqVaeConfig.tiny().codebookSize()),
                seed);
    }

    /** Smooth gradients plus noise: something between the flat and the random extremes. */
    static BufferedImage image(int w, int h, int type, long seed) {
        BufferedImage img = new BufferedImage(w, h, type);
        Random r = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int red = (x * 255 / Math.max(1, w - 1) + r.nextInt(32)) & 0xff;
                int green = (y * 255 / Math.max(1, h - 1) + r.nextInt(32)) & 0xff;
                int blue = ((x + y) * 4 + r.nextInt(32)) & 0xff;
                img.setRGB(x, y, (red << 16) | (green << 8) | blue);
            }
        }
        return img;
    }

    static byte[] compress(BufferedImage image, ModelBundle model) {
        try {
            return VqiCodec.compress(image, model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Same size, bands and samples. */
    static void assertSameSamples(Raster expected, Raster actual) {
        assertEquals(expected.getWidth(), actual.getWidth(), "width");
        assertEquals(expected.getHeight(), actual.getHeight(), "height");
        assertEquals(expected.getNumBands(), actual.getNumBands(), "bands");
        assertArrayEquals(expected.getPixels(expected.getMinX(), expected.getMinY(), expected.getWidth(),
                        expected.getHeight(), (int[]) null),
                actual.getPixels(actual.getMinX(), actual.getMinY(), actual.getWidth(), actual.getHeight(),
                        (int[]) null));
    }
}

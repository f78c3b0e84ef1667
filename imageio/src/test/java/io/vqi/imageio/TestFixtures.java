package io.vqi.imageio;

import io.vqi.model.ModelBundle;
import io.vqi.model.TestModels;
import io.vqi.model.VqVaeConfig;
import io.vqi.prior.PriorConfig;
import io.vqi.codec.VqiCodec;

import javax.imageio.IIOImage;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
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
    /** The file the plugin's writer, with {@link #MODEL}, writes for {@code image}. */
    static byte[] writeWithPlugin(IIOImage image) throws IOException {
        VqiImageWriter writer = new VqiImageWriter(new VqiImageWriterSpi());
        writer.setModels(List.of(MODEL));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, image, null);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    static void assertSameSamples(Raster expected, Raster actual) {
        assertEquals(expected.getWidth(), actual.getWidth(), "width");
        assertEquals(expected.getHeight(), actual.getHeight(), "height");
        assertEquals(expected.getNumBands(), actual.getNumBands(), "bands");
        assertArrayEquals(expected.getPixels(expected.getMinX(), expected.getMinY(), expected.getWidth(),
                        expected.getHeight(), (int[]) null),
                actual.getPixels(actual.getMinX(), actual.getMinY(), actual.getWidth(), actual.getHeight(),
                        (int[]) null));
    }

    /** A CMYK colour space (1 - C)(1 - K) = R and so on: enough for a type no VQI writer takes. */
    static final class NaiveCmyk extends java.awt.color.ColorSpace {
        private static final java.awt.color.ColorSpace SRGB = getInstance(CS_sRGB);

        NaiveCmyk() {
            super(TYPE_CMYK, 4);
        }

        @Override
        public float[] toRGB(float[] v) {
            return new float[] {(1 - v[0]) * (1 - v[3]), (1 - v[1]) * (1 - v[3]), (1 - v[2]) * (1 - v[3])};
        }

        @Override
        public float[] fromRGB(float[] rgb) {
            float k = 1 - Math.max(rgb[0], Math.max(rgb[1], rgb[2]));
            float d = k >= 1 ? 1 : 1 - k;
            return new float[] {(1 - rgb[0] - k) / d, (1 - rgb[1] - k) / d, (1 - rgb[2] - k) / d, k};
        }

        @Override
        public float[] toCIEXYZ(float[] v) {
            return SRGB.toCIEXYZ(toRGB(v));
        }

        @Override
        public float[] fromCIEXYZ(float[] xyz) {
            return fromRGB(SRGB.fromCIEXYZ(xyz));
        }
    }
}

package io.vqi.imageio;

import io.vqi.codec.ModelRegistry;

import io.vqi.format.AlphaChunk;
import io.vqi.format.ColorModel;
import io.vqi.format.IccChunk;
import io.vqi.image.ImagePlanes;
import io.vqi.codec.VqiCodec;
import io.vqi.format.VqiContainer;
import io.vqi.format.VqiContainerReader;
import org.junit.jupiter.api.Test;

import javax.imageio.IIOImage;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

import static io.vqi.imageio.TestFixtures.MODEL;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plugin keeps what the CLI keeps: alpha exactly (the {@code alph} chunk), gray as gray, samples in an ICC space
 * with their profile (the {@code iccp} chunk); and a file the plugin writes is the file {@link VqiCodec} writes.
 */
class AlphaAndProfileTest {
    private static final byte[] LINEAR_RGB = ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();

    private static byte[] write(BufferedImage image) throws IOException {
        return TestFixtures.writeWithPlugin(new IIOImage(image, null, null));
    }

    private static VqiImageReader reader(byte[] file) {
        VqiImageReader reader = new VqiImageReader(new VqiImageReaderSpi());
        reader.setModels(List.of(MODEL));
        ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(file));
        reader.setInput(in);
        return reader;
    }

    private static BufferedImage withAlpha(int type, int w, int h, long seed) {
        BufferedImage colour = TestFixtures.image(w, h, BufferedImage.TYPE_INT_RGB, seed);
        BufferedImage image = new BufferedImage(w, h, type);
        Random r = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int a = x < w / 3 ? 0 : x < 2 * w / 3 ? r.nextInt(256) : 255;
                image.setRGB(x, y, a << 24 | (colour.getRGB(x, y) & 0xffffff));
            }
        }
        return image;
    }

    private static byte[] alphaOf(BufferedImage image) {
        Raster alpha = image.getAlphaRaster();
        byte[] out = new byte[image.getWidth() * image.getHeight()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) alpha.getSample(i % image.getWidth(), i / image.getWidth(), 0);
        }
        return out;
    }

    private static VqiContainer container(byte[] file) throws IOException {
        return VqiContainerReader.read(file);
    }

    @Test
    void alphaIsWrittenAndReadBackExactly() throws IOException {
        for (int type : new int[] {BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_4BYTE_ABGR}) {
            BufferedImage image = withAlpha(type, 29, 17, type);
            assertTrue(new VqiImageWriterSpi().canEncodeImage(ImageTypeSpecifier.createFromRenderedImage(image)));
            byte[] file = write(image);
            assertArrayEquals(VqiCodec.compress(image, MODEL), file, "the plugin writes what VqiCodec writes");
            assertArrayEquals(alphaOf(image), AlphaChunk.read(container(file)).orElseThrow());

            BufferedImage back = reader(file).read(0);
            assertEquals(BufferedImage.TYPE_INT_ARGB, back.getType());
            assertArrayEquals(alphaOf(image), alphaOf(back));
        }
    }

    @Test
    void anOpaqueImageWithAnAlphaChannelHasNoAlphaChunk() throws IOException {
        BufferedImage opaque = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
        opaque.setRGB(0, 0, 16, 16, new int[256], 0, 16);
        for (int i = 0; i < 16; i++) {
            opaque.setRGB(i, i, 0xff000000 | i * 0x0f0f0f);
        }
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                opaque.setRGB(x, y, opaque.getRGB(x, y) | 0xff000000);
            }
        }
        byte[] file = write(opaque);
        assertFalse(AlphaChunk.isPresent(container(file)));
        assertEquals(BufferedImage.TYPE_INT_RGB, reader(file).read(0).getType());
    }

    @Test
    void theReaderOffersTheFilesOwnTypeFirst() throws IOException {
        BufferedImage grayAlpha = ImageTypeSpecifier.createGrayscale(8, java.awt.image.DataBuffer.TYPE_BYTE, false,
                false).createBufferedImage(20, 12);
        for (int y = 0; y < 12; y++) {
            for (int x = 0; x < 20; x++) {
                grayAlpha.getRaster().setSample(x, y, 0, x * 12);
                grayAlpha.getRaster().setSample(x, y, 1, y * 20);
            }
        }
        byte[] file = write(grayAlpha);
        assertEquals(ColorModel.GRAY, container(file).header().colorModel());
        ImageReader reader = reader(file);
        Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
        ImageTypeSpecifier first = types.next();
        assertEquals(2, first.getNumBands());
        assertTrue(first.getColorModel().hasAlpha());
        BufferedImage back = reader.read(0);
        assertEquals(2, back.getRaster().getNumBands());
        for (int y = 0; y < 12; y++) {
            for (int x = 0; x < 20; x++) {
                assertEquals(y * 20, back.getRaster().getSample(x, y, 1), "alpha at " + x + "," + y);
            }
        }
    }

    @Test
    void samplesInAnIccSpaceKeepTheirProfile() throws IOException {
        ICC_ColorSpace linear = new ICC_ColorSpace(ICC_Profile.getInstance(LINEAR_RGB));
        BufferedImage image = ImageTypeSpecifier.createInterleaved(linear, new int[] {0, 1, 2},
                java.awt.image.DataBuffer.TYPE_BYTE, false, false).createBufferedImage(24, 16);
        BufferedImage pattern = TestFixtures.image(24, 16, BufferedImage.TYPE_INT_RGB, 7);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 24; x++) {
                int p = pattern.getRGB(x, y);
                image.getRaster().setPixel(x, y, new int[] {p >> 16 & 0xff, p >> 8 & 0xff, p & 0xff});
            }
        }
        byte[] file = write(image);
        assertArrayEquals(LINEAR_RGB, IccChunk.read(container(file)).orElseThrow());
        BufferedImage back = reader(file).read(0);
        ICC_ColorSpace space = assertInstanceOf(ICC_ColorSpace.class, back.getColorModel().getColorSpace());
        assertArrayEquals(LINEAR_RGB, space.getProfile().getData());
        // The samples are the codec's (raw, not converted to sRGB on the way in or out).
        ImagePlanes planes = VqiCodec.decompressPlanes(file, ModelRegistry.of(List.of(MODEL), List.of(), true));
        int p = planes.rgb()[5];
        assertArrayEquals(new int[] {p >> 16 & 0xff, p >> 8 & 0xff, p & 0xff}, back.getRaster().getPixel(5, 0,
                (int[]) null));
    }

    @Test
    void sixteenBitGrayIsWrittenAsEightBitGray() throws IOException {
        BufferedImage deep = new BufferedImage(16, 8, BufferedImage.TYPE_USHORT_GRAY);
        for (int x = 0; x < 16; x++) {
            deep.getRaster().setSample(x, 3, 0, x * 4096);
        }
        byte[] file = write(deep);
        assertEquals(ColorModel.GRAY, container(file).header().colorModel());
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, reader(file).read(0).getType());
    }
}

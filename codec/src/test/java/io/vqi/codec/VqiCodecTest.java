package io.vqi.codec;

import io.vqi.core.CorruptStreamException;
import io.vqi.format.CodeChunk;
import io.vqi.format.ColorModel;
import io.vqi.image.ImagePlanes;
import io.vqi.format.MalformedContainerException;
import io.vqi.format.VqiContainer;
import io.vqi.format.VqiContainerReader;
import io.vqi.format.VqiContainerWriter;
import io.vqi.model.ModelBundle;
import io.vqi.model.TestModels;
import io.vqi.model.VqVaeConfig;
import io.vqi.prior.PriorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** End to end with a random (untrained) model: shapes, colour models, determinism and refusals. */
class VqiCodecTest {

    static final ModelBundle MODEL = TestModels.randomWithPrior(VqVaeConfig.tiny(),
            PriorConfig.tiny(VqVaeConfig.tiny().codebookSize()), 21);

    static BufferedImage image(int w, int h, int type, long seed) {
        BufferedImage img = new BufferedImage(w, h, type);
        Random r = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, r.nextInt(0x1000000));
            }
        }
        return img;
    }

    @ParameterizedTest
    @CsvSource({"1,1", "9,7", "64,40", "33,80"})
    void rgbRoundTripKeepsTheSize(int w, int h) throws IOException {
        byte[] file = VqiCodec.compress(image(w, h, BufferedImage.TYPE_INT_RGB, w + h), MODEL);
        VqiContainer c = VqiContainerReader.read(file);
        assertEquals(ColorModel.RGB, c.header().colorModel());
        assertEquals(MODEL.modelId(), c.header().model().id());
        BufferedImage back = VqiCodec.decompress(file, ModelRegistry.of(List.of(MODEL), List.of(), true));
        assertEquals(w, back.getWidth());
        assertEquals(h, back.getHeight());
    }

    /**
     * Issue 14, finding 3: a side beyond the header's 65535 was found only when the header was built, after the
     * encoder ran. A model without a prior would fail when the codec is made: the refusal comes first.
     */
    @ParameterizedTest
    @CsvSource({"1,100000", "65536,1"})
    void aSideLongerThanTheFormatHoldsIsRefusedBeforeTheEncoder(int w, int h) {
        ImagePlanes planes = new ImagePlanes(w, h, new int[w * h], null, false, null);
        ModelBundle noPrior = TestModels.random(VqVaeConfig.tiny(), 22);
        MalformedContainerException e = assertThrows(MalformedContainerException.class,
                () -> VqiCodec.compress(planes, noPrior));
        assertTrue(e.getMessage().contains("has a side longer than the 65535 pixels"), e.getMessage());
    }

    @Test
    void grayStaysGray() throws IOException {
        byte[] file = VqiCodec.compress(image(20, 12, BufferedImage.TYPE_BYTE_GRAY, 3), MODEL);
        assertEquals(ColorModel.GRAY, VqiContainerReader.read(file).header().colorModel());
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, VqiCodec.decompress(file, ModelRegistry.of(List.of(MODEL), List.of(), true)).getType());
    }

    @Test
    void compressionIsDeterministic() throws IOException {
        BufferedImage img = image(40, 24, BufferedImage.TYPE_INT_RGB, 4);
        assertArrayEquals(VqiCodec.compress(img, MODEL), VqiCodec.compress(img, MODEL));
    }

    /**
     * A container whose framing and CRCs are valid but whose CODE payload is not what the encoder wrote: cut short,
     * emptied, or replaced by noise. Decoding must end with the typed error or a wrong-but-complete image, never
     * hang or throw anything else.
     */
    @Test
    void validContainersWithBrokenPayloadsFailCleanly() throws IOException {
        byte[] file = VqiCodec.compress(image(64, 48, BufferedImage.TYPE_INT_RGB, 6), MODEL);
        VqiContainer c = VqiContainerReader.read(file);
        byte[] payload = c.code(0, 0).data();
        Random r = new Random(8);
        byte[] noise = new byte[payload.length];
        r.nextBytes(noise);
        List<byte[]> broken = List.of(new byte[0], java.util.Arrays.copyOf(payload, payload.length / 2), noise,
                new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        for (byte[] bad : broken) {
            VqiContainer forged = VqiContainer.ofCodes(c.header(), List.of(new CodeChunk(0, 0, bad)));
            byte[] forgedFile = VqiContainerWriter.toBytes(forged);
            try {
                BufferedImage img = VqiCodec.decompress(forgedFile, ModelRegistry.of(List.of(MODEL), List.of(), true));
                assertEquals(64, img.getWidth());
            } catch (io.vqi.core.CorruptStreamException expected) {
                assertTrue(expected.getMessage().startsWith("corrupt data at byte"), expected.getMessage());
            }
        }
    }

    @Test
    void aFileFromAnUnknownModelIsRefusedWithItsName() throws IOException {
        ModelBundle other = TestModels.randomWithPrior(VqVaeConfig.tiny(),
                PriorConfig.tiny(VqVaeConfig.tiny().codebookSize()), 99);
        byte[] file = VqiCodec.compress(image(16, 16, BufferedImage.TYPE_INT_RGB, 5), other);
        UnsupportedModelException e = assertThrows(UnsupportedModelException.class,
                () -> VqiCodec.decompress(file, ModelRegistry.of(List.of(MODEL), List.of(), true)));
        assertTrue(e.getMessage().contains(other.modelId()), e.getMessage());
    }
}

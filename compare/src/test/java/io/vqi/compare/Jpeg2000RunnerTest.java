package io.vqi.compare;

import io.vqi.metrics.Psnr;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Jpeg2000RunnerTest {

    @Test
    void filesLandJustUnderTheRequestedRate() throws IOException {
        BufferedImage image = Synthetic.image(200, 200, 3);
        double pixels = image.getWidth() * image.getHeight();
        try (Jpeg2000Runner j2k = new Jpeg2000Runner()) {
            double previousPsnr = 0;
            for (double rate : new double[]{0.05, 0.5, 2.0}) {
                byte[] file = j2k.encode(image, Setting.of(rate));
                double bpp = 8 * file.length / pixels;
                assertTrue(bpp <= rate * 1.02 && bpp >= rate * 0.85, "asked " + rate + " bpp, got " + bpp);
                BufferedImage back = j2k.decode(file);
                assertEquals(image.getWidth(), back.getWidth());
                double psnr = Psnr.of(image, back);
                assertTrue(psnr > previousPsnr, rate + " bpp: " + psnr + " dB after " + previousPsnr);
                previousPsnr = psnr;
            }
            // A packed-int input would come out near 20 dB whatever the rate: the runner must convert it.
            assertTrue(previousPsnr > 35, "2 bpp gave only " + previousPsnr + " dB");
        }
    }

    @Test
    void packedIntImagesAreConvertedBeforeEncoding() throws IOException {
        BufferedImage bytes = Synthetic.image(64, 64, 4);
        BufferedImage ints = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        ints.getGraphics().drawImage(bytes, 0, 0, null);
        try (Jpeg2000Runner j2k = new Jpeg2000Runner()) {
            assertTrue(Psnr.of(ints, j2k.decode(j2k.encode(ints, Setting.of(2.0)))) > 35);
        }
    }
}

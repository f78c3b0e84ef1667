package io.vqi.image;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ImageTensorTest {

    /** Regression: gray samples went through getRGB, which treats them as linear light (128 became 188). */
    @Test
    void graySamplesAreReadAsTheyAre() {
        BufferedImage gray = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(0, 0, 0, 0);
        gray.getRaster().setSample(1, 0, 0, 128);
        gray.getRaster().setSample(2, 0, 0, 255);
        ImageTensor t = ImageTensor.fromImage(gray);
        assertEquals(128 / 255f, t.data()[1]);
        assertEquals(128 / 255f, t.data()[3 + 1], "green plane");
        assertEquals(1f, t.data()[2]);
    }

    @Test
    void rgbRoundTripsExactly() {
        BufferedImage rgb = new BufferedImage(5, 4, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 20; i++) {
            rgb.setRGB(i % 5, i / 5, i * 0x0a0b0c);
        }
        BufferedImage back = ImageTensor.fromImage(rgb).toImage();
        for (int i = 0; i < 20; i++) {
            assertEquals(rgb.getRGB(i % 5, i / 5), back.getRGB(i % 5, i / 5));
        }
    }

    @Test
    void padReplicatesEdgesAndCropUndoesIt() {
        float[] d = new float[3 * 3 * 2];
        for (int i = 0; i < d.length; i++) {
            d[i] = i;
        }
        ImageTensor t = new ImageTensor(3, 2, d);
        ImageTensor p = t.padTo(8);
        assertEquals(8, p.width());
        assertEquals(8, p.height());
        assertEquals(d[2], p.data()[7], "last column replicated");
        assertEquals(d[5], p.data()[7 * 8 + 7], "last row and column replicated");
        assertEquals(java.util.Arrays.toString(d), java.util.Arrays.toString(p.crop(3, 2).data()));
    }
}

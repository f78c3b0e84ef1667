package io.vqi.image;

import org.junit.jupiter.api.Test;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ImagePlanes} to Java images and back is exact for every kind of plane set the format holds. */
class ImagePlanesTest {
    private static final byte[] LINEAR_RGB = ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();
    private static final byte[] GRAY = ICC_Profile.getInstance(ColorSpace.CS_GRAY).getData();

    private static ImagePlanes random(boolean gray, boolean alpha, byte[] icc, long seed) {
        Random r = new Random(seed);
        int[] rgb = new int[11 * 7];
        byte[] a = alpha ? new byte[rgb.length] : null;
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = gray ? r.nextInt(256) * 0x010101 : r.nextInt(1 << 24);
            if (a != null) {
                a[i] = (byte) (i == 0 ? 3 : r.nextInt(256));
            }
        }
        return new ImagePlanes(11, 7, rgb, a, gray, icc);
    }

    @Test
    void toImageThenOfIsExact() {
        for (boolean gray : new boolean[] {false, true}) {
            for (boolean alpha : new boolean[] {false, true}) {
                for (byte[] icc : new byte[][] {null, gray ? GRAY : LINEAR_RGB}) {
                    ImagePlanes planes = random(gray, alpha, icc, 5);
                    List<String> notes = new ArrayList<>();
                    ImagePlanes back = ImagePlanes.of(planes.toImage(), null, notes);
                    String what = "gray=" + gray + " alpha=" + alpha + " icc=" + (icc != null);
                    assertEquals(List.of(), notes, what);
                    assertEquals(gray, back.gray(), what);
                    assertArrayEquals(planes.rgb(), back.rgb(), what);
                    assertArrayEquals(planes.alpha(), back.alpha(), what);
                    assertArrayEquals(icc, back.icc(), what);
                }
            }
        }
    }

    @Test
    void onlyProfilesThatAreNotSrgbAreKept() {
        assertTrue(PlaneConversion.namesSrgb(ICC_Profile.getInstance(ColorSpace.CS_sRGB)));
        assertFalse(PlaneConversion.namesSrgb(ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB))); // "linear sRGB"
        assertFalse(PlaneConversion.namesSrgb(ICC_Profile.getInstance(ColorSpace.CS_GRAY)));
    }

    @Test
    void aProfileOfTheWrongKindIsNotAColourSpace() {
        assertTrue(random(true, false, LINEAR_RGB, 1).iccColorSpace().isEmpty());
        assertTrue(random(false, false, new byte[] {1, 2, 3}, 1).iccColorSpace().isEmpty());
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, random(true, false, LINEAR_RGB, 1).toImage().getType());
    }

    @Test
    void mismatchedPlanesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ImagePlanes(2, 2, new int[3], null, false, null));
        assertThrows(IllegalArgumentException.class, () -> new ImagePlanes(2, 2, new int[4], new byte[3], false,
                null));
    }

    @Test
    void aPaletteOfGraysIsGray() {
        BufferedImage paletteGray = new BufferedImage(4, 1, BufferedImage.TYPE_BYTE_BINARY);
        paletteGray.setRGB(1, 0, 0xffffff);
        ImagePlanes planes = ImagePlanes.of(paletteGray);
        assertTrue(planes.gray());
        assertNull(planes.alpha());
        assertEquals(0xffffff, planes.rgb()[1]);
    }
}

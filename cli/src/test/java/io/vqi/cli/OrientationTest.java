package io.vqi.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vqi.image.ImagePlanes;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** EXIF orientation: the APP1 parser, and the eight turns checked against compositions of two simple ones. */
class OrientationTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void readsTheOrientationTag(int orientation) throws IOException {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        assertEquals(orientation, Exif.orientation(Fixtures.jpegWithOrientation(image, orientation)));
    }

    @Test
    void anythingOddMeansUpright() throws IOException {
        byte[] good = Fixtures.jpegWithOrientation(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), 6);
        assertEquals(Exif.UPRIGHT, Exif.orientation(new byte[0]));
        assertEquals(Exif.UPRIGHT, Exif.orientation(new byte[] {(byte) 0xFF, (byte) 0xD8}));
        assertEquals(Exif.UPRIGHT, Exif.orientation("not a jpeg at all".getBytes()));
        assertEquals(Exif.UPRIGHT, Exif.orientation(Fixtures.jpegWithOrientation(
                new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), 9)));
        // Every truncation and every single corrupted byte: an answer in 1..8, never an exception.
        for (int i = 0; i < Math.min(good.length, 120); i++) {
            int cut = Exif.orientation(Arrays.copyOf(good, i));
            byte[] flipped = good.clone();
            flipped[i] ^= (byte) 0xA5;
            int corrupt = Exif.orientation(flipped);
            assertEquals(true, cut >= 1 && cut <= 8 && corrupt >= 1 && corrupt <= 8, "byte " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void eachOrientationIsItsCompositionOfMirrorAndQuarterTurns(int orientation) {
        int[][] stored = grid(5, 3); // 5 wide, 3 high, every value distinct
        int[][] expected = switch (orientation) {
            case 2 -> mirror(stored);
            case 3 -> turn(turn(stored));
            case 4 -> turn(turn(mirror(stored)));
            case 5 -> turn(turn(turn(mirror(stored))));
            case 6 -> turn(stored);
            case 7 -> turn(mirror(stored));
            case 8 -> turn(turn(turn(stored)));
            default -> stored;
        };
        byte[] alpha = new byte[15];
        int[] rgb = new int[15];
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 5; x++) {
                rgb[y * 5 + x] = stored[y][x];
                alpha[y * 5 + x] = (byte) stored[y][x];
            }
        }
        ImagePlanes turned = new ImagePlanes(5, 3, rgb, alpha, false, null).oriented(orientation);
        assertEquals(expected[0].length, turned.width());
        assertEquals(expected.length, turned.height());
        int[] flat = Arrays.stream(expected).flatMapToInt(Arrays::stream).toArray();
        assertArrayEquals(flat, turned.rgb());
        for (int i = 0; i < flat.length; i++) {
            assertEquals((byte) flat[i], turned.alpha()[i], "alpha follows the colour");
        }
    }

    private static int[][] grid(int width, int height) {
        int[][] g = new int[height][width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                g[y][x] = 10 * y + x + 1;
            }
        }
        return g;
    }

    /** Mirror left to right. */
    private static int[][] mirror(int[][] g) {
        int[][] m = new int[g.length][];
        for (int y = 0; y < g.length; y++) {
            m[y] = new int[g[y].length];
            for (int x = 0; x < g[y].length; x++) {
                m[y][x] = g[y][g[y].length - 1 - x];
            }
        }
        return m;
    }

    /** Turn a quarter clockwise: the bottom-left corner becomes the top-left. */
    private static int[][] turn(int[][] g) {
        int h = g.length;
        int w = g[0].length;
        int[][] t = new int[w][h];
        for (int y = 0; y < w; y++) {
            for (int x = 0; x < h; x++) {
                t[y][x] = g[h - 1 - x][y];
            }
        }
        return t;
    }
}

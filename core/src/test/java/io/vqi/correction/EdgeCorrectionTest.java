package io.vqi.correction;

import io.vqi.core.CorruptStreamException;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The edge strip (SPEC.md §5.2.8): its fit, its exact integer arithmetic, its coder and its refusals. */
class EdgeCorrectionTest {

    /**
     * What the base decoder's zero padding does to a ramp, roughly: in the outer four rows and columns an error
     * that changes slowly along each edge and differs from one depth to the next (larger one pixel in).
     */
    static int[] framed(int[] rgb, int w, int h) {
        int[] out = rgb.clone();
        int[] byDepth = {-8, -14, -7, -3};
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int d = Math.min(Math.min(x, y), Math.min(w - 1 - x, h - 1 - y));
                if (d >= byDepth.length) {
                    continue;
                }
                double along = Math.cos((x + y) / 70.0);
                int e = (int) Math.round(byDepth[d] * (0.6 + 0.4 * along));
                int p = out[y * w + x];
                int r = Math.max(0, Math.min(255, ((p >> 16) & 0xff) + e));
                int g = Math.max(0, Math.min(255, ((p >> 8) & 0xff) + e / 2));
                int b = Math.max(0, Math.min(255, (p & 0xff) - e));
                out[y * w + x] = (r << 16) | (g << 8) | b;
            }
        }
        return out;
    }

    @Test
    void aFramedRampGetsItsBorderBack() {
        int w = 333;
        int h = 217;
        int[] original = ColourCorrectionTest.ramp(w, h);
        int[] decoded = framed(original, w, h);
        EdgeCorrection.Choice choice = EdgeCorrection.choose(original, decoded, w, h, 1 / 4000.0);
        assertTrue(choice.isPresent());
        assertTrue(choice.strip().depth() >= 3, () -> "depth " + choice.strip().depth());
        int[] corrected = decoded.clone();
        EdgeCorrection.apply(choice.strip(), corrected, w, h);
        long after = EdgeCorrection.sse(original, corrected, null, w, h);
        assertEquals(choice.sseAfter(), after, "the choice measures what apply gives");
        assertTrue(after * 5 < choice.sseBefore(), () -> choice.sseBefore() + " -> " + after);
        assertTrue(choice.coded().length < 400, () -> choice.coded().length + " bytes");
        assertArrayEquals(choice.coded(), EdgeStripCoder.encode(choice.strip()));
    }

    @Test
    void aBorderNoWorseThanTheInsideGetsNothingAtALowLevelsPrice() {
        int w = 128;
        int h = 96;
        SplittableRandom rnd = new SplittableRandom(3);
        int[] original = new int[w * h];
        int[] decoded = new int[w * h];
        for (int i = 0; i < original.length; i++) {
            int v = rnd.nextInt(40, 200);
            original[i] = v * 0x010101;
            decoded[i] = (v + rnd.nextInt(-12, 13)) * 0x010101;
        }
        long border = EdgeCorrection.sse(original, decoded, null, w, h);
        assertFalse(EdgeCorrection.framesACleanPicture(original, decoded, w, h, border));
        assertFalse(EdgeCorrection.choose(original, decoded, w, h, 2.5e-4 / 3).isPresent());
    }

    /** The worked arithmetic of SPEC.md §5.2.8, by hand: 20x12, depth 2, nodes every 8 pixels, step 2. */
    @Test
    void applyIsTheSpecsIntegerArithmetic() {
        int w = 20;
        int h = 12;
        EdgeStrip strip = strip(w, h, 2, 3, 2, (edge, channel, d, node) -> {
            if (edge == EdgeStrip.TOP && d == 0) {
                return channel == 0 ? new int[] {2, 0, 4, 0}[node] : channel == 1 ? -1 : 0;
            }
            if (edge == EdgeStrip.LEFT && d == 0 && channel == 0) {
                return new int[] {1, 3, 0}[node];
            }
            return 0;
        });
        assertEquals(4, strip.across());
        assertEquals(3, strip.down());
        int[] rgb = new int[w * h];
        java.util.Arrays.fill(rgb, 0x646464);
        rgb[0] = 0xfe6464; // red 254: clamped
        EdgeCorrection.apply(strip, rgb, w, h);
        // (0, 0): top 8 x 2 + left 8 x 1 = 24 in R, so floor((2 x 2 x 24 + 8) / 16) = 6, 254 + 6 clamped to 255;
        // G: top 8 x -1 = -8, floor((4 x -8 + 8) / 16) = -2
        assertEquals(0xff6264, rgb[0]);
        // (4, 0): top 4 x 2 + 4 x 0 = 8: floor(40 / 16) = 2; G: 4 x -1 + 4 x -1 = -8: -2
        assertEquals(0x666264, rgb[4]);
        // (12, 0): 4 x 0 + 4 x 4 = 16: floor(72 / 16) = 4
        assertEquals(0x686264, rgb[12]);
        // (0, 4): left 4 x 1 + 4 x 3 = 16: 4; not in the top strip (depth 2)
        assertEquals(0x686464, rgb[4 * w]);
        // (0, 11): left's last segment, i0 = 1, f = 3: 5 x 3 + 3 x 0 = 15: floor(68 / 16) = 4 (bottom's values are 0)
        assertEquals(0x686464, rgb[11 * w]);
        // (1, 5): left depth 1 is all 0; (10, 6) is inside
        assertEquals(0x646464, rgb[5 * w + 1]);
        assertEquals(0x646464, rgb[6 * w + 10]);
        // (5, 1): top depth 1 is all 0
        assertEquals(0x646464, rgb[w + 5]);
    }

    @Test
    void aRegionGetsExactlyWhatTheWholeApplyGivesIt() {
        int w = 37;
        int h = 29;
        SplittableRandom rnd = new SplittableRandom(9);
        EdgeStrip strip = strip(w, h, 5, 3, 3, (edge, channel, d, node) -> rnd.nextInt(-6, 7));
        int[] image = new int[w * h];
        for (int i = 0; i < image.length; i++) {
            image[i] = rnd.nextInt(1 << 24);
        }
        int[] whole = image.clone();
        EdgeCorrection.apply(strip, whole, w, h);
        for (int[] r : List.of(new int[] {0, 0, w, h}, new int[] {3, 2, 10, 9}, new int[] {8, 8, 20, 12},
                new int[] {30, 20, 7, 9}, new int[] {0, 27, 37, 2}, new int[] {36, 0, 1, 29})) {
            int[] region = new int[r[2] * r[3]];
            for (int y = 0; y < r[3]; y++) {
                System.arraycopy(image, (r[1] + y) * w + r[0], region, y * r[2], r[2]);
            }
            EdgeCorrection.apply(strip, region, w, h, r[0], r[1], r[2], r[3]);
            for (int y = 0; y < r[3]; y++) {
                for (int x = 0; x < r[2]; x++) {
                    assertEquals(whole[(r[1] + y) * w + r[0] + x], region[y * r[2] + x],
                            "pixel (" + (r[0] + x) + ", " + (r[1] + y) + ")");
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> EdgeCorrection.apply(strip, new int[4], w, h, 36, 28, 2,
                2));
        assertThrows(IllegalArgumentException.class, () -> EdgeCorrection.apply(strip, new int[w * h], w + 8, h));
    }

    @Test
    void coderRoundTripsAndIsGolden() throws Exception {
        SplittableRandom rnd = new SplittableRandom(5);
        int w = 70;
        int h = 45;
        EdgeStrip strip = strip(w, h, 3, 4, 2, (edge, channel, d, node) -> rnd.nextInt(10) == 0
                ? rnd.nextInt(-ColourPlane.MAX_VALUE, ColourPlane.MAX_VALUE + 1) : rnd.nextInt(-3, 4));
        byte[] coded = EdgeStripCoder.encode(strip);
        EdgeStrip back = EdgeStripCoder.decode(coded, 0, coded.length, 3, 4, 2, w, h);
        assertArrayEquals(strip.values(), back.values());
        assertEquals(strip.across(), back.across());
        assertEquals(strip.down(), back.down());
        assertEquals(GOLDEN_CODED, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(coded)));
    }

    static final String GOLDEN_CODED = "a038ebde46a14a0c6ac9be63efd87d9c64b044ba47f8138c57c60cb3e9532a3e";

    @Test
    void damagedStreamsAreCorruptDataNeverAnotherException() {
        int w = 40;
        int h = 30;
        EdgeStrip strip = strip(w, h, 2, 3, 1, (edge, channel, d, node) -> 7);
        byte[] coded = EdgeStripCoder.encode(strip);
        assertThrows(CorruptStreamException.class, () -> EdgeStripCoder.decode(coded, 0, coded.length, 8, 3, 1,
                400, 300));
        SplittableRandom rnd = new SplittableRandom(1);
        for (int trial = 0; trial < 500; trial++) {
            byte[] junk = new byte[rnd.nextInt(1, 40)];
            for (int i = 0; i < junk.length; i++) {
                junk[i] = (byte) rnd.nextInt(256);
            }
            try {
                EdgeStripCoder.decode(junk, 0, junk.length, 2, 3, 1, w, h);
            } catch (CorruptStreamException expected) {
                // the only acceptable failure
            }
        }
    }

    @Test
    void outOfRangeStripsAreRefused() {
        int[] ok = new int[EdgeStrip.valueCount(1, 2, 2)];
        for (int[] bad : List.of(new int[] {0, 3, 1}, new int[] {9, 3, 1}, new int[] {1, 2, 1}, new int[] {1, 7, 1},
                new int[] {1, 3, 0}, new int[] {1, 3, 256})) {
            assertThrows(IllegalArgumentException.class, () -> new EdgeStrip(bad[0], bad[1], bad[2], 2, 2, ok),
                    java.util.Arrays.toString(bad));
            assertThrows(IllegalArgumentException.class, () -> EdgeStripCoder.decode(new byte[4], 0, 4, bad[0],
                    bad[1], bad[2], 8, 8), java.util.Arrays.toString(bad));
        }
        assertThrows(IllegalArgumentException.class, () -> new EdgeStrip(1, 3, 1, 2, 2, new int[ok.length + 1]));
        int[] tooLarge = ok.clone();
        tooLarge[3] = ColourPlane.MAX_VALUE + 1;
        assertThrows(IllegalArgumentException.class, () -> new EdgeStrip(1, 3, 1, 2, 2, tooLarge));
    }

    /** A node value of an edge, channel, depth and node. */
    private interface NodeValue {
        int at(int edge, int channel, int depth, int node);
    }

    private static EdgeStrip strip(int w, int h, int depth, int log2Spacing, int step, NodeValue value) {
        int across = ColourPlane.cells(w, log2Spacing);
        int down = ColourPlane.cells(h, log2Spacing);
        int[] v = new int[EdgeStrip.valueCount(depth, across, down)];
        for (int edge = 0; edge < 4; edge++) {
            int nodes = edge < EdgeStrip.LEFT ? across : down;
            for (int channel = 0; channel < 3; channel++) {
                for (int d = 0; d < depth; d++) {
                    for (int node = 0; node < nodes; node++) {
                        v[EdgeStrip.offset(depth, across, down, edge, channel, d) + node] =
                                value.at(edge, channel, d, node);
                    }
                }
            }
        }
        return new EdgeStrip(depth, log2Spacing, step, across, down, v);
    }
}

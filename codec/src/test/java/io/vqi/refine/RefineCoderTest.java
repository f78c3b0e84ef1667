package io.vqi.refine;

import io.vqi.model.IndexGrid;
import io.vqi.model.ModelBundle;
import io.vqi.model.RefineBundle;
import io.vqi.model.TestModels;
import io.vqi.model.VqVaeConfig;
import io.vqi.prior.PriorConfig;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pure-Java half of the refinement layer with a random tiny layer: scales, quantisation, coding. */
class RefineCoderTest {

    static final ModelBundle BASE = TestModels.randomWithPrior(VqVaeConfig.tiny(),
            PriorConfig.tiny(VqVaeConfig.tiny().codebookSize()), 21);
    static final RefineBundle LAYER = TestModels.randomRefine(BASE, 5);
    /** The first layer's kind: no context, zero means, one pass. */
    static final RefineBundle FIRST_KIND = TestModels.randomRefine(BASE, 5, false);
    /** The second layer's kind: the checkerboard, no slices. */
    static final RefineBundle CHECKERBOARD_KIND = TestModels.randomRefine(BASE, 5, true, new int[0]);
    /** Three slices per cell (cuts at 1 and 2 of each third of 9 channels). */
    static final RefineBundle THREE_SLICES = TestModels.randomRefine(BASE, 5, true, 1, 2);

    static IndexGrid grid(int rows, int cols, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] idx = new int[rows * cols];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = rnd.nextInt(BASE.config().codebookSize());
        }
        return new IndexGrid(rows, cols, BASE.config().codebookSize(), idx);
    }

    static float[] latent(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = (float) (rnd.nextGaussian() * 3);
        }
        return y;
    }

    @Test
    void roundTripAtEveryLevel() throws Exception {
        RefineCoder coder = new RefineCoder(LAYER, BASE);
        IndexGrid g = grid(7, 11, 1);
        float[] y = latent(coder.channels() * g.size(), 2);
        for (int level = 1; level <= coder.levels(); level++) {
            int[] q = coder.quantise(y, g, level);
            byte[] coded = coder.encode(g, q, level);
            assertArrayEquals(q, coder.decode(coded, 0, coded.length, g, level));
            assertArrayEquals(coded, coder.encodeLatent(y, g, level), "one walk codes what two do");
            assertArrayEquals(coder.dequantise(q, g, level), coder.decodeLatent(coded, 0, coded.length, g, level));
        }
    }

    @Test
    void higherLevelsSpendMoreBits() {
        RefineCoder coder = new RefineCoder(LAYER, BASE);
        IndexGrid g = grid(16, 16, 3);
        float[] y = latent(coder.channels() * g.size(), 4);
        int low = coder.encode(g, coder.quantise(y, g, 1), 1).length;
        int high = coder.encode(g, coder.quantise(y, g, 2), 2).length;
        assertTrue(high > low, () -> "level 2 " + high + " bytes, level 1 " + low);
    }

    /**
     * The scale network decides which CDF codes each value: its output for a fixed grid must be the same bits on
     * every machine, thread count and JIT state. This golden hash is what CrossJvmDeterminismTest-style runs
     * (-Xint, -XX:UseAVX=0, one thread) compare against.
     */
    @Test
    void scalesAreBitExact() throws Exception {
        assertEquals(GOLDEN_FIRST_KIND_HASH, tablesHash(new RefineCoder(FIRST_KIND, BASE)));
        assertEquals(GOLDEN_CONTEXT_HASH, tablesHash(new RefineCoder(CHECKERBOARD_KIND, BASE)));
        assertEquals(GOLDEN_SLICES_HASH, tablesHash(new RefineCoder(LAYER, BASE)));
        assertEquals(GOLDEN_THREE_SLICES_HASH, tablesHash(new RefineCoder(THREE_SLICES, BASE)));
    }

    /** The first layer's path, unchanged since it shipped (files of refine-2e1071a5 depend on it). */
    static final String GOLDEN_FIRST_KIND_HASH = "d8a377795d2f0e5d7bb1a8e0eed5039d8b65f541360c0511a5c200cfe6c5bc87";
    /** The checkerboard path, unchanged since refine-a595365e shipped. */
    static final String GOLDEN_CONTEXT_HASH = "75850fe6983ac08d02d4e4ec9c720e11c1a4f0b4b79c21036f3884cee888ad5c";
    /** Two slices, unchanged since refine-1b220a40 shipped. */
    static final String GOLDEN_SLICES_HASH = "094d6f0eb19f85426d8cd04584593d5f36c1c597625e44e11eaa434df6e41e5c";
    static final String GOLDEN_THREE_SLICES_HASH = "9779ad66a64f69b34aa499cebaea6f8219b122c1ad2fd11e3d52500d9cfd6ead";

    /** Tables, integers, dequantised latent and coded bytes of a fixed latent at every level. */
    static String tablesHash(RefineCoder coder) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        IndexGrid g = grid(33, 21, 9);
        float[] y = latent(coder.channels() * g.size(), 10);
        for (int level = 1; level <= coder.levels(); level++) {
            int[] q = coder.quantise(y, g, level);
            md.update(coder.tables(g, q, level));
            if (coder.layer().config().context()) {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 * q.length);
                for (int i = 0; i < q.length; i++) {
                    b.putInt(q[i]).putFloat(coder.dequantise(q, g, level)[i]);
                }
                md.update(b.array());
                md.update(coder.encode(g, q, level));
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** The decoder knows the first pass's tables before it reads any integer: they cannot depend on the second's. */
    @Test
    void firstPassTablesDoNotDependOnTheSecondPass() {
        Quantised fixture = quantised(6, 11, 12, 1);
        RefineCoder coder = fixture.coder();
        IndexGrid g = fixture.grid();
        int[] q = fixture.q();
        byte[] before = coder.tables(g, q, 1);
        int[] changed = q.clone();
        for (int c = 0; c < coder.channels(); c++) {
            changed[c * g.size() + 1] += 5; // cell (0, 1): second pass
        }
        byte[] after = coder.tables(g, changed, 1);
        for (int c = 0; c < coder.channels(); c++) {
            for (int cell = 0; cell < g.size(); cell++) {
                int r = cell / g.cols();
                int col = cell % g.cols();
                if ((r + col) % 2 == 0) {
                    assertEquals(before[c * g.size() + cell], after[c * g.size() + cell]);
                }
            }
        }
    }

    /** The second pass reads its context: changing a first-pass cell changes its neighbours' tables. */
    @Test
    void secondPassTablesSeeTheFirstPass() {
        RefineCoder coder = new RefineCoder(LAYER, BASE);
        IndexGrid g = grid(6, 6, 11);
        int[] q = coder.quantise(latent(coder.channels() * g.size(), 12), g, 1);
        byte[] before = coder.tables(g, q, 1);
        int[] changed = q.clone();
        for (int c = 0; c < coder.channels(); c++) {
            changed[c * g.size() + 7] += 9; // cell (1, 1): first pass; (1, 2) is its neighbour
        }
        byte[] after = coder.tables(g, changed, 1);
        boolean differs = false;
        for (int c = 0; c < coder.channels(); c++) {
            differs |= before[c * g.size() + 8] != after[c * g.size() + 8];
        }
        assertTrue(differs, "cell (1, 2)'s tables ignore its decoded neighbour");
    }

    /**
     * Within a cell the slices are decoded one after the other: a slice's tables cannot depend on a later slice's
     * integers, of this cell or any other (on the first pass, where no context reads them).
     */
    @Test
    void sliceTablesDoNotDependOnLaterSlices() {
        for (RefineBundle layer : new RefineBundle[] {LAYER, THREE_SLICES}) {
            RefineCoder coder = new RefineCoder(layer, BASE);
            IndexGrid g = grid(6, 6, 15);
            int[] q = coder.quantise(latent(coder.channels() * g.size(), 16), g, 1);
            byte[] before = coder.tables(g, q, 1);
            for (int slice = 0; slice + 1 < layer.config().sliceCount(); slice++) {
                int[] changed = q.clone();
                for (int c = 0; c < coder.channels(); c++) {
                    if (layer.config().slice(c) > slice) {
                        for (int cell = 0; cell < g.size(); cell++) {
                            changed[c * g.size() + cell] += 7;
                        }
                    }
                }
                byte[] after = coder.tables(g, changed, 1);
                for (int c = 0; c < coder.channels(); c++) {
                    for (int cell = 0; cell < g.size() && layer.config().slice(c) <= slice; cell++) {
                        boolean firstPass = (cell / g.cols() + cell % g.cols()) % 2 == 0;
                        if (firstPass) {
                            assertEquals(before[c * g.size() + cell], after[c * g.size() + cell]);
                        }
                    }
                }
            }
        }
    }

    /** A later slice reads the earlier ones: changing a first-pass cell's slice changes the next slices' tables. */
    @Test
    void laterSliceTablesSeeEarlierSlices() {
        for (RefineBundle layer : new RefineBundle[] {LAYER, THREE_SLICES}) {
            RefineCoder coder = new RefineCoder(layer, BASE);
            IndexGrid g = grid(6, 6, 17);
            int[] q = coder.quantise(latent(coder.channels() * g.size(), 18), g, 1);
            byte[] before = coder.tables(g, q, 1);
            for (int slice = 0; slice + 1 < layer.config().sliceCount(); slice++) {
                int[] changed = q.clone();
                for (int c = 0; c < coder.channels(); c++) {
                    if (layer.config().slice(c) == slice) {
                        changed[c * g.size() + 14] += 9; // cell (2, 2): first pass
                    }
                }
                byte[] after = coder.tables(g, changed, 1);
                for (int later = slice + 1; later < layer.config().sliceCount(); later++) {
                    boolean differs = false;
                    for (int c = 0; c < coder.channels(); c++) {
                        differs |= layer.config().slice(c) == later
                                && before[c * g.size() + 14] != after[c * g.size() + 14];
                    }
                    int s = slice;
                    int l = later;
                    assertTrue(differs, () -> "cell (2, 2)'s slice " + l + " ignores slice " + s);
                }
            }
        }
    }

    @Test
    void threeSlicesRoundTrip() throws Exception {
        RefineCoder coder = new RefineCoder(THREE_SLICES, BASE);
        IndexGrid g = grid(5, 9, 21);
        float[] y = latent(coder.channels() * g.size(), 22);
        for (int level = 1; level <= coder.levels(); level++) {
            int[] q = coder.quantise(y, g, level);
            byte[] coded = coder.encode(g, q, level);
            assertArrayEquals(q, coder.decode(coded, 0, coded.length, g, level));
            assertArrayEquals(coded, coder.encodeLatent(y, g, level));
        }
    }

    @Test
    void checkerboardKindRoundTrips() throws Exception {
        RefineCoder coder = new RefineCoder(CHECKERBOARD_KIND, BASE);
        IndexGrid g = grid(5, 9, 19);
        float[] y = latent(coder.channels() * g.size(), 20);
        int[] q = coder.quantise(y, g, 2);
        byte[] coded = coder.encode(g, q, 2);
        assertArrayEquals(q, coder.decode(coded, 0, coded.length, g, 2));
    }

    @Test
    void firstKindRoundTripsAndRequantises() throws Exception {
        RefineCoder coder = new RefineCoder(FIRST_KIND, BASE);
        IndexGrid g = grid(5, 9, 13);
        float[] y = latent(coder.channels() * g.size(), 14);
        int[] q = coder.quantise(y, g, 2);
        byte[] coded = coder.encode(g, q, 2);
        assertArrayEquals(q, coder.decode(coded, 0, coded.length, g, 2));
        assertArrayEquals(coder.quantise(coder.dequantise(q, g, 2), g, 1), coder.requantise(q, g, 2, 1));
    }

    @Test
    void codedSizeIsWithinHalfAPercentOfTheCrossEntropy() {
        RefineCoder coder = new RefineCoder(LAYER, BASE);
        IndexGrid g = grid(64, 64, 5);
        float[] y = latent(coder.channels() * g.size(), 6);
        for (int level = 1; level <= coder.levels(); level++) {
            int[] q = coder.quantise(y, g, level);
            double ideal = coder.crossEntropyBits(g, q, level);
            long coded = 8L * coder.encode(g, q, level).length;
            int l = level;
            assertTrue(coded <= ideal * 1.005 + 64 && coded >= ideal - 64,
                    () -> "level " + l + ": coded " + coded + " bits, cross-entropy " + ideal);
        }
    }

    @Test
    void requantiseToALowerLevelIsWhatTheDecoderCouldDo() {
        Quantised at2 = quantised(4, 7, 8, 2);
        int[] q1 = at2.coder().requantise(at2.q(), at2.grid(), 2, 1);
        assertArrayEquals(at2.coder().quantise(at2.coder().dequantise(at2.q(), at2.grid(), 2), at2.grid(), 1), q1);
    }

    @Test
    void aLayerOfAnotherBaseIsRefused() {
        ModelBundle other = TestModels.randomWithPrior(VqVaeConfig.tiny(),
                PriorConfig.tiny(VqVaeConfig.tiny().codebookSize()), 22);
        assertThrows(IllegalArgumentException.class, () -> new RefineCoder(LAYER, other));
    }

    @Test
    void levelsOutsideTheLayerAreRefused() {
        RefineCoder coder = new RefineCoder(LAYER, BASE);
        IndexGrid g = grid(2, 2, 1);
        int[] q = new int[coder.channels() * g.size()];
        assertThrows(IllegalArgumentException.class, () -> coder.tables(g, q, 0));
        assertThrows(IllegalArgumentException.class, () -> coder.tables(g, q, coder.levels() + 1));
    }

    /** A square grid's random latent quantised at {@code level}, with the coder that did it. */
    private record Quantised(RefineCoder coder, IndexGrid grid, int[] q) {
    }

    private static Quantised quantised(int side, long gridSeed, long latentSeed, int level) {
        RefineCoder coder = new RefineCoder(LAYER, BASE);
        IndexGrid g = grid(side, side, gridSeed);
        return new Quantised(coder, g, coder.quantise(latent(coder.channels() * g.size(), latentSeed), g, level));
    }
}

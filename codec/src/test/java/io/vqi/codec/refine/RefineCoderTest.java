package io.vqi.codec.refine;

import io.vqi.codec.model.IndexGrid;
import io.vqi.codec.model.ModelBundle;
import io.vqi.codec.model.RefineBundle;
import io.vqi.codec.model.TestModels;
import io.vqi.codec.model.VqVaeConfig;
import io.vqi.codec.prior.PriorConfig;
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
            int[] q = coder.quantise(y, g.size(), level);
            byte[] coded = coder.encode(g, q, level);
            assertArrayEquals(q, coder.decode(coded, 0, coded.length, g, level));
        }
    }

    @Test
    void higherLevelsSpendMoreBits() {
        RefineCoder coder = new RefineCoder(LAYER, BASE);
        IndexGrid g = grid(16, 16, 3);
        float[] y = latent(coder.channels() * g.size(), 4);
        int low = coder.encode(g, coder.quantise(y, g.size(), 1), 1).length;
        int high = coder.encode(g, coder.quantise(y, g.size(), 2), 2).length;
        assertTrue(high > low, () -> "level 2 " + high + " bytes, level 1 " + low);
    }

    /**
     * The scale network decides which CDF codes each value: its output for a fixed grid must be the same bits on
     * every machine, thread count and JIT state. This golden hash is what CrossJvmDeterminismTest-style runs
     * (-Xint, -XX:UseAVX=0, one thread) compare against.
     */
    @Test
    void scalesAreBitExact() throws Exception {
        RefineCoder coder = new RefineCoder(LAYER, BASE);
        assertEquals(GOLDEN_TABLES_HASH, tablesHash(coder));
    }

    static final String GOLDEN_TABLES_HASH = "d8a377795d2f0e5d7bb1a8e0eed5039d8b65f541360c0511a5c200cfe6c5bc87";

    static String tablesHash(RefineCoder coder) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        IndexGrid g = grid(33, 21, 9);
        for (int level = 1; level <= coder.levels(); level++) {
            md.update(coder.tables(g, level));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    void codedSizeIsWithinHalfAPercentOfTheCrossEntropy() {
        RefineCoder coder = new RefineCoder(LAYER, BASE);
        IndexGrid g = grid(64, 64, 5);
        float[] y = latent(coder.channels() * g.size(), 6);
        for (int level = 1; level <= coder.levels(); level++) {
            int[] q = coder.quantise(y, g.size(), level);
            double ideal = coder.crossEntropyBits(g, q, level);
            long coded = 8L * coder.encode(g, q, level).length;
            int l = level;
            assertTrue(coded <= ideal * 1.005 + 64 && coded >= ideal - 64,
                    () -> "level " + l + ": coded " + coded + " bits, cross-entropy " + ideal);
        }
    }

    @Test
    void requantiseToALowerLevelIsWhatTheDecoderCouldDo() {
        RefineCoder coder = new RefineCoder(LAYER, BASE);
        IndexGrid g = grid(4, 4, 7);
        float[] y = latent(coder.channels() * g.size(), 8);
        int[] q2 = coder.quantise(y, g.size(), 2);
        int[] q1 = coder.requantise(q2, g.size(), 2, 1);
        assertArrayEquals(coder.quantise(coder.dequantise(q2, g.size(), 2), g.size(), 1), q1);
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
        assertThrows(IllegalArgumentException.class, () -> coder.tables(g, 0));
        assertThrows(IllegalArgumentException.class, () -> coder.tables(g, coder.levels() + 1));
    }
}

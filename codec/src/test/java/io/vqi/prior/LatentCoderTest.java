package io.vqi.prior;

import io.vqi.core.CorruptStreamException;
import io.vqi.entropy.QuantizedCdf;
import io.vqi.model.IndexGrid;
import io.vqi.model.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class LatentCoderTest {

    private static final PriorConfig CONFIG = new PriorConfig(64, 6, 12, 2, 5);

    private static PixelCnnPrior prior(long seed) {
        return new PixelCnnPrior(CONFIG, TestModels.randomPrior(CONFIG, seed));
    }

    /** Grids with structure (so the prior's CDFs are far from uniform for some symbols) plus noise. */
    private static IndexGrid grid(int rows, int cols, long seed) {
        Random r = new Random(seed);
        int[] idx = new int[rows * cols];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = r.nextInt(4) == 0 ? r.nextInt(CONFIG.alphabet()) : (i / cols + i % cols) % 8;
        }
        return new IndexGrid(rows, cols, CONFIG.alphabet(), idx);
    }

    @ParameterizedTest
    @CsvSource({"1,1", "1,7", "5,1", "3,4", "17,13", "32,48"})
    void roundTripRestoresTheGrid(int rows, int cols) throws CorruptStreamException {
        LatentCoder coder = new LatentCoder(prior(1));
        IndexGrid g = grid(rows, cols, rows * 100L + cols);
        byte[] payload = coder.encode(g);
        assertArrayEquals(g.indices(), coder.decode(payload, rows, cols).indices());
    }

    @Test
    void encoderAndDecoderSeeTheSameCdfAtEveryPosition() throws CorruptStreamException {
        LatentCoder coder = new LatentCoder(prior(2));
        IndexGrid g = grid(12, 10, 3);
        List<QuantizedCdf> enc = new ArrayList<>();
        List<QuantizedCdf> dec = new ArrayList<>();
        byte[] payload = coder.encode(g, (pos, cdf, sym) -> enc.add(cdf));
        coder.decode(payload, 0, payload.length, 12, 10, (pos, cdf, sym) -> dec.add(cdf));
        assertEquals(enc, dec);
    }

    @Test
    void wholeGridEvaluationMatchesTheIncrementalOneWithAnyThreadCount() {
        PixelCnnPrior p = prior(3);
        IndexGrid g = grid(9, 14, 11);
        float[] incremental = new float[CONFIG.alphabet()];
        float[] whole = new float[CONFIG.alphabet()];
        for (int threads : new int[] {1, 2, 3, 8}) {
            PixelCnnPrior.Streams streams = p.streams(g.rows(), g.cols(), g.indices(), threads);
            PixelCnnPrior.Session s = p.session(g.rows(), g.cols());
            for (int pos = 0; pos < g.size(); pos++) {
                s.logits(pos / g.cols(), pos % g.cols(), incremental);
                streams.logits(pos, whole);
                assertArrayEquals(incremental, whole, "position " + pos + " with " + threads + " threads");
                s.set(pos / g.cols(), pos % g.cols(), g.indices()[pos]);
            }
        }
    }

    @Test
    void codedSizeIsWithinHalfAPercentOfTheCrossEntropy() {
        LatentCoder coder = new LatentCoder(prior(4));
        IndexGrid g = grid(96, 64, 5);
        double[] bits = {0};
        byte[] payload = coder.encode(g, (pos, cdf, sym) ->
                bits[0] -= Math.log((double) cdf.frequency(sym) / cdf.total()) / Math.log(2));
        double ideal = bits[0] / 8;
        assertTrue(payload.length <= ideal * 1.005 + 8, payload.length + " bytes vs ideal " + ideal);
        assertTrue(payload.length >= ideal - 1, "cannot beat the entropy: " + payload.length + " vs " + ideal);
    }

    @Test
    void decodingPastTheEndOfATruncatedPayloadFails() {
        LatentCoder coder = new LatentCoder(prior(6));
        byte[] payload = coder.encode(grid(40, 40, 7));
        byte[] truncated = java.util.Arrays.copyOf(payload, payload.length / 3);
        assertThrows(CorruptStreamException.class, () -> coder.decode(truncated, 40, 40));
    }

    @Test
    void theSamePriorGivesTheSameBytes() {
        IndexGrid g = grid(20, 30, 8);
        assertArrayEquals(new LatentCoder(prior(9)).encode(g), new LatentCoder(prior(9)).encode(g));
    }

    /**
     * Issue 14, finding 1: a session over the 1024 x 1944 grid a 138-byte file declared allocated (layers + 1) x
     * cells x channels floats (about 20 bytes a pixel with the default prior) before its first symbol. The masks
     * reach a few rows up, so the session needs only those rows, whatever the height.
     */
    @Test
    void sessionForAHugeDeclaredGridKeepsOnlyTheRowsTheMasksReach() {
        PixelCnnPrior p = prior(10);
        p.session(1, 1); // loads the classes outside the measurement
        long before = allocatedBytes();
        PixelCnnPrior.Session s = p.session(HUGE_ROWS, HUGE_COLS);
        long allocated = allocatedBytes() - before;
        long rowBytes = (long) HUGE_COLS * (CONFIG.layers() + 1) * CONFIG.channels() * Float.BYTES;
        assertTrue(allocated < 4 * rowBytes, "a " + HUGE_ROWS + " x " + HUGE_COLS + " session allocated "
                + allocated + " bytes; one row of every stream is " + rowBytes);
        s.logits(0, 0, new float[CONFIG.alphabet()]);
        s.set(0, 0, 1);
    }

    /** Issue 14, finding 1: the payload of a 1 x 1 image, declared as a huge grid, fails on its codes, cheaply. */
    @Test
    void tinyPayloadDeclaringAHugeGridFailsOnItsCodesWithoutClaimingTheGrid() throws CorruptStreamException {
        LatentCoder coder = new LatentCoder(prior(11));
        byte[] payload = coder.encode(grid(1, 1, 12));
        assertEquals(1, coder.decode(payload, 1, 1).size());
        long before = allocatedBytes();
        assertThrows(CorruptStreamException.class, () -> coder.decode(payload, HUGE_ROWS, HUGE_COLS));
        long allocated = allocatedBytes() - before;
        long grid = (long) HUGE_ROWS * HUGE_COLS;
        assertTrue(allocated < grid, "decoding " + payload.length + " bytes allocated " + allocated
                + " bytes, more than one byte per declared cell (" + grid + ")");
    }

    /** The grid of issue 14's hostile file: a 15551 x 8192 image at f = 8. */
    private static final int HUGE_ROWS = 1024;
    private static final int HUGE_COLS = 1944;

    /** Bytes this thread has allocated so far (HotSpot's counter); the tests that use it need it. */
    private static long allocatedBytes() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
                && bean.isThreadAllocatedMemorySupported(), "per-thread allocation counter unavailable");
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        bean.setThreadAllocatedMemoryEnabled(true);
        return bean.getCurrentThreadAllocatedBytes();
    }
}

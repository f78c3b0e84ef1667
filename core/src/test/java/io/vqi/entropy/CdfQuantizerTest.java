package io.vqi.entropy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CdfQuantizerTest {

    // ---- every symbol codable, exact total ----

    @Test
    void floorKeepsEverySymbolCodableAndTheTotalIsExact() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int trial = 0; trial < 400; trial++) {
            int k = trial % 40 == 0 ? 65536 : 1 + (int) Math.pow(4096, rnd.nextDouble());
            int precision = rnd.nextInt(TestCdfs.minPrecision(k), QuantizedCdf.MAX_PRECISION + 1);
            double[] pmf = randomPmf(k, rnd);
            QuantizedCdf cdf = new CdfQuantizer(precision).fromPmf(pmf);   // validated by the record, and:
            assertEquals(k, cdf.symbolCount());
            assertEquals(1 << precision, cdf.upper(k - 1));
            for (int s = 0; s < k; s++) {
                assertTrue(cdf.frequency(s) >= 1);
            }
        }
    }

    @Test
    void fullAlphabetGetsOneUnitEach() {
        QuantizedCdf cdf = new CdfQuantizer(10).fromPmf(randomPmf(1024, new SplittableRandom(2)));
        for (int s = 0; s < 1024; s++) {
            assertEquals(1, cdf.frequency(s));
        }
        assertThrows(IllegalArgumentException.class, () -> new CdfQuantizer(10).fromPmf(new double[1025]));
        assertThrows(IllegalArgumentException.class, () -> new CdfQuantizer(10).fromLogits(new float[1025]));
    }

    @Test
    void singleSymbolGetsEverything() {
        assertArrayEquals(new int[] {0, 1 << 16}, new CdfQuantizer(16).fromPmf(new double[] {0.3}).cdf());
        assertArrayEquals(new int[] {0, 2}, new CdfQuantizer(1).fromLogits(new float[] {-7f}).cdf());
    }

    // ---- quality: close to the best floored distribution ----

    @Test
    void codingCostIsCloseToTheBestPossibleWithAFloor() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int trial = 0; trial < 60; trial++) {
            int k = 2 + rnd.nextInt(2000);
            int precision = rnd.nextInt(TestCdfs.minPrecision(k) + 1, QuantizedCdf.MAX_PRECISION + 1);
            double[] pmf = randomPmf(k, rnd);
            double sum = Arrays.stream(pmf).sum();
            QuantizedCdf cdf = new CdfQuantizer(precision).fromPmf(pmf);
            double ours = 0;
            for (int s = 0; s < k; s++) {
                double p = pmf[s] / sum;
                ours += p > 0 ? p * log2(p * cdf.total() / cdf.frequency(s)) : 0;
            }
            double best = bestFlooredKl(pmf, precision);
            // Rounding each share to a neighbouring integer costs second-order terms only (measured: < 0.04 K/T).
            double allowed = best + 0.1 * k / cdf.total() + 1e-9;
            double kl = ours;
            assertTrue(kl <= allowed,
                    () -> "K=" + k + " p=" + precision + ": KL " + kl + " bits, best " + best);
        }
    }

    @Test
    void moreProbableSymbolsNeverGetFewerUnitsBeyondRounding() {
        SplittableRandom rnd = new SplittableRandom(4);
        for (int trial = 0; trial < 100; trial++) {
            int k = 2 + rnd.nextInt(1500);
            double[] pmf = randomPmf(k, rnd);
            QuantizedCdf cdf = new CdfQuantizer(rnd.nextInt(TestCdfs.minPrecision(k), 25)).fromPmf(pmf);
            Integer[] order = new Integer[k];
            Arrays.setAll(order, i -> i);
            Arrays.sort(order, (a, b) -> Double.compare(pmf[a], pmf[b]));
            int maxSoFar = 0;
            for (int i : order) {
                assertTrue(cdf.frequency(i) >= maxSoFar - 1,
                        () -> "symbol " + i + " (p=" + pmf[i] + ") got " + cdf.frequency(i));
                maxSoFar = Math.max(maxSoFar, cdf.frequency(i));
            }
        }
    }

    // ---- determinism ----

    @Test
    void sameInputGivesIdenticalCdfsAcrossCallsAndInstances() {
        SplittableRandom rnd = new SplittableRandom(5);
        float[] logitsA = randomLogits(1024, rnd);
        float[] logitsB = randomLogits(300, rnd);
        CdfQuantizer shared = new CdfQuantizer(16);
        int[] first = shared.fromLogits(logitsA).cdf();
        shared.fromLogits(logitsB);                       // a different size in between: scratch reuse is safe
        shared.fromPmf(randomPmf(5000, rnd));
        assertArrayEquals(first, shared.fromLogits(logitsA).cdf());
        assertArrayEquals(first, new CdfQuantizer(16).fromLogits(logitsA).cdf());
    }

    /**
     * Golden hashes: the CDFs must be bit-identical on every JVM and CPU, or the decoder desynchronises. Inputs
     * come from {@link Random}, whose sequence the JDK specifies. A change here changes the bitstream format.
     */
    @Test
    void goldenHashes() {
        Random random = new Random(20240501);
        float[] logits = new float[1024];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) (4 * random.nextGaussian() - 0.01 * Math.abs(i - 400));
        }
        double[] pmf = new double[1024];
        for (int i = 0; i < pmf.length; i++) {
            pmf[i] = random.nextDouble() * random.nextDouble() * random.nextDouble() * (i % 7 == 0 ? 1e-9 : 1);
        }
        assertEquals(GOLDEN_LOGITS_16, crc(new CdfQuantizer(16).fromLogits(logits)), "logits at precision 16");
        assertEquals(GOLDEN_LOGITS_24, crc(new CdfQuantizer(24).fromLogits(logits)), "logits at precision 24");
        assertEquals(GOLDEN_PMF_16, crc(new CdfQuantizer(16).fromPmf(pmf)), "pmf at precision 16");
    }

    private static final long GOLDEN_LOGITS_16 = 1633538529L;
    private static final long GOLDEN_LOGITS_24 = 2608942152L;
    private static final long GOLDEN_PMF_16 = 26730961L;

    @Test
    void scalingThePmfByAPowerOfTwoChangesNothing() {
        double[] pmf = randomPmf(777, new SplittableRandom(6));
        CdfQuantizer quantizer = new CdfQuantizer(20);
        int[] expected = quantizer.fromPmf(pmf).cdf();
        for (int shift : new int[] {-1000, -60, -1, 1, 60, 1000}) {
            double[] scaled = Arrays.stream(pmf).map(p -> Math.scalb(p, shift)).toArray();
            if (shift < 0 && Arrays.stream(scaled).anyMatch(p -> p > 0 && p < Double.MIN_NORMAL)) {
                continue;   // subnormals lose bits; 2^-1000 is only there to hit the rescaling path below
            }
            assertArrayEquals(expected, quantizer.fromPmf(scaled).cdf(), "scaled by 2^" + shift);
        }
    }

    @Test
    void floatAndDoublePmfsAgree() {
        SplittableRandom rnd = new SplittableRandom(7);
        float[] f = new float[1000];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) rnd.nextDouble();
        }
        double[] d = new double[f.length];
        Arrays.setAll(d, i -> f[i]);
        CdfQuantizer quantizer = new CdfQuantizer(16);
        assertArrayEquals(quantizer.fromPmf(d).cdf(), quantizer.fromPmf(f).cdf());
    }

    @Test
    void logitsAgreeWithAnExactSoftmax() {
        SplittableRandom rnd = new SplittableRandom(8);
        for (int trial = 0; trial < 20; trial++) {
            float[] logits = randomLogits(1024, rnd);
            double max = Double.NEGATIVE_INFINITY;
            for (float l : logits) {
                max = Math.max(max, l);
            }
            double[] softmax = new double[logits.length];
            for (int i = 0; i < logits.length; i++) {
                softmax[i] = StrictMath.exp(logits[i] - max);
            }
            CdfQuantizer quantizer = new CdfQuantizer(16);
            QuantizedCdf fromLogits = quantizer.fromLogits(logits);
            QuantizedCdf fromPmf = quantizer.fromPmf(softmax);
            for (int s = 0; s < logits.length; s++) {
                int a = fromLogits.frequency(s);
                int b = fromPmf.frequency(s);
                assertTrue(Math.abs(a - b) <= 2 + 0.001 * b, "symbol " + s + ": " + a + " vs " + b);
            }
        }
    }

    @Test
    void logitSliceEqualsCopy() {
        float[] logits = randomLogits(3000, new SplittableRandom(9));
        CdfQuantizer quantizer = new CdfQuantizer(16);
        assertArrayEquals(quantizer.fromLogits(Arrays.copyOfRange(logits, 1000, 2024)).cdf(),
                quantizer.fromLogits(logits, 1000, 1024).cdf());
        assertThrows(IndexOutOfBoundsException.class, () -> quantizer.fromLogits(logits, 2500, 1024));
    }

    // ---- extreme inputs ----

    @Test
    void hugeSkewGivesTheRestTheFloor() {
        int k = 1024;
        double[] pmf = new double[k];
        Arrays.fill(pmf, 1e-30);
        pmf[100] = 1;
        float[] logits = new float[k];
        Arrays.fill(logits, -100f);
        logits[100] = 50f;
        for (int precision : new int[] {10, 11, 16, 24}) {
            CdfQuantizer quantizer = new CdfQuantizer(precision);
            for (QuantizedCdf cdf : new QuantizedCdf[] {quantizer.fromPmf(pmf), quantizer.fromLogits(logits)}) {
                assertEquals((1 << precision) - (k - 1), cdf.frequency(100));
                for (int s = 0; s < k; s++) {
                    assertEquals(s == 100 ? (1 << precision) - (k - 1) : 1, cdf.frequency(s));
                }
            }
        }
    }

    @Test
    void zeroProbabilitiesAndMinusInfinityLogitsStillGetTheFloor() {
        // Floor 1 for the zeros; 254 units shared 1 : 2 as 84.67 : 169.33 -> 85 : 169.
        QuantizedCdf fromPmf = new CdfQuantizer(8).fromPmf(new double[] {0, 1, 0, 2});
        assertArrayEquals(new int[] {1, 85, 1, 169}, frequencies(fromPmf));
        QuantizedCdf fromLogits = new CdfQuantizer(8).fromLogits(
                new float[] {Float.NEGATIVE_INFINITY, 0, Float.NEGATIVE_INFINITY, (float) Math.log(2)});
        assertArrayEquals(new int[] {1, 85, 1, 169}, frequencies(fromLogits));
    }

    @Test
    void extremeMagnitudesAreRescaledDeterministically() {
        CdfQuantizer quantizer = new CdfQuantizer(12);
        double[] tiny = new double[10];
        Arrays.fill(tiny, Double.MIN_VALUE);              // subnormal: T / sum would overflow
        double[] huge = new double[10];
        Arrays.fill(huge, Double.MAX_VALUE);              // sum overflows
        int[] uniform = frequencies(QuantizedCdf.uniform(10, 12));
        Arrays.sort(uniform);
        for (double[] pmf : new double[][] {tiny, huge}) {
            int[] got = frequencies(quantizer.fromPmf(pmf));
            Arrays.sort(got);
            assertArrayEquals(uniform, got);
        }
        float[] logits = {Float.MAX_VALUE, -Float.MAX_VALUE, 0f};
        assertArrayEquals(new int[] {4094, 1, 1}, frequencies(quantizer.fromLogits(logits)));
    }

    // ---- rejection ----

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, -1e-30, -1, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void rejectsBadProbabilities(double bad) {
        CdfQuantizer quantizer = new CdfQuantizer(16);
        double[] pmf = {0.5, 0.25, bad, 0.25};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> quantizer.fromPmf(pmf));
        assertTrue(e.getMessage().contains("pmf[2]"), e.getMessage());
        float[] floats = {0.5f, 0.25f, (float) bad, 0.25f};
        e = assertThrows(IllegalArgumentException.class, () -> quantizer.fromPmf(floats));
        assertTrue(e.getMessage().contains("pmf[2]"), e.getMessage());
    }

    @Test
    void rejectsBadLogits() {
        CdfQuantizer quantizer = new CdfQuantizer(16);
        assertThrows(IllegalArgumentException.class, () -> quantizer.fromLogits(new float[] {0, Float.NaN}));
        assertThrows(IllegalArgumentException.class,
                () -> quantizer.fromLogits(new float[] {0, Float.POSITIVE_INFINITY}));
        assertThrows(IllegalArgumentException.class,
                () -> quantizer.fromLogits(new float[] {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY}));
        assertThrows(IllegalArgumentException.class, () -> quantizer.fromLogits(new float[0]));
    }

    @Test
    void rejectsEmptyAndAllZero() {
        CdfQuantizer quantizer = new CdfQuantizer(16);
        assertThrows(IllegalArgumentException.class, () -> quantizer.fromPmf(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> quantizer.fromPmf(new double[5]));
        assertThrows(IllegalArgumentException.class, () -> quantizer.fromPmf(new float[5]));
        assertThrows(IllegalArgumentException.class, () -> new CdfQuantizer(0));
        assertThrows(IllegalArgumentException.class, () -> new CdfQuantizer(25));
    }

    // ---- helpers ----

    /** Random shapes: flat, peaked, sparse (zeros), and with values spanning hundreds of orders of magnitude. */
    static double[] randomPmf(int k, SplittableRandom rnd) {
        double[] pmf = new double[k];
        int shape = rnd.nextInt(4);
        double peak = rnd.nextDouble() * k;
        double width = 1 + rnd.nextDouble() * k / 10;
        for (int i = 0; i < k; i++) {
            pmf[i] = switch (shape) {
                case 0 -> rnd.nextDouble();
                case 1 -> Math.exp(-Math.abs(i - peak) / width);
                case 2 -> rnd.nextInt(4) == 0 ? rnd.nextDouble() : 0;
                default -> Math.pow(10, -300 * rnd.nextDouble());
            };
        }
        pmf[rnd.nextInt(k)] += 1e-3;   // never all zero
        return pmf;
    }

    static float[] randomLogits(int k, SplittableRandom rnd) {
        float[] logits = new float[k];
        double center = rnd.nextDouble() * k;
        double temperature = 0.5 + rnd.nextDouble() * 20;
        for (int i = 0; i < k; i++) {
            logits[i] = (float) (3 * rnd.nextGaussian() - Math.abs(i - center) / temperature);
        }
        return logits;
    }

    /** Smallest KL divergence (bits) from the pmf to any distribution with every mass at least 2^-precision. */
    private static double bestFlooredKl(double[] pmf, int precision) {
        double total = 1 << precision;
        double sum = Arrays.stream(pmf).sum();
        double[] p = Arrays.stream(pmf).map(v -> v / sum).sorted().toArray();
        // Water-filling: floor the j smallest, scale the rest; the right j is the first where scaling fits.
        double rest = 1;
        int j = 0;
        double lambda = total;
        while (true) {
            lambda = (total - j) / rest;
            if (j == p.length || p[j] * lambda > 1) {
                break;
            }
            rest -= p[j];
            j++;
        }
        double kl = 0;
        for (double v : p) {
            double q = Math.max(1, lambda * v) / total;
            kl += v > 0 ? v * log2(v / q) : 0;
        }
        return kl;
    }

    private static int[] frequencies(QuantizedCdf cdf) {
        int[] f = new int[cdf.symbolCount()];
        Arrays.setAll(f, cdf::frequency);
        return f;
    }

    private static long crc(QuantizedCdf cdf) {
        int[] entries = cdf.cdf();
        ByteBuffer bytes = ByteBuffer.allocate(4 * entries.length);
        bytes.asIntBuffer().put(entries);
        CRC32 crc = new CRC32();
        crc.update(bytes.array());
        return crc.getValue();
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}

package io.vqi.entropy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vqi.core.CorruptStreamException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RangeCoderTest {

    /** Codes {@code symbols}, choosing each CDF from the previous symbol, as an autoregressive prior would. */
    private static byte[] encode(QuantizedCdf[] cdfs, int[] symbols) {
        RangeEncoder encoder = new RangeEncoder();
        int context = 0;
        for (int symbol : symbols) {
            encoder.encode(cdfs[context], symbol);
            context = symbol % cdfs.length;
        }
        return encoder.finish();
    }

    private static int[] decode(QuantizedCdf[] cdfs, byte[] payload, int count) throws CorruptStreamException {
        RangeDecoder decoder = new RangeDecoder(payload);
        int[] symbols = new int[count];
        int context = 0;
        for (int i = 0; i < count; i++) {
            symbols[i] = decoder.decode(cdfs[context]);
            context = symbols[i] % cdfs.length;
        }
        decoder.finish();
        return symbols;
    }

    /** Mostly symbols drawn from the CDF, one in five uniformly random so the rare ones get coded too. */
    private static int[] randomSymbols(QuantizedCdf[] cdfs, int count, SplittableRandom rnd) {
        int[] symbols = new int[count];
        int context = 0;
        for (int i = 0; i < count; i++) {
            QuantizedCdf cdf = cdfs[context];
            symbols[i] = rnd.nextInt(5) == 0 ? rnd.nextInt(cdf.symbolCount()) : TestCdfs.sample(cdf, rnd);
            context = symbols[i] % cdfs.length;
        }
        return symbols;
    }

    @Test
    void randomAlphabetsAndCdfsRoundTrip() throws Exception {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int trial = 0; trial < 300; trial++) {
            int k = trial % 50 == 0 ? 65536 : 2 + (int) Math.pow(65535, rnd.nextDouble());   // log-uniform
            int precision = rnd.nextInt(TestCdfs.minPrecision(k), QuantizedCdf.MAX_PRECISION + 1);
            QuantizedCdf[] cdfs = new QuantizedCdf[1 + rnd.nextInt(3)];
            for (int c = 0; c < cdfs.length; c++) {
                cdfs[c] = TestCdfs.any(k, precision, rnd);
            }
            int[] symbols = randomSymbols(cdfs, 1 + rnd.nextInt(2000), rnd);
            byte[] payload = encode(cdfs, symbols);
            assertArrayEquals(symbols, decode(cdfs, payload, symbols.length),
                    () -> "trial with K=" + k + ", precision=" + precision);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 8, 15, 16, 17, 23, 24})
    void everyPrecisionRoundTrips(int precision) throws Exception {
        SplittableRandom rnd = new SplittableRandom(precision);
        int k = Math.min(1 << precision, 300);
        QuantizedCdf[] cdfs = {TestCdfs.any(k, precision, rnd), QuantizedCdf.uniform(k, precision)};
        int[] symbols = randomSymbols(cdfs, 5000, rnd);
        assertArrayEquals(symbols, decode(cdfs, encode(cdfs, symbols), symbols.length));
    }

    @Test
    void nearCertaintyCodesTheCertainSymbolAlmostFreeAndStillTheRareOnes() throws Exception {
        int precision = 24;
        int k = 1024;
        int[] freq = new int[k];
        Arrays.fill(freq, 1);
        freq[17] = (1 << precision) - (k - 1);
        QuantizedCdf[] cdfs = {QuantizedCdf.fromFrequencies(precision, freq)};
        int[] symbols = new int[100_000];
        Arrays.fill(symbols, 17);
        symbols[0] = 0;                     // rare symbols at the start, the middle and the very end
        symbols[50_000] = 1023;
        symbols[99_999] = 555;
        byte[] payload = encode(cdfs, symbols);
        assertArrayEquals(symbols, decode(cdfs, payload, symbols.length));
        double ideal = Arrays.stream(symbols).mapToDouble(s -> TestCdfs.bits(cdfs[0], s)).sum();
        assertTrue(payload.length * 8 <= ideal + 16, () -> payload.length + " bytes for " + ideal + " bits");
    }

    @Test
    void singleSymbolAlphabetCostsNothing() throws Exception {
        for (int precision : new int[] {1, 16, 24}) {
            QuantizedCdf[] cdfs = {QuantizedCdf.uniform(1, precision)};
            int[] symbols = new int[10_000];
            byte[] payload = encode(cdfs, symbols);
            assertEquals(0, payload.length, "precision " + precision);
            assertArrayEquals(symbols, decode(cdfs, payload, symbols.length));
        }
    }

    @Test
    void emptyStreamIsEmptyAndFinishesCleanly() throws Exception {
        byte[] payload = new RangeEncoder().finish();
        assertEquals(0, payload.length);
        new RangeDecoder(payload).finish();
    }

    @Test
    void intervalPrimitiveMatchesCdfEncoding() throws Exception {
        SplittableRandom rnd = new SplittableRandom(7);
        QuantizedCdf cdf = TestCdfs.uniformRandom(500, 20, rnd);
        RangeEncoder viaCdf = new RangeEncoder();
        RangeEncoder viaInterval = new RangeEncoder();
        for (int i = 0; i < 1000; i++) {
            int s = rnd.nextInt(500);
            viaCdf.encode(cdf, s);
            viaInterval.encode(cdf.lower(s), cdf.upper(s), cdf.precision());
        }
        assertArrayEquals(viaCdf.finish(), viaInterval.finish());
    }

    @Test
    void decodesASliceAndReportsOffsetsInTheWholeArray() throws Exception {
        SplittableRandom rnd = new SplittableRandom(3);
        QuantizedCdf[] cdfs = {QuantizedCdf.uniform(256, 8)};   // exactly one byte per symbol
        int[] symbols = randomSymbols(cdfs, 100, rnd);
        byte[] payload = encode(cdfs, symbols);
        byte[] file = new byte[1000 + payload.length + 1000];
        Arrays.fill(file, (byte) 0x5A);
        System.arraycopy(payload, 0, file, 1000, payload.length);
        RangeDecoder decoder = new RangeDecoder(file, 1000, payload.length);
        for (int symbol : symbols) {
            assertEquals(symbol, decoder.decode(cdfs[0]));
        }
        decoder.finish();
        CorruptStreamException e = assertThrows(CorruptStreamException.class, () -> {
            for (int i = 0; i < 100; i++) {
                decoder.decode(cdfs[0]);
            }
        });
        assertEquals(1000 + payload.length + RangeCoding.WINDOW_BYTES, e.offset());
    }

    @Test
    void decoderDrivenPastTheEndFailsQuickly() throws Exception {
        SplittableRandom rnd = new SplittableRandom(11);
        QuantizedCdf[] cdfs = {TestCdfs.uniformRandom(64, 16, rnd)};
        int[] symbols = randomSymbols(cdfs, 1000, rnd);
        byte[] payload = encode(cdfs, symbols);
        RangeDecoder decoder = new RangeDecoder(payload);
        for (int symbol : symbols) {
            assertEquals(symbol, decoder.decode(cdfs[0]));
        }
        decoder.finish();
        int extra = 0;
        try {
            for (; extra < 1000; extra++) {
                decoder.decode(cdfs[0]);
            }
            fail("decoded 1000 symbols past the end without complaint");
        } catch (CorruptStreamException e) {
            assertTrue(e.offset() >= payload.length, () -> "offset " + e.offset());
        }
        assertTrue(extra <= 8 * (RangeCoding.WINDOW_BYTES + 1), "failed only after " + extra + " extra symbols");
    }

    /** Every symbol at precision 8 over 256 symbols costs exactly one byte, so byte counts are exact. */
    @Test
    void finishDetectsTrailingBytesAndMissingSymbols() throws Exception {
        SplittableRandom rnd = new SplittableRandom(5);
        QuantizedCdf[] cdfs = {QuantizedCdf.uniform(256, 8)};
        for (int trial = 0; trial < 50; trial++) {
            int[] symbols = randomSymbols(cdfs, 2 + rnd.nextInt(100), rnd);
            byte[] payload = encode(cdfs, symbols);
            assertArrayEquals(symbols, decode(cdfs, payload, symbols.length));

            byte[] twoMore = Arrays.copyOf(payload, payload.length + 2);
            twoMore[payload.length] = (byte) (1 + rnd.nextInt(255));
            twoMore[payload.length + 1] = (byte) (1 + rnd.nextInt(255));
            assertThrows(CorruptStreamException.class, () -> decode(cdfs, twoMore, symbols.length));

            byte[] zeroMore = Arrays.copyOf(payload, payload.length + 1);   // zeros are what the decoder supplies
            assertThrows(CorruptStreamException.class, () -> decode(cdfs, zeroMore, symbols.length));

            assertThrows(CorruptStreamException.class, () -> decode(cdfs, payload, symbols.length - 2));
        }
    }

    /**
     * Random garbage decoded under CDFs whose symbols all have probability at most 1/2 (at least one bit each):
     * the decoder must throw {@link CorruptStreamException} (nothing else) before consuming 8 symbols per byte it
     * could read. We allow ten times that before calling it an endless loop.
     */
    @Test
    void garbageNeverCrashesAndNeverLoopsForever() {
        SplittableRandom rnd = new SplittableRandom(13);
        QuantizedCdf[] cdfs = new QuantizedCdf[8];
        for (int c = 0; c < cdfs.length; c++) {
            int k = 2 + rnd.nextInt(2000);
            int precision = rnd.nextInt(TestCdfs.minPrecision(k) + 1, QuantizedCdf.MAX_PRECISION + 1);
            QuantizedCdf cdf;
            do {
                cdf = TestCdfs.any(k, precision, rnd);
            } while (maxFrequency(cdf) > cdf.total() / 2);
            cdfs[c] = cdf;
        }
        for (int seed = 0; seed < 3000; seed++) {
            int length = seed < 100 ? seed : rnd.nextInt(seed % 10 == 0 ? 4096 : 64);
            byte[] garbage = new byte[length];
            rnd.nextBytes(garbage);
            long limit = 10L * 8 * (length + RangeCoding.WINDOW_BYTES + 1);
            RangeDecoder decoder = new RangeDecoder(garbage);
            int context = 0;
            long calls = 0;
            try {
                for (; calls < limit; calls++) {
                    context = decoder.decode(cdfs[context]) % cdfs.length;
                }
                fail("garbage of " + length + " bytes decoded to " + limit + " symbols");
            } catch (CorruptStreamException expected) {
                assertTrue(calls <= 8 * (length + RangeCoding.WINDOW_BYTES + 1), "calls " + calls);
            }
        }
    }

    @Test
    void garbageEitherDecodesOrThrowsTheTypedException() {
        SplittableRandom rnd = new SplittableRandom(17);
        for (int seed = 0; seed < 2000; seed++) {
            byte[] garbage = new byte[rnd.nextInt(40)];
            rnd.nextBytes(garbage);
            int k = 1 + rnd.nextInt(3000);
            QuantizedCdf[] cdfs = {TestCdfs.any(k, rnd.nextInt(TestCdfs.minPrecision(k), 25), rnd)};
            int count = rnd.nextInt(200);
            try {
                decode(cdfs, garbage, count);   // finish() included
            } catch (CorruptStreamException expected) {
                // fine: the only permitted failure
            }
        }
    }

    @Test
    void corruptedValidStreamsEitherDecodeOrThrowTheTypedException() {
        SplittableRandom rnd = new SplittableRandom(19);
        for (int trial = 0; trial < 500; trial++) {
            int k = 2 + rnd.nextInt(1000);
            QuantizedCdf[] cdfs = {TestCdfs.any(k, 16, rnd), TestCdfs.any(k, 16, rnd)};
            int[] symbols = randomSymbols(cdfs, 1 + rnd.nextInt(500), rnd);
            byte[] payload = encode(cdfs, symbols);
            byte[] damaged = switch (trial % 3) {
                case 0 -> Arrays.copyOf(payload, rnd.nextInt(payload.length + 1));          // truncated
                case 1 -> flipBit(payload, rnd);
                default -> Arrays.copyOf(payload, payload.length + 1 + rnd.nextInt(8));     // zero padded
            };
            try {
                decode(cdfs, damaged, symbols.length);
            } catch (CorruptStreamException expected) {
                // fine
            }
        }
    }

    @Test
    void encoderPreconditions() {
        QuantizedCdf cdf = QuantizedCdf.uniform(10, 8);
        RangeEncoder encoder = new RangeEncoder();
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(cdf, -1));
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(cdf, 10));
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(0, 1, 25));
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(5, 5, 8));
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(-1, 5, 8));
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(0, 257, 8));
        assertThrows(IllegalArgumentException.class, () -> new RangeEncoder(-1));
        assertDoesNotThrow(() -> encoder.encode(0, 256, 8));
        encoder.finish();
        assertThrows(IllegalStateException.class, () -> encoder.encode(cdf, 0));
        assertThrows(IllegalStateException.class, encoder::finish);
    }

    @Test
    void decoderRejectsBadSlices() {
        assertThrows(IndexOutOfBoundsException.class, () -> new RangeDecoder(new byte[4], 3, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> new RangeDecoder(new byte[4], -1, 2));
    }

    private static int maxFrequency(QuantizedCdf cdf) {
        int max = 0;
        for (int s = 0; s < cdf.symbolCount(); s++) {
            max = Math.max(max, cdf.frequency(s));
        }
        return max;
    }

    private static byte[] flipBit(byte[] payload, SplittableRandom rnd) {
        byte[] copy = payload.clone();
        if (copy.length > 0) {
            int bit = rnd.nextInt(copy.length * 8);
            copy[bit / 8] ^= (byte) (1 << (bit % 8));
        }
        return copy;
    }
}

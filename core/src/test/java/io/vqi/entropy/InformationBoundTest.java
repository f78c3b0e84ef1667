package io.vqi.entropy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The coder must be near-ideal: a long stream costs its ideal code length {@code sum(-log2(freq / 2^p))} within
 * 0.5 % plus a few bytes (tfc {@code continuous_batched_test.py}). Decoding is checked too, so a coder that
 * "compresses" by losing information cannot pass.
 */
class InformationBoundTest {
    private static final int SYMBOLS = 200_000;
    private static final int SLACK_BITS = 4 * 8;

    @ParameterizedTest(name = "K={0} precision={1} shape={2}")
    @CsvSource({
            "1024, 16, skewed",
            "1024, 16, uniformRandom",
            "1024, 24, skewed",
            "200, 8, uniformRandom",
            "65536, 24, uniformRandom",
            "1024, 24, nearCertain",
            "2, 1, uniformRandom",
    })
    void codedSizeIsWithinHalfAPercentOfTheIdeal(int k, int precision, String shape) throws Exception {
        SplittableRandom rnd = new SplittableRandom(k * 31L + precision);
        QuantizedCdf[] cdfs = new QuantizedCdf[8];
        for (int c = 0; c < cdfs.length; c++) {
            cdfs[c] = switch (shape) {
                case "skewed" -> TestCdfs.skewed(k, precision, rnd);
                case "nearCertain" -> TestCdfs.nearCertain(k, precision, rnd);
                default -> TestCdfs.uniformRandom(k, precision, rnd);
            };
        }
        int[] symbols = new int[SYMBOLS];
        int[] which = new int[SYMBOLS];
        double idealBits = 0;
        RangeEncoder encoder = new RangeEncoder();
        for (int i = 0; i < SYMBOLS; i++) {
            which[i] = rnd.nextInt(cdfs.length);
            symbols[i] = TestCdfs.sample(cdfs[which[i]], rnd);
            idealBits += TestCdfs.bits(cdfs[which[i]], symbols[i]);
            encoder.encode(cdfs[which[i]], symbols[i]);
        }
        byte[] payload = encoder.finish();

        long codedBits = 8L * payload.length;
        double ideal = idealBits;
        assertTrue(codedBits <= ideal * 1.005 + SLACK_BITS,
                () -> "coded " + codedBits + " bits, ideal " + ideal + " (+" + pct(codedBits, ideal) + ")");
        // The spec above is tfc's; the coder does far better (measured: within 7 bits per stream), and a
        // regression to, say, a 32-bit range at precision 24 would still pass it on some streams. So also:
        assertTrue(codedBits <= ideal * 1.0001 + 16,
                () -> "coded " + codedBits + " bits, ideal " + ideal + " (+" + pct(codedBits, ideal) + ")");
        assertTrue(codedBits >= ideal - SLACK_BITS, () -> "coded " + codedBits + " bits below the ideal " + ideal);

        RangeDecoder decoder = new RangeDecoder(payload);
        for (int i = 0; i < SYMBOLS; i++) {
            assertEquals(symbols[i], decoder.decode(cdfs[which[i]]), "symbol " + i);
        }
        decoder.finish();
    }

    private static String pct(long coded, double ideal) {
        return String.format("%.4f %%", 100 * (coded - ideal) / Math.max(1, ideal));
    }
}

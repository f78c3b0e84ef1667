package io.vqi.refine;

import io.vqi.core.CorruptStreamException;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The refinement layer's coder: tables, round trips (escapes included), the information bound, hostile bytes. */
class ResidualCoderTest {

    /**
     * The tables decide every refinement file's bits: any change to their maths (scales, radii, the quantiser) is a
     * format change, and this hash says so.
     */
    @Test
    void tablesAreTheSpecifiedOnes() throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < LogisticTables.SCALES; i++) {
            md.update(Double.toString(LogisticTables.scale(i)).getBytes());
            for (int v : LogisticTables.cdf(i).cdf()) {
                md.update(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
            }
        }
        assertEquals(GOLDEN_TABLES, HexFormat.of().formatHex(md.digest()));
        assertEquals(io.vqi.model.RefineConfig.SCALE_FLOOR, LogisticTables.scale(0), 1e-12);
        assertEquals(LogisticTables.MAX_SCALE, LogisticTables.scale(LogisticTables.SCALES - 1), 1e-9);
    }

    static final String GOLDEN_TABLES = "ff755457e1f5ccb5ecef84c7b886f653417e70d278f5a5f77334b050d25703a9";

    @Test
    void indexPicksTheFirstScaleAtOrAbove() {
        assertEquals(0, LogisticTables.index(0.0));
        assertEquals(0, LogisticTables.index(io.vqi.model.RefineConfig.SCALE_FLOOR));
        assertEquals(LogisticTables.SCALES - 1, LogisticTables.index(1e9));
        assertEquals(LogisticTables.SCALES - 1, LogisticTables.index(Double.POSITIVE_INFINITY));
        assertEquals(LogisticTables.SCALES - 1, LogisticTables.index(Double.NaN)); // as the binary search it replaced
        assertEquals(LogisticTables.SCALES - 1, LogisticTables.index(LogisticTables.MAX_SCALE));
        assertEquals(0, LogisticTables.index(Double.NEGATIVE_INFINITY));
        assertEquals(0, LogisticTables.index(-0.0));
        for (int i = 1; i < LogisticTables.SCALES; i++) {
            double s = LogisticTables.scale(i);
            assertEquals(i, LogisticTables.index(s));
            assertEquals(i, LogisticTables.index(Math.nextUp(LogisticTables.scale(i - 1))));
        }
    }

    @Test
    void roundTripWithEscapesAndEveryTable() throws Exception {
        SplittableRandom rnd = new SplittableRandom(7);
        int n = 50_000;
        int[] values = new int[n];
        byte[] tables = new byte[n];
        for (int i = 0; i < n; i++) {
            tables[i] = (byte) rnd.nextInt(LogisticTables.SCALES);
            double s = LogisticTables.scale(tables[i]);
            double u = rnd.nextDouble(1e-12, 1 - 1e-12);
            values[i] = (int) Math.round(s * Math.log(u / (1 - u))); // logistic samples
            if (i % 997 == 0) {
                values[i] = (rnd.nextBoolean() ? 1 : -1) * rnd.nextInt(ResidualCoder.MAX_MAGNITUDE); // escapes
            }
        }
        values[1] = ResidualCoder.MAX_MAGNITUDE;
        values[2] = -ResidualCoder.MAX_MAGNITUDE;
        byte[] coded = ResidualCoder.encode(values, tables);
        assertArrayEquals(values, ResidualCoder.decode(coded, 0, coded.length, tables, n));
    }

    /** Coded size within 0.5 % of the integer CDFs' cross-entropy (the bound every vqi stream keeps). */
    @Test
    void codedSizeIsWithinHalfAPercentOfTheCrossEntropy() {
        SplittableRandom rnd = new SplittableRandom(11);
        int n = 200_000;
        int[] values = new int[n];
        byte[] tables = new byte[n];
        double bits = 0;
        for (int i = 0; i < n; i++) {
            tables[i] = (byte) rnd.nextInt(40);
            double s = LogisticTables.scale(tables[i]);
            double u = rnd.nextDouble(1e-9, 1 - 1e-9);
            values[i] = (int) Math.round(s * Math.log(u / (1 - u)));
            int m = LogisticTables.radius(tables[i]);
            int sym = Math.abs(values[i]) <= m ? values[i] + m : 2 * m + 1;
            bits += LogisticTables.PRECISION
                    - Math.log(LogisticTables.cdf(tables[i]).frequency(sym)) / Math.log(2);
            if (sym == 2 * m + 1) {
                bits += 2 * (31 - Integer.numberOfLeadingZeros(Math.abs(values[i]) - m)) + 2;
            }
        }
        long coded = 8L * ResidualCoder.encode(values, tables).length;
        double ideal = bits;
        assertTrue(coded <= ideal * 1.005 + 64, () -> "coded " + coded + " bits, cross-entropy " + ideal);
        assertTrue(coded >= ideal - 64, () -> "coded " + coded + " bits below the cross-entropy " + ideal);
    }

    /** Damaged or truncated bytes give the typed error or other values, never a hang or an unchecked exception. */
    @Test
    void hostileBytesFailTyped() {
        SplittableRandom rnd = new SplittableRandom(3);
        byte[] tables = new byte[4096];
        for (int trial = 0; trial < 200; trial++) {
            byte[] junk = new byte[rnd.nextInt(64)];
            rnd.nextBytes(junk);
            try {
                ResidualCoder.decode(junk, 0, junk.length, tables, tables.length);
            } catch (CorruptStreamException expected) {
                // fine: typed
            }
        }
        byte[] allOnes = new byte[256];
        java.util.Arrays.fill(allOnes, (byte) 0xff);
        assertThrows(CorruptStreamException.class,
                () -> ResidualCoder.decode(allOnes, 0, allOnes.length, new byte[1 << 16], 1 << 16));
    }
}

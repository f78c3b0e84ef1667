package io.vqi.refine;

import io.vqi.core.CorruptStreamException;
import io.vqi.entropy.QuantizedCdf;
import io.vqi.entropy.RangeDecoder;
import io.vqi.entropy.RangeEncoder;

/**
 * Range-codes the refinement layer's integers, each under the {@link LogisticTables} entry its scale picked. Values
 * beyond an entry's radius are coded as the escape symbol followed by {@code |v| - radius - 1} in Exp-Golomb order 0
 * and a sign, as binary decisions of probability 1/2; so any integer up to {@value #MAX_MAGNITUDE} is codable and a
 * bad scale costs bits, never correctness.
 *
 * <p>Decoding is bounded by what it is asked for: the element count comes from the header's grid, and an escape's
 * prefix is at most {@value #MAX_PREFIX} decisions.
 */
public final class ResidualCoder {

    static final int MAX_PREFIX = 30;
    public static final int MAX_MAGNITUDE = 1 << 29;
    private static final QuantizedCdf BIT = QuantizedCdf.uniform(2, 1);

    private ResidualCoder() {
    }

    /** Codes {@code values[i]} under table entry {@code tables[i]}. */
    public static byte[] encode(int[] values, byte[] tables) {
        Writer w = new Writer(values.length);
        for (int i = 0; i < values.length; i++) {
            w.write(values[i], tables[i]);
        }
        return w.finish();
    }

    /** Decodes {@code count} values; {@code tables[i]} must be what the encoder used. */
    public static int[] decode(byte[] payload, int offset, int length, byte[] tables, int count)
            throws CorruptStreamException {
        Reader r = new Reader(payload, offset, length);
        int[] values = new int[count];
        for (int i = 0; i < count; i++) {
            values[i] = r.read(tables[i]);
        }
        r.finish();
        return values;
    }

    /** Ideal code length of {@code v} under table entry {@code table}, escape bits included. */
    public static double bits(int v, int table) {
        int m = LogisticTables.radius(table);
        QuantizedCdf cdf = LogisticTables.cdf(table);
        int s = Math.abs(v) <= m ? v + m : 2 * m + 1;
        double bits = LogisticTables.PRECISION - Math.log(cdf.frequency(s)) / Math.log(2);
        if (s == 2 * m + 1) {
            int n = Math.abs(v) - m;
            bits += 2 * (31 - Integer.numberOfLeadingZeros(n)) + 2;
        }
        return bits;
    }

    /** One stream's encoder, for coders that choose each value's table only after coding the ones before. */
    public static final class Writer {
        private final RangeEncoder enc;

        public Writer(int expectedValues) {
            this.enc = new RangeEncoder(expectedValues / 2 + 16);
        }

        public void write(int v, int table) {
            int m = LogisticTables.radius(table);
            if (Math.abs(v) > MAX_MAGNITUDE) {
                throw new IllegalArgumentException("refinement value " + v + " exceeds " + MAX_MAGNITUDE);
            }
            if (v >= -m && v <= m) {
                enc.encode(LogisticTables.cdf(table), v + m);
                return;
            }
            enc.encode(LogisticTables.cdf(table), 2 * m + 1);
            int rest = Math.abs(v) - m - 1; // >= 0
            int n = rest + 1;
            int bits = 31 - Integer.numberOfLeadingZeros(n); // n has bits + 1 binary digits
            for (int b = 0; b < bits; b++) {
                enc.encode(BIT, 1);
            }
            enc.encode(BIT, 0);
            for (int b = bits - 1; b >= 0; b--) {
                enc.encode(BIT, (n >>> b) & 1);
            }
            enc.encode(BIT, v < 0 ? 1 : 0);
        }

        public byte[] finish() {
            return enc.finish();
        }
    }

    /** The matching decoder: each {@link #read} must name the table the writer used for that value. */
    public static final class Reader {
        private final RangeDecoder dec;
        private final int offset;

        public Reader(byte[] payload, int offset, int length) {
            this.dec = new RangeDecoder(payload, offset, length);
            this.offset = offset;
        }

        public int read(int table) throws CorruptStreamException {
            int m = LogisticTables.radius(table);
            int s = dec.decode(LogisticTables.cdf(table));
            if (s <= 2 * m) {
                return s - m;
            }
            int bits = 0;
            while (dec.decode(BIT) == 1) {
                if (++bits > MAX_PREFIX - 2) {
                    throw new CorruptStreamException(offset, "refinement escape longer than " + MAX_PREFIX
                            + " bits");
                }
            }
            int n = 1;
            for (int b = 0; b < bits; b++) {
                n = (n << 1) | dec.decode(BIT);
            }
            int magnitude = n - 1 + m + 1;
            return dec.decode(BIT) == 1 ? -magnitude : magnitude;
        }

        public void finish() throws CorruptStreamException {
            dec.finish();
        }
    }
}

package io.vqi.entropy;

import java.util.BitSet;
import java.util.SplittableRandom;

/** Random CDFs for the coder tests, built directly from integers (independent of {@link CdfQuantizer}). */
final class TestCdfs {
    private TestCdfs() {
    }

    /** Smallest precision (at least 1) whose total can hold {@code k} symbols. */
    static int minPrecision(int k) {
        return Math.max(1, 32 - Integer.numberOfLeadingZeros(k - 1));
    }

    /** K-1 distinct random cut points in (0, T): every CDF with K symbols is equally likely. */
    static QuantizedCdf uniformRandom(int k, int precision, SplittableRandom rnd) {
        int total = 1 << precision;
        int cuts = k - 1;
        int slots = total - 1;   // cut points 1 .. T-1
        BitSet chosen = new BitSet(total);
        if (cuts <= slots / 2) {
            setRandomBits(chosen, cuts, slots, rnd);
        } else {
            chosen.set(1, total);
            BitSet dropped = new BitSet(total);
            setRandomBits(dropped, slots - cuts, slots, rnd);
            chosen.andNot(dropped);
        }
        int[] cdf = new int[k + 1];
        int s = 1;
        for (int i = chosen.nextSetBit(0); i >= 0; i = chosen.nextSetBit(i + 1)) {
            cdf[s++] = i;
        }
        cdf[k] = total;
        return new QuantizedCdf(cdf, precision);
    }

    /** Geometric-like frequencies in random order: a few symbols carry most of the mass, the rest are rare. */
    static QuantizedCdf skewed(int k, int precision, SplittableRandom rnd) {
        int total = 1 << precision;
        double decay = 0.5 + 0.5 * rnd.nextDouble();
        double[] w = new double[k];
        double sum = 0;
        for (int i = 0; i < k; i++) {
            w[i] = Math.pow(decay, i);
            sum += w[i];
        }
        int[] freq = new int[k];
        long used = 0;
        int spare = total - k;
        for (int i = 0; i < k; i++) {
            freq[i] = 1 + (int) Math.floor(spare * w[i] / sum);
            used += freq[i];
        }
        freq[0] += (int) (total - used);   // the leftover goes to the most probable symbol
        shuffle(freq, rnd);
        return QuantizedCdf.fromFrequencies(precision, freq);
    }

    /** One symbol (at a random place) holds all mass but one unit per other symbol. */
    static QuantizedCdf nearCertain(int k, int precision, SplittableRandom rnd) {
        int[] freq = new int[k];
        java.util.Arrays.fill(freq, 1);
        freq[rnd.nextInt(k)] = (1 << precision) - (k - 1);
        return QuantizedCdf.fromFrequencies(precision, freq);
    }

    /** A random CDF of a random shape among the three above. */
    static QuantizedCdf any(int k, int precision, SplittableRandom rnd) {
        return switch (rnd.nextInt(3)) {
            case 0 -> uniformRandom(k, precision, rnd);
            case 1 -> skewed(k, precision, rnd);
            default -> nearCertain(k, precision, rnd);
        };
    }

    /** A symbol drawn from the CDF's own distribution. */
    static int sample(QuantizedCdf cdf, SplittableRandom rnd) {
        return cdf.symbolAt(rnd.nextInt(cdf.total()));
    }

    /** Ideal code length of coding {@code symbol} under {@code cdf}, in bits. */
    static double bits(QuantizedCdf cdf, int symbol) {
        return cdf.precision() - Math.log(cdf.frequency(symbol)) / Math.log(2);
    }

    /** Sets {@code count} distinct random bits among {@code 1 .. slots}. */
    private static void setRandomBits(BitSet bits, int count, int slots, SplittableRandom rnd) {
        for (int set = 0; set < count; ) {
            int i = 1 + rnd.nextInt(slots);
            if (!bits.get(i)) {
                bits.set(i);
                set++;
            }
        }
    }

    private static void shuffle(int[] a, SplittableRandom rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}

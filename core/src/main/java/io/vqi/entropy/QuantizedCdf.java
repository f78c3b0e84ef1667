package io.vqi.entropy;

import java.util.Arrays;

/**
 * An integer cumulative distribution over the symbols {@code 0 .. symbolCount()-1}: symbol {@code s} owns the
 * half-open interval {@code [cdf[s], cdf[s+1])} of {@code [0, 2^precision)}, so its probability is
 * {@code frequency(s) / 2^precision}.
 *
 * <p>Validated on construction (tfc {@code ScanCDF}): {@code 1 <= precision <= MAX_PRECISION},
 * {@code cdf.length >= 2}, {@code cdf[0] == 0}, strictly increasing (every symbol is codable), and
 * {@code cdf[cdf.length-1] == 2^precision}. A violation throws {@link InvalidCdfException} naming the rule and the
 * entry. Hence at most {@code 2^precision} symbols; a one-symbol alphabet ({@code [0, 2^precision]}) is allowed and
 * costs no bits.
 *
 * <p>Immutable: the array is copied in and {@link #cdf()} returns a copy; equality is by content. A final class
 * rather than a record only so that {@link CdfQuantizer}, which builds a valid CDF by construction in a fresh
 * array, can hand it over without the copy and the check ({@link #trusted}): a record's every constructor runs the
 * canonical one, and that copy and scan were a tenth of the prior's decode loop.
 */
public final class QuantizedCdf {

    /**
     * Largest supported precision. The coder keeps its range above 2^48 and splits it into 2^precision parts;
     * 24 bits leave at least 2^24 range units per part, so truncation costs under 2^-24 relative per symbol,
     * and {@code 2^24} still fits an {@code int} with room for the arithmetic.
     */
    public static final int MAX_PRECISION = 24;

    private final int[] cdf;
    private final int precision;

    /**
     * @param cdf       the {@code symbolCount()+1} cumulative counts; copied
     * @param precision bits of the total, {@code 2^precision}
     * @throws InvalidCdfException if they break a rule of the class comment
     */
    public QuantizedCdf(int[] cdf, int precision) {
        int[] copy = cdf == null ? null : cdf.clone();  // copy first, then validate the copy: no check-then-change race
        validate(copy, precision);
        this.cdf = copy;
        this.precision = precision;
    }

    private QuantizedCdf(int[] cdf, int precision, Void trusted) {
        this.cdf = cdf;
        this.precision = precision;
    }

    /**
     * Takes {@code cdf} as it is, neither copied nor checked: for {@link CdfQuantizer}, whose result satisfies every
     * rule by construction, and which never touches the array again. Checked when assertions are on.
     */
    static QuantizedCdf trusted(int[] cdf, int precision) {
        assert new QuantizedCdf(cdf, precision) != null; // validates (the copy is dropped)
        return new QuantizedCdf(cdf, precision, null);
    }

    /** Bits of the total, {@code 2^precision}. */
    public int precision() {
        return precision;
    }

    /** The uniform distribution over {@code symbolCount} symbols, remainder spread one unit each from symbol 0. */
    public static QuantizedCdf uniform(int symbolCount, int precision) {
        checkPrecision(precision);
        if (symbolCount < 1 || symbolCount > (1 << precision)) {
            throw new IllegalArgumentException(
                    "symbolCount must be in [1, 2^" + precision + "], got " + symbolCount);
        }
        int total = 1 << precision;
        int base = total / symbolCount;
        int extra = total % symbolCount;
        int[] cdf = new int[symbolCount + 1];
        for (int s = 0; s < symbolCount; s++) {
            cdf[s + 1] = cdf[s] + base + (s < extra ? 1 : 0);
        }
        return new QuantizedCdf(cdf, precision);
    }

    /** The CDF whose symbol {@code s} has frequency {@code frequencies[s]}; they must sum to {@code 2^precision}. */
    public static QuantizedCdf fromFrequencies(int precision, int... frequencies) {
        checkPrecision(precision);
        int[] cdf = new int[frequencies.length + 1];
        long sum = 0;
        for (int s = 0; s < frequencies.length; s++) {
            sum += frequencies[s];
            // Clamp so a wildly wrong input still reaches validate() and gets the precise complaint.
            cdf[s + 1] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, sum));
        }
        return new QuantizedCdf(cdf, precision);
    }

    public int symbolCount() {
        return cdf.length - 1;
    }

    /** {@code 2^precision}. */
    public int total() {
        return 1 << precision;
    }

    /** Start of symbol {@code s}'s interval. */
    public int lower(int symbol) {
        return cdf[symbol];
    }

    /** End (exclusive) of symbol {@code s}'s interval. */
    public int upper(int symbol) {
        return cdf[symbol + 1];
    }

    /** Width of symbol {@code s}'s interval: its probability times {@code 2^precision}; always at least 1. */
    public int frequency(int symbol) {
        return cdf[symbol + 1] - cdf[symbol];
    }

    /**
     * The symbol whose interval contains {@code value}, by binary search ({@code O(log symbolCount)}).
     *
     * @param value in {@code [0, 2^precision)}
     */
    public int symbolAt(int value) {
        if (value < 0 || value >= cdf[cdf.length - 1]) {
            throw new IllegalArgumentException("value must be in [0, 2^" + precision + "), got " + value);
        }
        return search(value);
    }

    /** Binary search without the argument check, for the decoder, which has already bounded the value. */
    int search(int value) {
        int lo = 0;                // invariant: cdf[lo] <= value < cdf[hi]
        int hi = cdf.length - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] <= value) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** A copy of the cumulative counts; the object itself stays immutable. */
    public int[] cdf() {
        return cdf.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QuantizedCdf other && precision == other.precision && Arrays.equals(cdf, other.cdf);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(cdf) + precision;
    }

    @Override
    public String toString() {
        return "QuantizedCdf[symbols=" + symbolCount() + ", precision=" + precision + ", cdf="
                + (cdf.length <= 17 ? Arrays.toString(cdf) : Arrays.toString(Arrays.copyOf(cdf, 16)) + "...") + "]";
    }

    private static void checkPrecision(int precision) {
        if (precision < 1 || precision > MAX_PRECISION) {
            throw new InvalidCdfException(InvalidCdfException.Problem.BAD_PRECISION, -1,
                    "precision must be in [1, " + MAX_PRECISION + "], got " + precision);
        }
    }

    private static void validate(int[] cdf, int precision) {
        checkPrecision(precision);
        if (cdf == null || cdf.length < 2) {
            throw new InvalidCdfException(InvalidCdfException.Problem.TOO_FEW_ENTRIES, -1,
                    "CDF needs at least 2 entries (one symbol), got " + (cdf == null ? "null" : cdf.length));
        }
        if (cdf[0] != 0) {
            throw new InvalidCdfException(InvalidCdfException.Problem.NOT_STARTING_AT_ZERO, 0,
                    "CDF must start with 0, got " + cdf[0]);
        }
        for (int i = 1; i < cdf.length; i++) {
            if (cdf[i] <= cdf[i - 1]) {
                throw new InvalidCdfException(InvalidCdfException.Problem.NOT_INCREASING, i,
                        "CDF must be strictly increasing, but entry " + i + " (" + cdf[i] + ") <= entry "
                                + (i - 1) + " (" + cdf[i - 1] + "): symbol " + (i - 1) + " would be uncodable");
            }
        }
        int last = cdf.length - 1;
        if (cdf[last] != 1 << precision) {
            throw new InvalidCdfException(InvalidCdfException.Problem.NOT_ENDING_AT_TOTAL, last,
                    "CDF must end with 2^" + precision + " = " + (1 << precision) + ", got " + cdf[last]);
        }
    }
}

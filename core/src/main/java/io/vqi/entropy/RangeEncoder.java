package io.vqi.entropy;

import static io.vqi.entropy.RangeCoding.BOTTOM;
import static io.vqi.entropy.RangeCoding.RANGE_BITS;
import static io.vqi.entropy.RangeCoding.TOP;
import static io.vqi.entropy.RangeCoding.TOP_BYTE_SHIFT;
import static io.vqi.entropy.RangeCoding.WINDOW_BYTES;

import java.util.Arrays;

/**
 * Streaming (FIFO) range encoder over integer CDFs; {@link RangeDecoder} returns the symbols in the order they
 * were encoded, so each CDF may depend on the symbols before it (an autoregressive prior).
 *
 * <p>Exact integer arithmetic only (see {@link RangeCoding} for the register layout). Symbol {@code s} coded under
 * a CDF of precision {@code p} costs {@code -log2(frequency(s) / 2^p)} bits plus under {@code 2^-23} bits of
 * truncation loss; {@link #finish()} adds at most about one byte.
 *
 * <p>Usage: call {@link #encode(QuantizedCdf, int)} once per symbol, then {@link #finish()} once. The decoder must
 * be given the same sequence of CDFs. Not thread-safe.
 */
public final class RangeEncoder {
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private byte[] out;
    private int size;
    private long low;
    private long range = TOP;
    /** The last byte decided but not yet written (a carry may still add one to it); -1 before the first. */
    private int cache = -1;
    /** 0xFF bytes after the cache byte, held back because a carry would turn them into 0x00. */
    private int pendingFF;
    /** Bytes shifted out of {@code low} so far: written, cached or pending. */
    private long shifted;
    private boolean finished;

    public RangeEncoder() {
        this(256);
    }

    /** @param initialCapacity a guess at the output size in bytes; the buffer grows as needed */
    public RangeEncoder(int initialCapacity) {
        if (initialCapacity < 0) {
            throw new IllegalArgumentException("initialCapacity must be >= 0, got " + initialCapacity);
        }
        out = new byte[Math.max(16, initialCapacity)];
    }

    /**
     * Codes {@code symbol} under {@code cdf}.
     *
     * <p>REQUIRES: {@code 0 <= symbol < cdf.symbolCount()}. (The CDF's own contract is enforced by
     * {@link QuantizedCdf}.)
     *
     * @throws IllegalArgumentException if the symbol is outside the alphabet
     * @throws IllegalStateException    after {@link #finish()}
     */
    public void encode(QuantizedCdf cdf, int symbol) {
        if (symbol < 0 || symbol >= cdf.symbolCount()) {
            throw new IllegalArgumentException(
                    "symbol " + symbol + " is outside the alphabet [0, " + cdf.symbolCount() + ")");
        }
        encodeInterval(cdf.lower(symbol), cdf.upper(symbol), cdf.precision());
    }

    /**
     * Codes the half-open interval {@code [lower, upper) / 2^precision}, the primitive behind
     * {@link #encode(QuantizedCdf, int)}. The decoder decodes it with a {@link QuantizedCdf} of the same precision
     * that has an entry at {@code lower} followed by one at {@code upper}.
     *
     * <p>REQUIRES: {@code 1 <= precision <= QuantizedCdf.MAX_PRECISION}.<br>
     * REQUIRES: {@code 0 <= lower < upper <= 2^precision}.
     *
     * @throws IllegalArgumentException if a requirement is broken
     * @throws IllegalStateException    after {@link #finish()}
     */
    public void encode(int lower, int upper, int precision) {
        if (precision < 1 || precision > QuantizedCdf.MAX_PRECISION) {
            throw new IllegalArgumentException(
                    "precision must be in [1, " + QuantizedCdf.MAX_PRECISION + "], got " + precision);
        }
        if (lower < 0 || lower >= upper || upper > 1 << precision) {
            throw new IllegalArgumentException("need 0 <= lower < upper <= 2^" + precision
                    + ", got lower=" + lower + ", upper=" + upper);
        }
        encodeInterval(lower, upper, precision);
    }

    /**
     * Flushes the coder and returns the payload. Picks the final value inside the last interval that has the most
     * trailing zero bits and drops those zero bytes: the decoder supplies zeros past the end of its input.
     * The encoder cannot be used afterwards.
     *
     * @throws IllegalStateException if called twice
     */
    public byte[] finish() {
        ensureOpen();
        finished = true;
        long bodyBytes = shifted;
        // Round low up to a multiple of 2^k that is still inside [low, low + range). k = 48 always works because
        // range >= 2^48, so the flush is at most one non-zero byte (plus any carry into the bytes before it).
        for (int k = RANGE_BITS; ; k -= 8) {
            long mask = (1L << k) - 1;
            long value = (low + mask) & ~mask;
            if (value - low < range) {
                low = value;
                break;
            }
        }
        for (int i = 0; i < WINDOW_BYTES; i++) {
            shiftLow();
        }
        shiftLow(); // low is now 0: this writes the cache and pending bytes; the zero it caches is never needed
        int keep = size;
        while (keep > bodyBytes && out[keep - 1] == 0) {
            keep--;
        }
        return Arrays.copyOf(out, keep);
    }

    private void encodeInterval(int lower, int upper, int precision) {
        ensureOpen();
        long r = range >>> precision;      // >= 2^24 because range >= 2^48 and precision <= 24
        low += r * lower;                  // < 2^57: low < 2^56 and r * lower < range <= 2^56
        range = r * (upper - lower);
        while (range < BOTTOM) {
            range <<= 8;
            shiftLow();
        }
    }

    /** Moves the top byte of {@code low} out, resolving a carry into the bytes before it (LZMA's scheme). */
    private void shiftLow() {
        if (low < (0xFFL << TOP_BYTE_SHIFT) || low >= TOP) {
            // The top byte is not 0xFF, or a carry arrived: every held-back byte is now final.
            int carry = (int) (low >>> RANGE_BITS);
            if (cache >= 0) {
                put(cache + carry);
            }
            for (; pendingFF > 0; pendingFF--) {
                put(0xFF + carry);
            }
            cache = (int) (low >>> TOP_BYTE_SHIFT) & 0xFF;
        } else {
            pendingFF++;
        }
        low = (low & (BOTTOM - 1)) << 8;
        shifted++;
    }

    private void put(int b) {
        if (size == out.length) {
            if (size == MAX_ARRAY) {
                throw new IllegalStateException("range coder output exceeds the largest byte array");
            }
            out = Arrays.copyOf(out, (int) Math.min(MAX_ARRAY, 2L * size));
        }
        out[size++] = (byte) b;
    }

    private void ensureOpen() {
        if (finished) {
            throw new IllegalStateException("encoder already finished");
        }
    }
}

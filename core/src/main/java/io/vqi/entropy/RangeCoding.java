package io.vqi.entropy;

/**
 * The numbers {@link RangeEncoder} and {@link RangeDecoder} must agree on, in one place.
 *
 * <p>The coder is a carry-propagating byte-wise range coder (Subbotin/LZMA family) with a 64-bit {@code low} and a
 * 56-bit {@code range}. The range starts at {@code 2^56} and is renormalised one byte at a time whenever it falls
 * below {@code 2^48}, so it always lies in {@code [2^48, 2^56]}. Coding a symbol at precision {@code p <= 24}
 * splits the range into {@code 2^p} parts of {@code range >>> p >= 2^24} units, and the truncation wastes less than
 * {@code 2^-24} of the range: far below the 0.5 % information bound the tests enforce.
 *
 * <p>{@code low} holds the 56 bits below the bytes already shifted out plus one carry bit (bit 56); carries into
 * bytes already decided are resolved with LZMA's cache byte and a count of pending {@code 0xFF} bytes.
 */
final class RangeCoding {
    /** Width of the range register. */
    static final int RANGE_BITS = 56;
    /** Initial range, and the carry bit of {@code low}. */
    static final long TOP = 1L << RANGE_BITS;
    /** Renormalise (shift out a byte) while the range is below this. */
    static final long BOTTOM = 1L << (RANGE_BITS - 8);
    /** Bit position of the top byte of the range register. */
    static final int TOP_BYTE_SHIFT = RANGE_BITS - 8;
    /**
     * Bytes the decoder primes its window with, and therefore how many bytes a valid stream lets the decoder read
     * past its end (the encoder drops trailing zero bytes of its final flush; the decoder supplies them).
     */
    static final int WINDOW_BYTES = RANGE_BITS / 8;

    private RangeCoding() {
    }
}

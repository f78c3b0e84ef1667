package io.vqi.entropy;

import static io.vqi.entropy.RangeCoding.BOTTOM;
import static io.vqi.entropy.RangeCoding.TOP;
import static io.vqi.entropy.RangeCoding.WINDOW_BYTES;

import io.vqi.core.CorruptStreamException;
import java.util.Objects;

/**
 * Decodes what {@link RangeEncoder} wrote, symbol by symbol in the order they were encoded; the caller passes the
 * same CDF the encoder used for each symbol.
 *
 * <p>Hostile input is safe: like tfc's {@code Read16BitValue} the decoder reads zeros past the end of its input,
 * but it counts them. A valid stream never makes it read more than {@value RangeCoding#WINDOW_BYTES} bytes past the
 * end, so the first read beyond that throws {@link CorruptStreamException}: a decoder driven past its last symbol,
 * or fed garbage, fails within a bounded number of calls instead of producing symbols forever. A code value that no
 * encoder could have produced is also reported. Offsets in exceptions are indices into the array given to the
 * constructor.
 *
 * <p>Not thread-safe.
 */
public final class RangeDecoder {
    private final byte[] input;
    private final int end;
    /** Index of the next byte to read; runs up to {@code WINDOW_BYTES} past {@code end} on valid streams. */
    private int pos;
    private long range = TOP;
    /** The coded value minus the encoder's {@code low}, in the same window: always in {@code [0, range)}. */
    private long code;

    public RangeDecoder(byte[] input) {
        this(input, 0, input.length);
    }

    /** Decodes {@code input[offset .. offset+length)}; the array is read, not copied, and must not change. */
    public RangeDecoder(byte[] input, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, input.length);
        this.input = input;
        this.end = offset + length;
        this.pos = offset;
        for (int i = 0; i < WINDOW_BYTES; i++) {   // priming never reads more than WINDOW_BYTES past the end
            code = (code << 8) | (pos < end ? input[pos] & 0xFF : 0);
            pos++;
        }
    }

    /**
     * Decodes the next symbol under {@code cdf}.
     *
     * @throws CorruptStreamException if the input cannot be what the encoder wrote for this sequence of CDFs:
     *                                the decoder ran clearly past the end of the input, or the code value is
     *                                outside every symbol's interval
     */
    public int decode(QuantizedCdf cdf) throws CorruptStreamException {
        long r = range >>> cdf.precision();
        long target = code / r;
        if (target >= cdf.total()) {
            // Only the sliver of range lost to truncation maps here; the encoder never lands in it.
            throw new CorruptStreamException(Math.max(0, pos - WINDOW_BYTES),
                    "code value lies outside the CDF's total; not a stream the encoder wrote");
        }
        int symbol = cdf.search((int) target);
        code -= r * cdf.lower(symbol);
        range = r * cdf.frequency(symbol);
        while (range < BOTTOM) {
            range <<= 8;
            code = (code << 8) | nextByte();
        }
        return symbol;
    }

    /**
     * Checks that the payload ended where the decoded symbols say it should: every input byte was needed, and
     * nothing but the encoder's final flush is missing. Call it after the last {@link #decode}. Like tfc's
     * {@code Finalize()} this is a sanity check, not an integrity check (a corrupted stream can still pass; the
     * container's CRC is the integrity check), but it catches wrong symbol counts and trailing bytes.
     *
     * @throws CorruptStreamException if bytes are left over or the flush is malformed
     */
    public void finish() throws CorruptStreamException {
        // The encoder wrote one byte per renormalisation (bodyEnd) plus a flush of at most one non-zero byte.
        // The decoder read those plus WINDOW_BYTES, so bodyEnd is where the flush starts.
        int bodyEnd = pos - WINDOW_BYTES;
        if (end > bodyEnd + 1) {
            throw new CorruptStreamException(bodyEnd + 1,
                    (end - bodyEnd - 1) + " byte(s) after the end of the coded symbols");
        }
        if (end == bodyEnd + 1 && input[end - 1] == 0) {
            throw new CorruptStreamException(end - 1, "payload ends with a zero byte the encoder never writes");
        }
    }

    private int nextByte() throws CorruptStreamException {
        int p = pos++;
        if (p < end) {
            return input[p] & 0xFF;
        }
        if (p - end >= WINDOW_BYTES) {
            throw new CorruptStreamException(p, "decoder read " + (p - end + 1)
                    + " bytes past the end of the payload (a valid stream needs at most " + WINDOW_BYTES
                    + "): more symbols decoded than were encoded, or corrupt data");
        }
        return 0;
    }
}

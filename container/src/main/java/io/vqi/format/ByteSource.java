package io.vqi.format;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Input for the reader that tracks the byte offset and turns a short read into {@link MalformedContainerException}.
 * Allocation follows the bytes that actually arrive: a length is checked against the remaining input when that is
 * known (byte arrays), and otherwise read in growing blocks, so a tiny stream claiming a huge chunk costs one block.
 * Never reads past what it is asked for, so {@code readHeader} leaves the stream just after the HEAD chunk.
 */
final class ByteSource {
    private static final int BLOCK = 64 * 1024;

    private final PushbackInputStream in;
    private final long length;
    private long position;

    private ByteSource(InputStream in, long length) {
        this.in = new PushbackInputStream(in, 1);
        this.length = length;
    }

    static ByteSource of(byte[] bytes) {
        return new ByteSource(new ByteArrayInputStream(bytes), bytes.length);
    }

    static ByteSource of(InputStream in) {
        return new ByteSource(in, -1);
    }

    long position() {
        return position;
    }

    /** Exactly {@code n} bytes, or a "truncated" error at the current offset naming {@code what}. */
    byte[] read(int n, String what) throws IOException {
        long start = position;
        if (length >= 0 && n > length - position) {
            throw truncated(start, what, n, length - position);
        }
        byte[] bytes = readAtMost(n);
        if (bytes.length < n) {
            throw truncated(start, what, n, bytes.length);
        }
        return bytes;
    }

    /** Up to {@code n} bytes: fewer only at the end of input. */
    byte[] readAtMost(int n) throws IOException {
        byte[] buf = new byte[Math.min(n, BLOCK)];
        int filled = 0;
        while (filled < n) {
            if (filled == buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(n, 2L * buf.length));
            }
            int got = in.read(buf, filled, buf.length - filled);
            if (got < 0) {
                break;
            }
            filled += got;
        }
        position += filled;
        return filled == buf.length ? buf : Arrays.copyOf(buf, filled);
    }

    /** An unsigned big-endian 32-bit integer. */
    long readU32(String what) throws IOException {
        return Integer.toUnsignedLong(ByteBuffer.wrap(read(4, what)).getInt());
    }

    /** True if no input is left. */
    boolean atEnd() throws IOException {
        if (length >= 0) {
            return position == length;
        }
        int next = in.read();
        if (next < 0) {
            return true;
        }
        in.unread(next);
        return false;
    }

    /** Bytes left, or -1 if the input is a stream of unknown length. */
    long remaining() {
        return length < 0 ? -1 : length - position;
    }

    private static MalformedContainerException truncated(long offset, String what, long needed, long available) {
        return new MalformedContainerException(offset, "truncated: " + what + " needs " + needed + " bytes, "
                + (available == 0 ? "input ends here" : "only " + available + " left"));
    }
}

package io.vqi.core;

import java.io.IOException;

/**
 * Malformed or desynchronised data: a container that breaks its spec or an entropy-coded payload that cannot be
 * what an encoder wrote. Carries the byte offset where the problem was seen, so that a user's one-line error and
 * a fuzzer's report both point at the byte.
 */
public class CorruptStreamException extends IOException {
    private static final long serialVersionUID = 1L;

    private final long offset;
    private final String reason;

    public CorruptStreamException(long offset, String reason) {
        super("corrupt data at byte " + offset + ": " + reason);
        this.offset = offset;
        this.reason = reason;
    }

    public CorruptStreamException(long offset, String reason, Throwable cause) {
        this(offset, reason);
        initCause(cause);
    }

    /** Byte offset, from the start of the stream being read, where the problem was detected. */
    public long offset() {
        return offset;
    }

    /** The reason without the offset prefix. */
    public String reason() {
        return reason;
    }
}

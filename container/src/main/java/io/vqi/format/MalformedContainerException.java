package io.vqi.format;

import io.vqi.core.CorruptStreamException;

/**
 * A {@code .vqi} file that breaks SPEC.md: bad signature, unsupported version, bad field, CRC mismatch, broken chunk
 * rules, a limit exceeded, truncation or trailing data. {@link #offset()} is the byte, from the start of the file,
 * of the field or chunk at fault (for truncation: where the input ended).
 */
public final class MalformedContainerException extends CorruptStreamException {
    private static final long serialVersionUID = 1L;

    public MalformedContainerException(long offset, String reason) {
        super(offset, reason);
    }
}

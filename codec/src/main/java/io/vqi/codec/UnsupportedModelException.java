package io.vqi.codec;

import java.io.IOException;

/** A well-formed file that this build cannot decode: its model is not available, or it uses features it lacks. */
public final class UnsupportedModelException extends IOException {
    private static final long serialVersionUID = 1L;

    public UnsupportedModelException(String message) {
        super(message);
    }
}

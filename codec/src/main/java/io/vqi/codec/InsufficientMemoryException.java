package io.vqi.codec;

import java.io.IOException;

/**
 * The image a file declares is within the format's limits but needs more heap to decode than this JVM may use:
 * refused before anything is allocated, instead of an {@link OutOfMemoryError} half-way.
 */
public final class InsufficientMemoryException extends IOException {
    public InsufficientMemoryException(String message) {
        super(message);
    }
}

package io.vqi.core;

/**
 * A setting the user chose is out of range or contradicts another one: a training option, a comparison's codec
 * list. The message is one line for the user and names the setting as it is typed on the command line
 * ({@code --batch must be in [1, 256], got 0}), so that the CLI can show it as it is and end with its usage exit
 * code instead of reporting a bug. It stays an {@link IllegalArgumentException} for callers from Java.
 */
public final class InvalidOptionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidOptionException(String message) {
        super(message);
    }
}

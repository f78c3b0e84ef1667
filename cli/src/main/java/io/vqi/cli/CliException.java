package io.vqi.cli;

/**
 * A failure a command reports to the user in its own words, with the exit code it should end with (one of
 * {@link ExitCodes}). Use it for problems that are neither a usage error (throw picocli's
 * {@code ParameterException}) nor an exception some library already throws with the right type.
 */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}

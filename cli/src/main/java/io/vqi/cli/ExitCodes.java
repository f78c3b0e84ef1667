package io.vqi.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The process exit codes of {@code vqi}, from BSD's {@code sysexits.h} so that scripts can tell a bad file from a
 * missing one or a broken disk. {@link #descriptions()} is the one list the help screens print.
 */
public final class ExitCodes {
    /** Everything worked. */
    public static final int OK = 0;
    /** The command line was wrong: unknown option, missing argument, bad value (EX_USAGE). */
    public static final int USAGE = 64;
    /**
     * The input was read but is not valid: a corrupt or truncated {@code .vqi} file or image, an image too large,
     * a file of a model this build does not have (EX_DATAERR).
     */
    public static final int DATA_ERROR = 65;
    /** An input file does not exist or is not a regular file (EX_NOINPUT). */
    public static final int NO_INPUT = 66;
    /** A bug in vqi: an exception nobody expected (EX_SOFTWARE). */
    public static final int INTERNAL = 70;
    /**
     * An output cannot be created: it exists and {@code --force} was not given, or its folder is missing
     * (EX_CANTCREAT).
     */
    public static final int CANT_CREATE = 73;
    /** Reading or writing failed: disk full, permission denied, device error (EX_IOERR). */
    public static final int IO_ERROR = 74;

    private ExitCodes() {
    }

    /** Code to one-line description, in ascending order, as the help screens list them. */
    public static Map<String, String> descriptions() {
        Map<String, String> list = new LinkedHashMap<>();
        list.put(key(OK), "success");
        list.put(key(USAGE), "usage error: unknown option, missing or bad argument");
        list.put(key(DATA_ERROR), "bad data: corrupt or truncated .vqi file or image, unknown model");
        list.put(key(NO_INPUT), "no input: a file does not exist or is not a regular file");
        list.put(key(INTERNAL), "internal error (a bug; --verbose shows the stack trace)");
        list.put(key(CANT_CREATE), "cannot write: an output exists (use --force) or its folder is missing");
        list.put(key(IO_ERROR), "I/O error while reading or writing");
        return list;
    }

    // Right-aligned so that picocli's key column lines up.
    private static String key(int code) {
        return String.format("%3d", code);
    }
}

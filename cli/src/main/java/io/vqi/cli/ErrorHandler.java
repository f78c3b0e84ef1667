package io.vqi.cli;

import io.vqi.core.CorruptStreamException;
import io.vqi.core.InvalidOptionException;
import io.vqi.codec.InsufficientMemoryException;
import io.vqi.codec.UnsupportedModelException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place that turns an exception into what the user sees: exactly one line {@code vqi: <message>} on stderr
 * (plus the stack trace with {@code --verbose}) and an exit code from {@link ExitCodes}.
 * {@link VqiCli#newCommandLine()} installs it for every command; a command that keeps going after a failure (one
 * bad file among several) calls {@link #report} and {@link #exitCode} itself.
 */
public final class ErrorHandler implements IExecutionExceptionHandler, IExitCodeExceptionMapper,
        IParameterExceptionHandler {
    /** Starts every error line, so that the line says which program complained. */
    public static final String PREFIX = "vqi: ";

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult fullParseResult) {
        String message = message(ex);
        if (ex instanceof InvalidOptionException) { // found by the command, not the parser: the same hint
            message += helpHint(commandLine);
        }
        report(commandLine.getErr(), message, ex, isVerbose(fullParseResult));
        return exitCode(ex);
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine commandLine = ex.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println(PREFIX + oneLine(ex.getMessage()) + suggestion(ex) + helpHint(commandLine));
        err.flush();
        return ExitCodes.USAGE;
    }

    /** For a mistyped command or option, what picocli thinks was meant ("vqi compres": did you mean compress?). */
    private static String suggestion(ParameterException ex) {
        if (ex instanceof CommandLine.UnmatchedArgumentException u) {
            java.util.List<String> close = u.getSuggestions();
            if (!close.isEmpty()) {
                return "; did you mean " + String.join(" or ", close.subList(0, Math.min(3, close.size()))) + "?";
            }
        }
        return "";
    }

    @Override
    public int getExitCode(Throwable exception) {
        return exitCode(exception);
    }

    /** The exit code for a failure: see {@link ExitCodes} for what each means. */
    public static int exitCode(Throwable t) {
        if (t instanceof CliException e) {
            return e.exitCode();
        }
        if (t instanceof ParameterException || t instanceof InvalidOptionException) {
            return ExitCodes.USAGE;
        }
        if (t instanceof UncheckedIOException e) {
            return exitCode(e.getCause());
        }
        if (t instanceof NoSuchFileException || t instanceof FileNotFoundException) {
            return ExitCodes.NO_INPUT;
        }
        if (t instanceof CorruptStreamException || t instanceof UnsupportedModelException
                || t instanceof InsufficientMemoryException) {
            return ExitCodes.DATA_ERROR;
        }
        if (t instanceof FileAlreadyExistsException) {
            return ExitCodes.CANT_CREATE;
        }
        if (t instanceof IOException) {
            return ExitCodes.IO_ERROR;
        }
        return ExitCodes.INTERNAL;
    }

    /** One line (without the {@code vqi: } prefix) that says what went wrong, for the user rather than a developer. */
    public static String message(Throwable t) {
        return oneLine(describe(t));
    }

    /**
     * Like {@link #message(Throwable)}, for a failure while working on {@code file}: the file's name leads the line
     * unless the message already names it (file-system exceptions do).
     */
    public static String message(Path file, Throwable t) {
        Throwable root = t instanceof UncheckedIOException ? t.getCause() : t;
        return root instanceof FileSystemException ? message(t) : file + ": " + message(t);
    }

    /** Prints {@code vqi: <message>} to {@code err}; the stack trace follows only when {@code verbose}. */
    public static void report(PrintWriter err, String message, Throwable t, boolean verbose) {
        boolean internal = exitCode(t) == ExitCodes.INTERNAL;
        err.println(PREFIX + message + (internal && !verbose ? " (run with --verbose for the stack trace)" : ""));
        if (verbose) {
            t.printStackTrace(err);
        }
        err.flush();
    }

    /** True if {@code --verbose} was given to the command or to any command above it. */
    static boolean isVerbose(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable t) {
        if (t instanceof CliException || t instanceof ParameterException || t instanceof CorruptStreamException
                || t instanceof InvalidOptionException) {
            return t.getMessage();
        }
        if (t instanceof UncheckedIOException e) {
            return describe(e.getCause());
        }
        if (t instanceof NoSuchFileException e) {
            return "no such file: " + e.getFile();
        }
        if (t instanceof AccessDeniedException e) {
            return "permission denied: " + e.getFile();
        }
        if (t instanceof FileSystemException e) {
            return e.getFile() + ": " + (e.getReason() != null ? e.getReason() : e.getClass().getSimpleName());
        }
        if (t instanceof IOException) {
            return t.getMessage() != null ? t.getMessage() : "I/O error (" + t.getClass().getSimpleName() + ")";
        }
        return "internal error: " + t;
    }

    private static String helpHint(CommandLine commandLine) {
        return " (see '" + commandLine.getCommandSpec().qualifiedName() + " --help')";
    }

    // A message from a library may span lines; the contract is one line per error.
    private static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}

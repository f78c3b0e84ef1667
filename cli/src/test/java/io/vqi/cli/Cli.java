package io.vqi.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code vqi} in-process, as {@link Main} would, and captures what it prints. */
final class Cli {
    private Cli() {
    }

    /** The exit code and the text written to stdout and stderr. */
    record Result(int exitCode, String out, String err) {
        /** stderr split into lines (none if empty). */
        String[] errLines() {
            return err.isEmpty() ? new String[0] : err.split("\\R");
        }
    }

    /** Runs {@code args} on the command line {@link Main} builds for them (only the command they name). */
    static Result run(String... args) {
        return run(VqiCli.newCommandLine(args), args);
    }

    static Result run(CommandLine commandLine, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }
}

package io.vqi.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vqi.core.CorruptStreamException;
import io.vqi.core.InvalidOptionException;
import io.vqi.format.MalformedContainerException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class ErrorHandlerTest {
    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new NoSuchFileException("a.vqi"), ExitCodes.NO_INPUT, "no such file: a.vqi"),
                Arguments.of(new FileNotFoundException("a.vqi (No such file or directory)"), ExitCodes.NO_INPUT,
                        "a.vqi (No such file or directory)"),
                Arguments.of(new UncheckedIOException(new NoSuchFileException("a.vqi")), ExitCodes.NO_INPUT,
                        "no such file: a.vqi"),
                Arguments.of(new MalformedContainerException(98, "CRC mismatch"), ExitCodes.DATA_ERROR,
                        "corrupt data at byte 98: CRC mismatch"),
                Arguments.of(new CorruptStreamException(7, "decoder out of sync"), ExitCodes.DATA_ERROR,
                        "corrupt data at byte 7: decoder out of sync"),
                Arguments.of(new AccessDeniedException("out.png"), ExitCodes.IO_ERROR, "permission denied: out.png"),
                Arguments.of(new FileSystemException("out.png", null, "No space left on device"),
                        ExitCodes.IO_ERROR, "out.png: No space left on device"),
                Arguments.of(new IOException("Input/output error"), ExitCodes.IO_ERROR, "Input/output error"),
                Arguments.of(new IOException(), ExitCodes.IO_ERROR, "I/O error (IOException)"),
                Arguments.of(new CliException(ExitCodes.NO_INPUT, "no model 'x'"), ExitCodes.NO_INPUT,
                        "no model 'x'"),
                Arguments.of(new InvalidOptionException("--batch must be in [1, 256], got 0"), ExitCodes.USAGE,
                        "--batch must be in [1, 256], got 0"),
                Arguments.of(new IllegalStateException("boom"), ExitCodes.INTERNAL,
                        "internal error: java.lang.IllegalStateException: boom"),
                Arguments.of(new IOException("first\n  second\r\nthird  "), ExitCodes.IO_ERROR,
                        "first second third"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void mapsEachFailureToAnExitCodeAndOneLine(Throwable failure, int exitCode, String message) {
        assertEquals(exitCode, ErrorHandler.exitCode(failure));
        assertEquals(exitCode, new ErrorHandler().getExitCode(failure));
        assertEquals(message, ErrorHandler.message(failure));
    }

    @Test
    void namesTheFileUnlessTheMessageAlreadyDoes() {
        Path file = Path.of("dir", "a.vqi");
        assertEquals(file + ": corrupt data at byte 8: x",
                ErrorHandler.message(file, new MalformedContainerException(8, "x")));
        assertEquals("no such file: " + file, ErrorHandler.message(file, new NoSuchFileException(file.toString())));
    }

    @Command(name = "fail")
    static final class Fail implements Callable<Integer> {
        static Exception next;

        @Override
        public Integer call() throws Exception {
            throw next;
        }
    }

    private static Cli.Result runFailing(Exception failure, String... args) {
        Fail.next = failure;
        CommandLine commandLine = VqiCli.newCommandLine().addSubcommand(new Fail());
        return Cli.run(commandLine, args);
    }

    @Test
    void anUnexpectedExceptionIsOneLineWithoutStackTrace() {
        Cli.Result result = runFailing(new IllegalStateException("boom"), "fail");
        assertAll(
                () -> assertEquals(ExitCodes.INTERNAL, result.exitCode()),
                () -> assertEquals("vqi: internal error: java.lang.IllegalStateException: boom (run with --verbose"
                        + " for the stack trace)", result.err().strip()),
                () -> assertEquals(1, result.errLines().length),
                () -> assertEquals("", result.out()));
    }

    @Test
    void verboseAddsTheStackTraceWhereverItIsGiven() {
        for (String[] args : new String[][] {{"-v", "fail"}, {"fail", "--verbose"}}) {
            Cli.Result result = runFailing(new IOException("disk on fire"), args);
            assertEquals(ExitCodes.IO_ERROR, result.exitCode());
            assertEquals("vqi: disk on fire", result.errLines()[0]);
            assertTrue(result.err().contains("java.io.IOException: disk on fire"), result.err());
            assertTrue(result.err().contains("\tat io.vqi.cli.ErrorHandlerTest."), result.err());
        }
    }

    @Test
    void aCorruptStreamFromAnyCommandIsBadData() {
        Cli.Result result = runFailing(new CorruptStreamException(12, "bad"), "fail");
        assertEquals(ExitCodes.DATA_ERROR, result.exitCode());
        assertEquals("vqi: corrupt data at byte 12: bad", result.err().strip());
        assertFalse(result.err().contains("\tat "));
    }
}

package io.vqi.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VqiCliTest {
    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h"})
    void helpListsTheCommandsAndEveryExitCode(String option) {
        Cli.Result result = Cli.run(option);
        assertEquals(ExitCodes.OK, result.exitCode());
        assertEquals("", result.err());
        String help = result.out();
        assertTrue(help.startsWith("Usage: vqi"), help);
        for (String command : new String[] {"info", "help", "generate-completion"}) {
            assertTrue(help.contains("\n  " + command + " "), command + " missing from\n" + help);
        }
        assertListsExitCodes(help);
        assertTrue(help.endsWith("Run 'vqi help COMMAND' for the options of one command." + System.lineSeparator()),
                help);
    }

    @Test
    void everyCommandListsTheExitCodesAndCommonOptions() {
        for (String[] args : new String[][] {{"info", "--help"}, {"help", "info"}}) {
            Cli.Result result = Cli.run(args);
            assertEquals(ExitCodes.OK, result.exitCode());
            assertTrue(result.out().startsWith("Usage: vqi info"), result.out());
            for (String option : new String[] {"--json", "--verbose", "--quiet", "--help", "--version"}) {
                assertTrue(result.out().contains(option), option + " missing from\n" + result.out());
            }
            assertListsExitCodes(result.out());
            assertFalse(result.out().contains("vqi help COMMAND"), "the footer is the top command's");
        }
    }

    private static void assertListsExitCodes(String help) {
        assertTrue(help.contains("Exit codes:"), help);
        for (Map.Entry<String, String> code : ExitCodes.descriptions().entrySet()) {
            assertTrue(help.contains(code.getKey() + "   " + code.getValue()), code + " missing from\n" + help);
        }
        for (int code : new int[] {ExitCodes.OK, ExitCodes.USAGE, ExitCodes.DATA_ERROR, ExitCodes.NO_INPUT,
                ExitCodes.INTERNAL, ExitCodes.IO_ERROR}) {
            assertTrue(help.matches("(?s).*\\n\\s+" + code + "\\s+\\S.*"), code + " missing from\n" + help);
        }
    }

    @Test
    void versionNamesTheBuildAndTheFormat() {
        Cli.Result result = Cli.run("--version");
        assertEquals(ExitCodes.OK, result.exitCode());
        // Tests run from target/classes, which has no manifest.
        assertEquals("vqi " + ManifestVersionProvider.DEV + " (.vqi format " + io.vqi.format.VqiFormat.VERSION_MAJOR + "."
                + io.vqi.format.VqiFormat.VERSION_MINOR + ")", result.out().lines().findFirst()
                .orElseThrow());
        assertTrue(result.out().contains("Java " + System.getProperty("java.version")), result.out());
    }

    @Test
    void noCommandIsAUsageError() {
        assertUsageError(Cli.run(), "vqi: no command given (see 'vqi --help')");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertUsageError(Cli.run("--bogus"), "vqi: Unknown option: '--bogus' (see 'vqi --help')");
        assertUsageError(Cli.run("info", "--bogus", "a.vqi"),
                "vqi: Unknown option: '--bogus' (see 'vqi info --help')");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        Cli.Result result = Cli.run("frobnicate");
        assertUsageError(result, null);
        assertTrue(result.err().contains("'frobnicate'"), result.err());
    }

    @Test
    void aMissingArgumentIsAUsageError() {
        assertUsageError(Cli.run("info"), "vqi: Missing required parameter: 'FILE' (see 'vqi info --help')");
    }

    private static void assertUsageError(Cli.Result result, String line) {
        assertAll(
                () -> assertEquals(ExitCodes.USAGE, result.exitCode()),
                () -> assertEquals("", result.out()),
                () -> assertEquals(1, result.errLines().length, result.err()),
                () -> assertTrue(result.err().startsWith("vqi: "), result.err()),
                () -> {
                    if (line != null) {
                        assertEquals(line, result.err().strip());
                    }
                });
    }

    @Test
    void generatesABashCompletionScript() {
        Cli.Result result = Cli.run("generate-completion");
        assertEquals(ExitCodes.OK, result.exitCode());
        assertTrue(result.out().contains("complete -F"), result.out());
        assertTrue(result.out().contains("info"), result.out());
    }

    @Test
    void theCommandNamesAreTheCommandsInHelpOrder() {
        assertEquals(VqiCli.COMMAND_NAMES, List.copyOf(VqiCli.newCommandLine().getSubcommands().keySet()));
    }

    @Test
    void aCommandLineThatNamesACommandRegistersThatCommandAlone() {
        assertEquals(List.of("info"), List.copyOf(VqiCli.newCommandLine("-v", "info", "x.vqi").getSubcommands().keySet()));
        assertEquals(List.of("info"),
                List.copyOf(VqiCli.newCommandLine("--device", "cpu", "info", "x").getSubcommands().keySet()));
        assertEquals(List.of(), List.copyOf(VqiCli.newCommandLine("--version").getSubcommands().keySet()));
        for (String[] full : new String[][] {{}, {"--help"}, {"help", "info"}, {"infp"}, {"--bogus"}}) {
            assertEquals(VqiCli.COMMAND_NAMES, List.copyOf(VqiCli.newCommandLine(full).getSubcommands().keySet()),
                    String.join(" ", full));
        }
    }
}

package io.vqi.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's help renders as written: picocli reads descriptions as format strings. */
class HelpTextTest {

    /**
     * Regression: {@code vqi train refine --help} printed three "[picocli WARN] Could not format" lines because a
     * description said "20 % faster" (a format specifier to picocli) instead of "20 %% faster".
     */
    @Test
    void everyCommandsHelpRendersWithoutPicocliWarnings() {
        List<CommandLine> all = new ArrayList<>();
        collect(VqiCli.newCommandLine(), all);
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            for (CommandLine command : all) {
                String help = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
                assertFalse(help.contains("%n"), command.getCommandName() + ": unformatted help\n" + help);
            }
        } finally {
            System.setErr(stderr);
        }
        assertEquals("", captured.toString(StandardCharsets.UTF_8));
        assertFalse(all.size() < 8, "expected the whole command tree, got " + all.size() + " commands");
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        into.add(command);
        command.getSubcommands().values().forEach(sub -> collect(sub, into));
    }
}

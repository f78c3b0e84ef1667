package io.vqi.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code vqi} command. A new subcommand is one more class in {@code subcommands}: it inherits {@code -h},
 * {@code -V}, {@link CommonOptions}, the exit-code list and the {@link ErrorHandler}. Build command lines with
 * {@link #newCommandLine()} (what {@link Main} runs, and what tests run in-process).
 */
@Command(name = "vqi",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT,
        versionProvider = ManifestVersionProvider.class,
        synopsisSubcommandLabel = "COMMAND",
        description = "A lossy image codec built on a trained VQ-VAE.",
        commandListHeading = "%nCommands:%n",
        subcommands = {
                CompressCommand.class,
                DecompressCommand.class,
                InfoCommand.class,
                TranscodeCommand.class,
                TrainCommand.class,
                EvaluateCommand.class,
                CompareCommand.class,
                HelpCommand.class,
                AutoComplete.GenerateCompletion.class,
        })
public final class VqiCli implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private CommonOptions options = new CommonOptions();

    /** A command line with the error handling, exit codes and help that every {@code vqi} command shares. */
    public static CommandLine newCommandLine() {
        ErrorHandler errors = new ErrorHandler();
        CommandLine commandLine = new CommandLine(new VqiCli())
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors)
                .setExitCodeExceptionMapper(errors);
        addExitCodeList(commandLine);
        // Set here, not in @Command, so that the subcommands (which inherit the annotation) do not repeat it.
        commandLine.getCommandSpec().usageMessage()
                .footer("", "Run 'vqi help COMMAND' for the options of one command.");
        return commandLine;
    }

    /** The options given on this command line, shared with every subcommand. */
    public CommonOptions options() {
        return options;
    }

    /** Runs when no command is named: that is a usage error. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "no command given");
    }

    // Every command's help lists the exit codes; ExitCodes is the one source of the list.
    private static void addExitCodeList(CommandLine commandLine) {
        commandLine.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(ExitCodes.descriptions());
        commandLine.getSubcommands().values().forEach(VqiCli::addExitCodeList);
    }
}

package io.vqi.cli;

import io.vqi.codec.ModelRegistry;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
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
        commandListHeading = "%nCommands:%n")
public final class VqiCli implements Callable<Integer> {
    /**
     * The subcommands, in the order help lists them. Added in code, not in {@code @Command}: picocli reflects over
     * every registered command class (options, mixins, nested subcommands) when the command line is built, which
     * cost a cold JVM more than {@code vqi info} itself; {@link #newCommandLine(String...)} registers only the one
     * a command line names.
     */
    private static final List<Supplier<Object>> COMMANDS = List.of(
            CompressCommand::new,
            DecompressCommand::new,
            InfoCommand::new,
            TranscodeCommand::new,
            TrainCommand::new,
            EvaluateCommand::new,
            CompareCommand::new,
            HelpCommand::new,
            AutoComplete.GenerateCompletion::new);

    /** Names of {@link #COMMANDS}, same order; a test checks they match the classes' {@code @Command} names. */
    static final List<String> COMMAND_NAMES = List.of(
            "compress", "decompress", "info", "transcode", "train", "evaluate", "compare", "help",
            "generate-completion");

    /** Root options that take a value (the next argument, unless written {@code --opt=value}). */
    private static final Set<String> ROOT_OPTIONS_WITH_VALUE = Set.of("--device");
    @Spec
    private CommandSpec spec;

    @Mixin
    private CommonOptions options = new CommonOptions();

    /** The models every command starts from (the embedded ones; tests give none). */
    private final ModelRegistry models;

    public VqiCli() {
        this(ModelRegistry.embedded());
    }

    VqiCli(ModelRegistry models) {
        this.models = models;
    }

    /** A command line with the error handling, exit codes and help that every {@code vqi} command shares. */
    public static CommandLine newCommandLine() {
        return build(ModelRegistry.embedded(), COMMANDS);
    }

    /**
     * A command line for {@code args}: the same as {@link #newCommandLine()} for what {@code args} can reach, but
     * with only the subcommand {@code args} names when it names one (and none for {@code vqi --version}), so a cold
     * start reflects over that command alone. Help, a missing or mistyped command, and anything unclear get every
     * command, as they must list or suggest them.
     */
    public static CommandLine newCommandLine(String... args) {
        return newCommandLine(ModelRegistry.embedded(), args);
    }

    /** As above, the commands starting from {@code models} instead of the embedded ones. */
    static CommandLine newCommandLine(ModelRegistry models, String... args) {
        String named = null;
        boolean onlyRootFlags = args.length > 0;
        for (int i = 0; i < args.length && named == null; i++) {
            String a = args[i];
            if (ROOT_OPTIONS_WITH_VALUE.contains(a)) {
                i++; // its value
                continue;
            }
            if (a.startsWith("-")) {
                onlyRootFlags &= a.equals("-V") || a.equals("--version") || a.equals("-v") || a.equals("--verbose")
                        || a.equals("--quiet") || a.startsWith("--device=");
                continue;
            }
            named = a;
        }
        int index = named == null ? -1 : COMMAND_NAMES.indexOf(named);
        if (index >= 0 && !named.equals("help")) {
            return build(models, List.of(COMMANDS.get(index)));
        }
        if (named == null && onlyRootFlags) {
            return build(models, List.of());
        }
        return build(models, COMMANDS);
    }

    private static CommandLine build(ModelRegistry models, List<Supplier<Object>> commands) {
        ErrorHandler errors = new ErrorHandler();
        CommandLine commandLine = new CommandLine(new VqiCli(models))
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors)
                .setExitCodeExceptionMapper(errors);
        for (Supplier<Object> command : commands) {
            commandLine.addSubcommand(command.get());
        }
        addExitCodeList(commandLine);
        // Set here, not in @Command, so that the subcommands (which inherit the annotation) do not repeat it.
        commandLine.getCommandSpec().usageMessage()
                .footer("", "Run 'vqi help COMMAND' for the options of one command.");
        return commandLine;
    }

    /** The models the commands start from, before their {@code --model} files. */
    ModelRegistry models() {
        return models;
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

package io.vqi.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Options every command has. {@link VqiCli} mixes this in once with {@link ScopeType#INHERIT}, so every subcommand
 * accepts them before or after its name ({@code vqi -v info x} and {@code vqi info -v x}) and the values land in the
 * one instance that {@link #of(CommandSpec)} returns.
 */
public final class CommonOptions {
    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Say more: print the stack trace with an error.")
    private boolean verbose;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "Say less: no progress or notes on stderr, only results and errors.")
    private boolean quiet;

    /** The options of the command line that {@code spec} belongs to (the instance mixed into the root command). */
    public static CommonOptions of(CommandSpec spec) {
        if (spec.root().userObject() instanceof VqiCli root) {
            return root.options();
        }
        throw new IllegalStateException("command '" + spec.qualifiedName() + "' does not run under VqiCli");
    }

    public boolean verbose() {
        return verbose;
    }

    public boolean quiet() {
        return quiet;
    }
}

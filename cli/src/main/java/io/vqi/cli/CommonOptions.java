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

    // Not -q: in every image encoder users know (cwebp, cjxl, avifenc) -q is the quality.
    @Option(names = "--quiet", scope = ScopeType.INHERIT,
            description = "Say less: no progress or notes on stderr, only results and errors.")
    private boolean quiet;

    @Option(names = "--device", scope = ScopeType.INHERIT, defaultValue = "auto", paramLabel = "cpu|gpu|auto",
            description = "Where the networks run: cpu (nd4j-native), gpu (a -Pcuda build) or auto (default). "
                    + "The entropy coder is pure Java on every device.")
    private String device = "auto";

    /** The options of the command line that {@code spec} belongs to (the instance mixed into the root command). */
    public static CommonOptions of(CommandSpec spec) {
        if (spec.root().userObject() instanceof VqiCli root) {
            return root.options();
        }
        throw new IllegalStateException("command '" + spec.qualifiedName() + "' does not run under VqiCli");
    }

    /**
     * Checks that the ND4J backend is the one {@code --device} asked for (the launcher sets ND4J's priorities from
     * it before the JVM starts) and, with {@code --verbose}, says which one runs.
     */
    public void useDevice(java.io.PrintWriter err) {
        io.vqi.network.Backend.Request request;
        try {
            request = io.vqi.network.Backend.Request.valueOf(device.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "--device must be cpu, gpu or auto, not '" + device + "'");
        }
        try {
            io.vqi.network.Backend.require(request);
        } catch (IllegalStateException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
        if (verbose) {
            err.println("vqi: backend " + io.vqi.network.Backend.describe());
            err.flush();
        }
    }

    public boolean verbose() {
        return verbose;
    }

    public boolean quiet() {
        return quiet;
    }
}

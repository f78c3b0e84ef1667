package io.vqi.cli;

import io.vqi.network.Backend;

import java.util.List;

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
        String request = device.toLowerCase(java.util.Locale.ROOT);
        if (!List.of("cpu", "gpu", "auto").contains(request)) {
            throw new CliException(ExitCodes.USAGE, "--device must be cpu, gpu or auto, not '" + device + "'");
        }
        Backend active = request.equals("auto") ? null : Backend.active();
        if (request.equals("gpu") && active != Backend.GPU) {
            throw new CliException(ExitCodes.USAGE, "--device gpu: no usable GPU backend (this build has "
                    + "nd4j-native only; build with 'mvn -Pcuda package' on a machine with CUDA 11.6)");
        }
        if (request.equals("cpu") && active != Backend.CPU) {
            throw new CliException(ExitCodes.USAGE, "--device cpu: ND4J chose the GPU backend; run through ./vqi, "
                    + "which sets BACKEND_PRIORITY_CPU above BACKEND_PRIORITY_GPU for --device cpu");
        }
        if (verbose) {
            err.println("vqi: backend " + Backend.describe());
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

package io.vqi.network;

import org.nd4j.linalg.factory.Nd4j;

import java.util.Locale;

/**
 * Which ND4J backend runs the networks. ND4J picks it once per process, before any array exists, from the
 * backends on the classpath and the {@code BACKEND_PRIORITY_CPU} / {@code BACKEND_PRIORITY_GPU} environment
 * variables (the {@code ./vqi} launcher sets them for {@code --device}); here we only report what ran, and the command line
 * says what it means for the user.
 * None of this touches the entropy coder, which is pure Java on every backend.
 */
public enum Backend {
    CPU, GPU;

    /** The backend ND4J loaded (loads it if nothing has yet). */
    public static Backend active() {
        String name = Nd4j.getBackend().getClass().getName().toLowerCase(Locale.ROOT);
        return name.contains("cuda") || name.contains("jcublas") ? GPU : CPU;
    }

    /** A one-line description for {@code --verbose} and {@code --version}: backend class and its build. */
    public static String describe() {
        Backend b = active();
        String impl = Nd4j.getBackend().getClass().getSimpleName();
        return b.name().toLowerCase(Locale.ROOT) + " (" + impl + ", " + Nd4j.getEnvironment().maxMasterThreads()
                + " threads)";
    }
}

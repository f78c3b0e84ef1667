package io.vqi.network;

import org.nd4j.linalg.factory.Nd4j;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Which ND4J backend runs the networks. ND4J picks it once per process, before any array exists, from the
 * backends on the classpath and the {@code BACKEND_PRIORITY_CPU} / {@code BACKEND_PRIORITY_GPU} environment
 * variables (the {@code ./vqi} launcher sets them for {@code --device}); here we only report what ran, and the command line
 * says what it means for the user.
 * None of this touches the entropy coder, which is pure Java on every backend.
 */
public enum Backend {
    CPU, GPU;

    private static final AtomicBoolean PRELOADING = new AtomicBoolean();

    /**
     * Starts loading ND4J (its native libraries, the backend, the thread pools) on a background thread, once per
     * process, so that it overlaps the pure-Java work before the networks run: reading the image or the file, loading
     * the model, decoding the index grid. On two cores that hides most of the half second it takes. Whatever fails
     * here fails again where the networks are first used, and is reported there.
     */
    public static void preload() {
        if (PRELOADING.compareAndSet(false, true)) {
            Thread t = new Thread(() -> {
                try {
                    Nd4j.create(1).close();
                } catch (RuntimeException | LinkageError ignored) {
                    // reported by the first real use
                }
            }, "vqi-nd4j-preload");
            t.setDaemon(true);
            t.start();
        }
    }

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

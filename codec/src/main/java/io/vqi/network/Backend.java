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
     * process, so that it overlaps the pure-Java work before the networks run: loading the model, decoding the index
     * grid. On two cores that hides most of the half second it takes. Whatever fails here fails again where the
     * networks are first used, and is reported there.
     *
     * <p>It must not overlap another thread loading a native library: JavaCPP resolves symbols with {@code dlsym}
     * inside a {@code dl_iterate_phdr} callback ({@code Loader.addressof}), taking glibc's two loader locks in the order
     * opposite to {@code dlopen}'s, so a library loaded by another thread meanwhile deadlocks both for good (seen:
     * {@code vqi compress} hung reading its input, whose ImageIO stream loaded {@code libawt} while ND4J started).
     * The JDK's imaging libraries, which reading and writing pictures load ({@code libawt}, {@code libjavajpeg},
     * {@code liblcms}), are therefore loaded here first, on the calling thread (about 20 ms).
     */
    public static void preload() {
        if (PRELOADING.compareAndSet(false, true)) {
            loadImagingLibraries();
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

    /**
     * {@code libawt} and {@code libawt_headless} (ColorModel's initialisation, as ImageIO's streams and images),
     * {@code libjavajpeg} (the JDK's JPEG reader, which TwelveMonkeys' delegates to) and {@code liblcms} (ICC
     * conversions). A JDK without one of them loads it later, as before.
     */
    static void loadImagingLibraries() {
        java.awt.image.ColorModel.getRGBdefault();
        java.awt.color.ICC_Profile.getInstance(java.awt.color.ColorSpace.CS_sRGB).getData();
        try {
            Class.forName("com.sun.imageio.plugins.jpeg.JPEGImageReader", true, ClassLoader.getSystemClassLoader());
        } catch (ClassNotFoundException | LinkageError ignored) {
            // another JDK's JPEG reader
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

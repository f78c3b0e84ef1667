package io.vqi.network;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Regression: {@code vqi compress} hung for good, about one run in a hundred, when ImageIO loaded {@code libawt} while
 * ND4J started on {@link Backend#preload}'s thread (JavaCPP's symbol lookup and {@code dlopen} take glibc's loader
 * locks in opposite orders). Now the imaging libraries are loaded before that thread starts: a fresh JVM has them
 * mapped the moment {@code preload()} returns. (The race itself is too rare to reproduce in a test.)
 */
class BackendPreloadTest {

    @Test
    void imagingLibrariesAreLoadedBeforeNd4jStarts() throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/maps")), "needs Linux's /proc/self/maps");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dorg.bytedeco.javacpp.platform.extension=-onednn", Probe.class.getName()))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "probe did not finish");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("before: no libawt") && out.contains("after: libawt libjavajpeg liblcms"), out);
    }

    /** Prints which imaging libraries are mapped before and right after {@code Backend.preload()}. */
    public static final class Probe {
        public static void main(String[] args) throws IOException {
            System.out.println("before: " + (mapped().contains("libawt") ? "libawt" : "no libawt"));
            Backend.preload();
            System.out.println("after: " + mapped());
            System.out.flush();
            Runtime.getRuntime().halt(0); // ND4J may still be starting on its daemon thread
        }

        private static String mapped() throws IOException {
            String maps = Files.readString(Path.of("/proc/self/maps"));
            StringBuilder found = new StringBuilder();
            for (String lib : List.of("libawt", "libjavajpeg", "liblcms")) {
                if (maps.contains("/" + lib + ".so")) {
                    found.append(found.length() == 0 ? "" : " ").append(lib);
                }
            }
            return found.toString();
        }
    }
}

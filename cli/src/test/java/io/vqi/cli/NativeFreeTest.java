package io.vqi.cli;

import io.vqi.testdata.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code vqi info} reads a file's header and chunks only: in a JVM of its own with {@code -verbose:class}, no class of
 * ND4J or JavaCPP is loaded, so no native code either (issue 13: the pure-Java parts never pull ND4J in).
 */
class NativeFreeTest {
    @TempDir
    Path dir;

    @Test
    void infoLoadsNoNativeCode() throws IOException, InterruptedException {
        Path file = dir.resolve("default.vqi");
        try (InputStream in = TestData.open("golden/default/scene-256x192-q2.vqi")) {
            Files.copy(in, file);
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-verbose:class", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "info", file.toString()))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "vqi info did not finish");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("256 x 192") || out.contains("256x192"), out.lines().filter(l -> !l.startsWith("[")).toList().toString());
        assertFalse(out.contains("org.nd4j."), "vqi info loaded ND4J");
        assertFalse(out.contains("org.bytedeco."), "vqi info loaded JavaCPP");
    }
}

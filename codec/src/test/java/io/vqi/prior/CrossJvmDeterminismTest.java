package io.vqi.prior;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The probabilities that reach the coder must not depend on the JIT, on vector instructions or on threads: the
 * failure that breaks learned codecs in the field. Each variant runs the probe in a fresh JVM.
 */
class CrossJvmDeterminismTest {

    private static String expected;

    @BeforeAll
    static void inProcess() throws Exception {
        expected = DeterminismProbe.fingerprint();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-Xint", "-XX:UseAVX=0", "-XX:TieredStopAtLevel=1", "-XX:-UseSuperWord", "-XX:+UseSerialGC",
            "-XX:ActiveProcessorCount=1", "-Djava.util.concurrent.ForkJoinPool.common.parallelism=1"})
    void childJvmComputesTheSameBitstreamAndCdfs(String flag) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, flag, "-cp", System.getProperty("java.class.path"),
                DeterminismProbe.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        boolean done = p.waitFor(120, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        assertTrue(done, "child JVM timed out");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.exitValue(), out);
        String[] lines = out.split("\\R");
        assertEquals(expected, lines[lines.length - 1], "with " + flag);
    }
}

package io.vqi.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --device}: this build has the CPU backend only, so gpu is refused with a one-line reason. */
class DeviceOptionTest {

    @Test
    void gpuIsRefusedOnACpuBuild(@TempDir Path dir) throws Exception {
        Path model = Fixtures.writeModel(dir.resolve("m.vqm"), 1);
        Path image = Fixtures.image(dir, "scene-256x192.png");
        Cli.Result r = Cli.run("compress", "--device", "gpu", "--model", model.toString(), image.toString(),
                "-o", dir.resolve("x.vqi").toString());
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.err());
        assertTrue(r.err().contains("no usable GPU backend"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void cpuRunsAndVerboseSaysWhichBackend(@TempDir Path dir) throws Exception {
        Path model = Fixtures.writeModel(dir.resolve("m.vqm"), 1);
        Path image = Fixtures.image(dir, "scene-256x192.png");
        Cli.Result r = Cli.run("compress", "--device", "cpu", "-v", "--model", model.toString(), image.toString(),
                "-o", dir.resolve("x.vqi").toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        assertTrue(r.err().contains("backend cpu"), r.err());
    }

    @Test
    void anUnknownDeviceIsAUsageError() {
        Cli.Result r = Cli.run("evaluate", "--device", "tpu", "--images", ".");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.err());
    }
}

package io.vqi.compare;

import io.vqi.metrics.Psnr;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExternalRunnerTest {
    private static final BufferedImage IMAGE = Synthetic.image(48, 40, 11);
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path bin;

    @ParameterizedTest
    @EnumSource(ExternalCodec.class)
    void absentToolsAreASkipWithTheReason(ExternalCodec codec) {
        try (ExternalRunner runner = new ExternalRunner(codec, "", TIMEOUT)) {
            assertFalse(runner.available());
            assertEquals(codec.encoder() + " and " + codec.decoder() + " not found on PATH (Debian package "
                    + codec.debianPackage() + ")", runner.skipReason().orElseThrow());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The real tools, when installed ({@code apt-get install webp libavif-bin libjxl-tools}). */
    @ParameterizedTest
    @EnumSource(ExternalCodec.class)
    void realToolsRoundTripWhenInstalled(ExternalCodec codec) throws IOException {
        try (ExternalRunner runner = ExternalRunner.fromEnvironment(codec, TIMEOUT)) {
            Assumptions.assumeTrue(runner.available(), () -> runner.skipReason().orElse(""));
            Setting middle = codec.settings().get(codec.settings().size() / 2);
            runner.prepare(IMAGE);
            byte[] file = runner.encode(IMAGE, middle);
            assertTrue(file.length > 0);
            BufferedImage back = runner.decode(file);
            assertEquals(IMAGE.getWidth(), back.getWidth());
            assertEquals(IMAGE.getHeight(), back.getHeight());
            assertTrue(Psnr.of(IMAGE, back) > 20, codec + ": " + Psnr.of(IMAGE, back) + " dB");
        }
    }

    @Test
    void toolsAreFoundOnThePathAndRunWithoutAShell() throws IOException {
        // Stand-ins with the real tools' argument order: cwebp ... -q Q in -o out; dwebp in -o out.
        tool("cwebp", "#!/bin/sh\nwhile [ $# -gt 3 ]; do shift; done\ncp \"$1\" \"$3\"\n");
        tool("dwebp", "#!/bin/sh\ncp \"$1\" \"$3\"\n");
        try (ExternalRunner runner = new ExternalRunner(ExternalCodec.WEBP, "/nonexistent:" + bin, TIMEOUT)) {
            assertTrue(runner.available());
            byte[] file = runner.encode(IMAGE, Setting.of(50));
            BufferedImage back = runner.decode(file);
            assertEquals(Double.POSITIVE_INFINITY, Psnr.of(IMAGE, back), "the stand-ins copy a PNG through");
        }
    }

    @Test
    void aFailingToolReportsItsStatusAndStderr() throws IOException {
        assertEncodeFails(ExternalCodec.JXL, "#!/bin/sh\necho 'cannot encode: boom' >&2\nexit 3\n", TIMEOUT, 50,
                "cjxl exited with status 3: cannot encode: boom");
    }

    @Test
    void aHungToolIsKilledAtTheTimeout() throws IOException {
        assertEncodeFails(ExternalCodec.AVIF, "#!/bin/sh\nexec sleep 30\n", Duration.ofMillis(300), 40,
                "avifenc timed out after 300 ms");
    }

    @Test
    void closeDeletesTheWorkingFolder() throws IOException {
        tool("cwebp", "#!/bin/sh\nexit 0\n");
        tool("dwebp", "#!/bin/sh\nexit 0\n");
        ExternalRunner runner = new ExternalRunner(ExternalCodec.WEBP, bin.toString(), TIMEOUT);
        runner.prepare(IMAGE);
        IOException e = assertThrows(IOException.class, () -> runner.encode(IMAGE, Setting.of(50)));
        assertEquals("the tool exited cleanly but wrote no encoded.webp", e.getMessage());
        Path work = runner.workingFolder().orElseThrow();
        assertTrue(Files.isDirectory(work));
        runner.close();
        assertFalse(Files.exists(work));
    }

    private void tool(String name, String script) throws IOException {
        Path file = bin.resolve(name);
        Files.writeString(file, script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** {@code codec}'s encoder is {@code script} (its decoder does nothing): encoding fails with {@code message}. */
    private void assertEncodeFails(ExternalCodec codec, String script, Duration timeout, int setting, String message)
            throws IOException {
        tool(codec.encoder(), script);
        tool(codec.decoder(), "#!/bin/sh\nexit 0\n");
        try (ExternalRunner runner = new ExternalRunner(codec, bin.toString(), timeout)) {
            IOException e = assertThrows(IOException.class, () -> runner.encode(IMAGE, Setting.of(setting)));
            assertEquals(message, e.getMessage());
        }
    }
}

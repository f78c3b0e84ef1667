package io.vqi.cli;

import io.vqi.codec.ModelZoo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code vqi transcode} and {@code vqi info} on files with a refinement layer, with the embedded model. */
class TranscodeCommandTest {
    @TempDir
    Path dir;

    @Test
    void loweringToOneGivesTheDirectQualityOneFileAndInfoSaysSo() throws IOException {
        assumeTrue(ModelZoo.defaultRefinement().isPresent(), "this build embeds no refinement layer");
        Path png = Fixtures.image(dir, "odd-123x77.png");
        Path q3 = dir.resolve("q3.vqi");
        Path q1 = dir.resolve("q1.vqi");
        Path lowered = dir.resolve("lowered.vqi");
        // the layers alone: the encoder's colour plane fits one quality's picture, and transcoding drops it
        assertEquals(ExitCodes.OK, Cli.run("compress", png.toString(), "-q", "3", "--no-colour-plane", "-o",
                q3.toString()).exitCode());
        assertEquals(ExitCodes.OK, Cli.run("compress", png.toString(), "-q", "1", "--no-colour-plane", "-o",
                q1.toString()).exitCode());

        Cli.Result info = Cli.run("info", q3.toString());
        assertTrue(info.out().contains("3 (base layer + refinement level 2"), info.out());
        assertTrue(info.out().contains("rfin"), info.out());

        Cli.Result t = Cli.run("transcode", q3.toString(), "-q", "1", "-o", lowered.toString());
        assertEquals(ExitCodes.OK, t.exitCode(), t.err());
        assertTrue(t.out().contains("quality 3 -> 1"), t.out());
        assertArrayEquals(Files.readAllBytes(q1), Files.readAllBytes(lowered));

        Path q2 = dir.resolve("q2.vqi");
        assertEquals(ExitCodes.OK, Cli.run("transcode", q3.toString(), "-q", "2", "-o", q2.toString()).exitCode());
        assertEquals(ExitCodes.OK, Cli.run("decompress", q2.toString(), "-o", dir.resolve("q2.png").toString())
                .exitCode());
    }

    @Test
    void raisingTheQualityIsAUsageError() throws IOException {
        assumeTrue(ModelZoo.defaultRefinement().isPresent(), "this build embeds no refinement layer");
        Path png = Fixtures.image(dir, "pixel-1x1.png");
        Path q2 = dir.resolve("q2.vqi");
        assertEquals(ExitCodes.OK, Cli.run("compress", png.toString(), "-q", "2", "-o", q2.toString()).exitCode());
        Cli.Result r = Cli.run("transcode", q2.toString(), "-q", "5", "-o", dir.resolve("x.vqi").toString());
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.err());
        assertTrue(r.err().contains("can only be lowered"), r.err());
        assertTrue(Files.notExists(dir.resolve("x.vqi")), "no output left behind");
    }
}

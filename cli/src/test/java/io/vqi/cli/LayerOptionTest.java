package io.vqi.cli;

import io.vqi.codec.ModelZoo;
import io.vqi.format.RefinementChunk;
import io.vqi.model.LayerFile;
import io.vqi.model.RefineBundle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code --layer FILE}: a refinement layer from {@code vqi train export} is usable without rebuilding vqi, for
 * encoding, decoding and comparing, and a file it made names it when it is missing.
 */
class LayerOptionTest {
    @TempDir
    Path dir;

    RefineBundle three;
    Path layer;
    Path png;

    /** A layer this build does not embed: the embedded one cut to three levels (qualities 1 to 4). */
    @BeforeEach
    void writeLayer() throws IOException {
        assumeTrue(ModelZoo.defaultRefinement().isPresent(), "this build embeds no refinement layer");
        three = ModelZoo.defaultRefinement().get().withLevels(new double[] {0, 2, 4});
        layer = dir.resolve("three.vqr");
        LayerFile.write(three, layer);
        png = Fixtures.image(dir, "odd-123x77.png");
    }

    @Test
    void aLayerFileCodesTheLevelsAboveOneAndDecodingNeedsIt() throws IOException {
        Path out = dir.resolve("q4.vqi");
        Cli.Result c = Cli.run("compress", png.toString(), "-q", "4", "--no-colour-plane", "--layer", layer.toString(),
                "-o", out.toString());
        assertEquals(ExitCodes.OK, c.exitCode(), c.err());
        assertArrayEquals(java.util.Arrays.copyOf(three.sha256(), 8),
                RefinementChunk.read(Fixtures.container(out)).get(0).layerSha256(), "format 2: the hash's first 8 bytes");

        Cli.Result without = Cli.run("decompress", out.toString(), "-o", dir.resolve("a.png").toString());
        assertEquals(ExitCodes.DATA_ERROR, without.exitCode(), without.err());
        assertTrue(without.err().contains(three.layerId()), without.err());
        assertTrue(Files.notExists(dir.resolve("a.png")));

        Cli.Result with = Cli.run("decompress", out.toString(), "--layer", layer.toString(), "-o",
                dir.resolve("b.png").toString());
        assertEquals(ExitCodes.OK, with.exitCode(), with.err());
        assertEquals(123, Fixtures.read(dir.resolve("b.png")).getWidth());
    }

    @Test
    void theLayersLevelsAreTheQualitiesOnOffer() {
        Cli.Result r = Cli.run("compress", png.toString(), "-q", "5", "--layer", layer.toString(), "-o",
                dir.resolve("x.vqi").toString());
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.err());
        assertTrue(Files.notExists(dir.resolve("x.vqi")));
    }

    @Test
    void aMissingOrBrokenLayerFileIsOneLineWithItsExitCode() throws IOException {
        Cli.Result missing = Cli.run("compress", png.toString(), "--layer", dir.resolve("none.vqr").toString(), "-o",
                dir.resolve("x.vqi").toString());
        assertEquals(ExitCodes.NO_INPUT, missing.exitCode(), missing.err());
        Cli.Result broken = Cli.run("compress", png.toString(), "--layer", png.toString(), "-o",
                dir.resolve("x.vqi").toString());
        assertEquals(ExitCodes.DATA_ERROR, broken.exitCode(), broken.err());
        assertTrue(broken.err().contains("not a usable refinement layer file"), broken.err());
        assertEquals(1, broken.err().strip().lines().count(), broken.err());
        assertTrue(Files.notExists(dir.resolve("x.vqi")));
    }

    @Test
    void evaluateRefusesALayerItWouldNotUse() {
        Cli.Result r = Cli.run("evaluate", "--layer", layer.toString(), "--images", dir.toString());
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.err());
        assertTrue(r.err().contains("--layer"), r.err());
    }

    @Test
    void compareSweepsTheLayersLevels() throws IOException {
        Path images = Files.createDirectories(dir.resolve("images"));
        Files.copy(png, images.resolve("odd.png"));
        Path out = dir.resolve("report");
        Cli.Result r = Cli.run("compare", "--images", images.toString(), "--codecs", "vqi", "--layer",
                layer.toString(), "--out", out.toString(), "--quiet");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        String csv = Files.readString(out.resolve("results.csv"));
        assertEquals(4, csv.lines().filter(l -> l.startsWith("vqi,")).count(), csv);
        assertTrue(Files.readString(out.resolve("report.md")).contains(three.layerId()));
    }
}

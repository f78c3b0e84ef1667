package io.vqi.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vqi compare}: which anchor the BD-rates use, and options that cannot work. */
class CompareCommandTest {
    @TempDir
    Path dir;

    /**
     * Regression (issue 10): {@code --codecs vqi} kept the default anchor jpeg, which it did not measure, and ended
     * in exit 70 "internal error". Without {@code --anchor}, the anchor is jpeg only when jpeg is measured.
     */
    @Test
    void withoutJpegTheFirstCodecIsTheAnchor() throws Exception {
        Path images = Files.createDirectories(dir.resolve("images"));
        Fixtures.image(images, "scene-256x192.png");
        Path model = Fixtures.writeModel(dir.resolve("m.vqm"), 1);
        Path out = dir.resolve("rd");
        Cli.Result r = Cli.run("compare", "--quiet", "--images", images.toString(), "--out", out.toString(),
                "--codecs", "vqi", "--model", model.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        assertEquals("", r.err());
        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.contains("- Anchor for BD-rates: vqi\n"), report);
    }

    @Test
    void anExplicitAnchorNotAmongTheCodecsIsAUsageError() throws IOException {
        assertUsageError(compare("--codecs", "png,vqi", "--anchor", "jpeg"),
                "vqi: --anchor jpeg is not among --codecs png,vqi (see 'vqi compare --help')");
    }

    @Test
    void anUnknownOrRepeatedCodecIsAUsageError() throws IOException {
        assertUsageError(compare("--codecs", "png,heic"), "vqi: unknown codec \"heic\"; known: vqi, jpeg, "
                + "jpeg-plain, jpeg2000, webp, avif, jxl, png (see 'vqi compare --help')");
        assertUsageError(compare("--codecs", "png,png"), "vqi: --codecs lists png twice (see 'vqi compare --help')");
    }

    // One small image: these runs fail on their options before measuring it.
    private Cli.Result compare(String... options) throws IOException {
        Path images = Files.createDirectories(dir.resolve("images"));
        Fixtures.image(images, "gray-96x64.png");
        List<String> args = new ArrayList<>(List.of("compare", "--images", images.toString(), "--out",
                dir.resolve("rd").toString()));
        args.addAll(List.of(options));
        return Cli.run(args.toArray(String[]::new));
    }

    private void assertUsageError(Cli.Result result, String line) {
        assertAll(
                () -> assertEquals(ExitCodes.USAGE, result.exitCode(), result.err()),
                () -> assertEquals(line, result.err().strip()),
                () -> assertEquals("", result.out()),
                () -> assertFalse(Files.exists(dir.resolve("rd")), "the report folder was created"));
    }
}

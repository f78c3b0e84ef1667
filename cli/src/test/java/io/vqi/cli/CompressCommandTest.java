package io.vqi.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vqi.codec.ModelRegistry;
import io.vqi.format.ChunkType;
import io.vqi.format.ColorModel;
import io.vqi.format.VqiContainer;
import io.vqi.format.VqiFormat;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Node;

/** {@code vqi compress}, black box: files in a temp dir, a tiny random model, exit codes and printed lines. */
class CompressCommandTest extends TinyModelTest {
    private Cli.Result compress(String... args) {
        return Cli.run(withModel("compress", args));
    }

    private Cli.Result decompress(String... args) {
        return Cli.run(withModel("decompress", args));
    }

    private static String[] withModel(String command, String... args) {
        String[] all = new String[args.length + 3];
        all[0] = command;
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--model";
        all[args.length + 2] = model.toString();
        return all;
    }

    @ParameterizedTest
    @ValueSource(strings = {"scene-256x192.png", "odd-123x77.png", "pixel-1x1.png"})
    void roundTripKeepsTheSize(String name) throws IOException {
        Path png = Fixtures.image(dir, name);
        BufferedImage original = Fixtures.read(png);
        Cli.Result compressed = compress(png.toString());
        assertEquals(ExitCodes.OK, compressed.exitCode(), compressed.err());
        assertEquals("", compressed.err());
        Path vqi = dir.resolve(Batch.replaceExtension(name, "vqi"));
        long bytes = Files.size(vqi);
        String size = original.getWidth() + " x " + original.getHeight();
        assertTrue(compressed.out().matches(java.util.regex.Pattern.quote(png + " -> " + vqi + "  " + size
                + "  quality 1  " + bytes + " bytes  ") + "\\d+\\.\\d{4} bpp\\R"), compressed.out());

        Path decoded = dir.resolve("decoded.png");
        Cli.Result decompressed = decompress(vqi.toString(), "-o", decoded.toString());
        assertEquals(ExitCodes.OK, decompressed.exitCode(), decompressed.err());
        assertTrue(decompressed.out().startsWith(vqi + " -> " + decoded + "  " + size + "  PNG  "),
                decompressed.out());
        BufferedImage back = Fixtures.read(decoded);
        assertEquals(original.getWidth(), back.getWidth());
        assertEquals(original.getHeight(), back.getHeight());
    }

    @Test
    void psnrIsReportedOnRequest() throws IOException {
        Path png = Fixtures.image(dir, "odd-123x77.png");
        Cli.Result result = compress(png.toString(), "--psnr");
        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        assertTrue(result.out().strip().matches(".* bpp  \\d+\\.\\d\\d dB"), result.out());
    }

    @Test
    void aMissingInputIsExit66() {
        Path missing = dir.resolve("missing.png");
        Cli.Result result = compress(missing.toString());
        assertEquals(ExitCodes.NO_INPUT, result.exitCode());
        assertEquals("", result.out());
        assertEquals("vqi: no such file: " + missing, result.err().strip());
    }

    @Test
    void anUnknownOptionIsExit64() {
        Cli.Result result = Cli.run("compress", "--bogus", "a.png");
        assertEquals(ExitCodes.USAGE, result.exitCode());
        assertEquals("vqi: Unknown option: '--bogus' (see 'vqi compress --help')", result.err().strip());
    }

    @Test
    void withoutAModelTheBuildSaysItHasNone() throws IOException {
        Path png = Fixtures.image(dir, "pixel-1x1.png");
        String[] args = {"compress", png.toString()};
        Cli.Result result = Cli.run(VqiCli.newCommandLine(ModelRegistry.none(), args), args);
        assertEquals(ExitCodes.USAGE, result.exitCode());
        assertEquals("vqi: " + ModelFiles.NO_DEFAULT_MODEL, result.err().strip());
        assertEquals(List.of("pixel-1x1.png"), Fixtures.names(dir));
    }

    @Test
    void aFileThatIsNotAModelIsBadData() throws IOException {
        Path png = Fixtures.image(dir, "pixel-1x1.png");
        Cli.Result result = Cli.run("compress", png.toString(), "--model", png.toString());
        assertEquals(ExitCodes.DATA_ERROR, result.exitCode());
        assertEquals(1, result.errLines().length, result.err());
        assertTrue(result.err().startsWith("vqi: " + png + ": not a usable model file ("), result.err());
        Cli.Result missing = Cli.run("compress", png.toString(), "--model", dir.resolve("none.vqm").toString());
        assertEquals(ExitCodes.NO_INPUT, missing.exitCode());
    }

    /**
     * Issue 14, finding 3: a model file without its {@code sha256} entry loaded unchecked, and one whose
     * {@code model.properties} was edited (with the hash recomputed: it is not a signature) failed inside the codec
     * with exit 70 "IllegalArgumentException". Both are bad data, refused in one line.
     */
    @ParameterizedTest
    @ValueSource(strings = {"no sha256", "decoderBlocks=2", "prior.channels=4", "codebookSize=8"})
    void aModelFileWithoutItsHashOrWithEditedPropertiesIsBadData(String edit) throws IOException {
        Map<String, byte[]> entries = Fixtures.zipEntries(Files.readAllBytes(model));
        if (edit.equals("no sha256")) {
            entries.remove("sha256");
        } else {
            String key = edit.substring(0, edit.indexOf('=') + 1);
            String text = new String(entries.get("model.properties"), StandardCharsets.UTF_8)
                    .replaceAll("(?m)^" + Pattern.quote(key) + ".*$", edit);
            entries.put("model.properties", text.getBytes(StandardCharsets.UTF_8));
            entries.put("sha256", Fixtures.sha256Hex(entries.get("model.properties"), entries.get("tensors.bin"))
                    .getBytes(StandardCharsets.US_ASCII));
        }
        Path edited = Files.write(dir.resolve("edited.vqm"), Fixtures.zip(entries));
        Path png = Fixtures.image(dir, "pixel-1x1.png");
        Cli.Result result = Cli.run("compress", png.toString(), "--model", edited.toString());
        assertEquals(ExitCodes.DATA_ERROR, result.exitCode(), result.err());
        assertEquals(1, result.errLines().length, result.err());
        assertTrue(result.err().startsWith("vqi: " + edited + ": not a usable model file (corrupt data at byte 0: "),
                result.err());
        assertEquals(List.of("edited.vqm", "pixel-1x1.png"), Fixtures.names(dir));
    }

    @Test
    void usageErrorsForOutputsThatCannotWork() throws IOException {
        Path a = Fixtures.image(dir, "pixel-1x1.png");
        Path b = Fixtures.image(dir, "gray-96x64.png");
        assertUsage(compress(a.toString(), b.toString(), "-o", "x.vqi"), "-o names one output but there are 2");
        assertUsage(compress(a.toString(), "-o", "x.vqi", "-d", "out"), "-o and -d cannot be used together");
        assertUsage(compress("-"), "reading stdin needs -o FILE");
        assertUsage(compress("-", a.toString(), "-d", "out"), "'-' (stdin) must be the only input");
        assertUsage(compress(a.toString(), "-j", "0"), "-j needs at least 1 job");
        Path jpg = Files.copy(a, dir.resolve("pixel-1x1.jpg"));
        assertUsage(compress(a.toString(), jpg.toString()), "would both be written to " + dir.resolve("pixel-1x1.vqi"));
        assertEquals(List.of("gray-96x64.png", "pixel-1x1.jpg", "pixel-1x1.png"), Fixtures.names(dir));
    }

    private static void assertUsage(Cli.Result result, String message) {
        assertEquals(ExitCodes.USAGE, result.exitCode(), result.err());
        assertEquals(1, result.errLines().length, result.err());
        assertTrue(result.err().contains(message), result.err());
        assertTrue(result.err().strip().endsWith("(see 'vqi compress --help')"), result.err());
    }

    @Test
    void anExistingOutputIsReplacedOnlyWithForce() throws IOException {
        Path png = Fixtures.image(dir, "pixel-1x1.png");
        Path vqi = Files.writeString(dir.resolve("pixel-1x1.vqi"), "precious");
        Cli.Result refused = compress(png.toString());
        assertEquals(ExitCodes.CANT_CREATE, refused.exitCode());
        assertEquals("vqi: " + vqi + ": already exists (use --force to overwrite)", refused.err().strip());
        assertEquals("precious", Files.readString(vqi));

        Cli.Result forced = compress(png.toString(), "--force");
        assertEquals(ExitCodes.OK, forced.exitCode(), forced.err());
        assertTrue(VqiFormat.startsWithSignature(Files.readAllBytes(vqi)));
        assertEquals(List.of("pixel-1x1.png", "pixel-1x1.vqi"), Fixtures.names(dir));
    }

    @Test
    void aBadFileInABatchDoesNotStopTheOthers() throws IOException {
        Path good1 = Fixtures.image(dir, "pixel-1x1.png");
        Path bad = Files.write(dir.resolve("bad.png"), Arrays.copyOf(Files.readAllBytes(good1), 30));
        Path good2 = Fixtures.image(dir, "gray-96x64.png");
        Path out = dir.resolve("out");
        Cli.Result result = compress(good1.toString(), bad.toString(), good2.toString(), "-d", out.toString());
        assertEquals(ExitCodes.DATA_ERROR, result.exitCode());
        String[] lines = result.out().split("\\R");
        assertEquals(2, lines.length, result.out());
        assertTrue(lines[0].startsWith(good1 + " -> " + out.resolve("pixel-1x1.vqi")), lines[0]);
        assertTrue(lines[1].startsWith(good2 + " -> " + out.resolve("gray-96x64.vqi")), lines[1]);
        assertEquals(1, result.errLines().length, result.err());
        assertTrue(result.errLines()[0].startsWith("vqi: " + bad + ": cannot read this PNG image: "),
                result.err());
        assertEquals(List.of("gray-96x64.vqi", "pixel-1x1.vqi"), Fixtures.names(out));
    }

    @Test
    void theFirstFailureSetsTheExitCode() throws IOException {
        Path good = Fixtures.image(dir, "pixel-1x1.png");
        Path missing = dir.resolve("missing.png");
        Path notAnImage = Files.writeString(dir.resolve("notes.png"), "hello");
        Cli.Result result = compress(missing.toString(), good.toString(), notAnImage.toString(), "--json");
        assertEquals(ExitCodes.NO_INPUT, result.exitCode());
        assertEquals(2, result.errLines().length, result.err());
        assertTrue(result.errLines()[1].contains("not an image in a format vqi reads"), result.err());
    }

    @Test
    void jsonLinesParse() throws IOException {
        Path rgba = Fixtures.image(dir, "rgba-64x48.png");
        Path missing = dir.resolve("missing.png");
        Cli.Result result = compress(rgba.toString(), missing.toString(), "--json", "--psnr");
        assertEquals(ExitCodes.NO_INPUT, result.exitCode());
        String[] lines = result.out().split("\\R");
        assertEquals(2, lines.length, result.out());
        Map<String, Object> ok = JsonParser.parseObject(lines[0]);
        assertEquals(rgba.toString(), ok.get("input"));
        assertEquals(dir.resolve("rgba-64x48.vqi").toString(), ok.get("output"));
        assertEquals(64.0, ok.get("width"));
        assertEquals(48.0, ok.get("height"));
        assertEquals((double) Files.size(dir.resolve("rgba-64x48.vqi")), ok.get("bytes"));
        assertEquals(8 * (double) ok.get("bytes") / (64 * 48), (double) ok.get("bitsPerPixel"), 1e-9);
        assertEquals(Boolean.TRUE, ok.get("alpha"));
        assertEquals(Boolean.FALSE, ok.get("gray"));
        assertTrue(ok.get("psnr") instanceof Double, lines[0]);
        Map<String, Object> failed = JsonParser.parseObject(lines[1]);
        assertEquals(missing.toString(), failed.get("input"));
        assertEquals("no such file: " + missing, failed.get("error"));
        assertEquals((double) ExitCodes.NO_INPUT, failed.get("exitCode"));
    }

    @Test
    void grayStaysGray() throws IOException {
        Path png = Fixtures.image(dir, "gray-96x64.png");
        assertEquals(ExitCodes.OK, compress(png.toString()).exitCode());
        Path vqi = dir.resolve("gray-96x64.vqi");
        assertEquals(ColorModel.GRAY, Fixtures.container(vqi).header().colorModel());
        Path back = dir.resolve("back.png");
        assertEquals(ExitCodes.OK, decompress(vqi.toString(), "-o", back.toString()).exitCode());
        BufferedImage image = Fixtures.read(back);
        assertEquals(1, image.getRaster().getNumBands());
        assertEquals(ColorSpace.TYPE_GRAY, image.getColorModel().getColorSpace().getType());
        assertEquals(96, image.getWidth());
    }

    @Test
    void alphaSurvivesExactly() throws IOException {
        Path png = Fixtures.image(dir, "rgba-64x48.png");
        BufferedImage original = Fixtures.read(png);
        assertTrue(original.getColorModel().hasAlpha());
        assertEquals(ExitCodes.OK, compress(png.toString()).exitCode());
        Path vqi = dir.resolve("rgba-64x48.vqi");
        assertEquals(1, Fixtures.container(vqi).ancillary(ChunkType.ALPH).size());
        Path back = dir.resolve("back.png");
        Cli.Result result = decompress(vqi.toString(), "-o", back.toString());
        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        BufferedImage image = Fixtures.read(back);
        assertTrue(image.getColorModel().hasAlpha());
        assertArrayEquals(alpha(original), alpha(image));
    }

    private static int[] alpha(BufferedImage image) {
        int[] argb = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        return Arrays.stream(argb).map(p -> p >>> 24).toArray();
    }

    @Test
    void sixteenBitSamplesAreReducedWithAWarning() throws IOException {
        Path png = Fixtures.image(dir, "gray16-40x30.png");
        assertEquals(16, Fixtures.read(png).getColorModel().getComponentSize(0));
        Cli.Result result = compress(png.toString());
        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        assertEquals("vqi: warning: " + png + ": 16-bit samples reduced to 8 bits", result.err().strip());
        assertEquals(ColorModel.GRAY, Fixtures.container(dir.resolve("gray16-40x30.vqi")).header().colorModel());

        Cli.Result quiet = compress(png.toString(), "--force", "--quiet");
        assertEquals(ExitCodes.OK, quiet.exitCode(), quiet.err());
        assertEquals("", quiet.err());
    }

    /**
     * Issue 15 item 2: progress inside one image is for stderr on a terminal only. Tests run with stderr on a pipe,
     * so it stays empty of progress, plain, with --json and with --quiet, for compress (with --psnr, which decodes too)
     * and decompress.
     */
    @Test
    void noProgressWhenStderrIsNoTerminalNorWithJsonOrQuiet() throws IOException {
        Assumptions.assumeFalse(Progress.stderrIsTerminal(), "stderr is a terminal");
        Path png = Fixtures.image(dir, "odd-123x77.png");
        Path vqi = dir.resolve("odd-123x77.vqi");
        for (String[] extra : new String[][] {{}, {"--json"}, {"--quiet"}}) {
            String[] args = new String[extra.length + 3];
            args[0] = png.toString();
            args[1] = "--force";
            args[2] = "--psnr";
            System.arraycopy(extra, 0, args, 3, extra.length);
            Cli.Result coded = compress(args);
            assertEquals(ExitCodes.OK, coded.exitCode(), coded.err());
            assertEquals("", coded.err(), String.join(" ", extra));
            String[] back = new String[extra.length + 2];
            back[0] = vqi.toString();
            back[1] = "--force";
            System.arraycopy(extra, 0, back, 2, extra.length);
            Cli.Result decoded = decompress(back);
            assertEquals(ExitCodes.OK, decoded.exitCode(), decoded.err());
            assertEquals("", decoded.err(), String.join(" ", extra));
        }
    }

    /** Regression (issue 15): {@code -q 80} read 80 as a file and ran quiet; -q is the quality, as in cwebp. */
    @Test
    void dashQIsTheQualityNotQuiet() throws IOException {
        Path png = Fixtures.image(dir, "odd-123x77.png");
        Cli.Result tooHigh = compress("-q", "80", png.toString());
        assertEquals(ExitCodes.USAGE, tooHigh.exitCode(), tooHigh.err());
        assertTrue(tooHigh.err().contains("--quality must be in 1..1"), tooHigh.err());
        Cli.Result one = compress("-q", "1", png.toString());
        assertEquals(ExitCodes.OK, one.exitCode(), one.err());
        assertTrue(one.out().contains("  quality 1  "), one.out());
        assertEquals(1, Fixtures.container(dir.resolve("odd-123x77.vqi")).header().quality());
    }

    /** Regression (issue 15): {@code -o out.png} wrote a .vqi file named out.png without a word. */
    @Test
    void anImageExtensionOnTheOutputIsRefused() throws IOException {
        Path png = Fixtures.image(dir, "odd-123x77.png");
        Path out = dir.resolve("out.png");
        Cli.Result r = compress(png.toString(), "-o", out.toString());
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.err());
        assertTrue(r.err().contains("compress writes .vqi files"), r.err());
        assertTrue(Files.notExists(out));
    }

    /** Regression (issue 15): a typo gets the command it meant, not "Unmatched arguments from index 0". */
    @Test
    void aMistypedCommandGetsASuggestion() {
        Cli.Result r = Cli.run("compres", "a.png");
        assertEquals(ExitCodes.USAGE, r.exitCode());
        assertTrue(r.err().contains("did you mean compress"), r.err());
    }

    @Test
    void readsTiff() throws IOException {
        BufferedImage scene = Fixtures.read(Fixtures.image(dir, "scene-256x192.png"));
        Path tiff = dir.resolve("scene.tif");
        assertTrue(ImageIO.write(scene, "tiff", tiff.toFile()));
        Cli.Result result = compress(tiff.toString());
        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        assertTrue(result.out().startsWith(tiff + " -> " + dir.resolve("scene.vqi") + "  256 x 192  "),
                result.out());
    }

    @Test
    void exifOrientationIsApplied() throws IOException {
        BufferedImage landscape = new BufferedImage(64, 32, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 64; x++) {
                landscape.setRGB(x, y, (x * 4) << 16 | (y * 8) << 8 | 0x40);
            }
        }
        Path jpg = Files.write(dir.resolve("turned.jpg"), Fixtures.jpegWithOrientation(landscape, 6));
        assertEquals(6, Exif.orientation(Files.readAllBytes(jpg)));
        Cli.Result result = compress(jpg.toString());
        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        assertTrue(result.out().contains("  32 x 64  "), result.out());
        Path vqi = dir.resolve("turned.vqi");
        assertEquals(32, Fixtures.container(vqi).header().width());
        Path back = dir.resolve("back.png");
        assertEquals(ExitCodes.OK, decompress(vqi.toString(), "-o", back.toString()).exitCode());
        BufferedImage image = Fixtures.read(back);
        assertEquals(32, image.getWidth());
        assertEquals(64, image.getHeight());
    }

    @Test
    void stdinToStdoutAndBack() throws IOException {
        byte[] png = Files.readAllBytes(Fixtures.image(dir, "odd-123x77.png"));
        Fixtures.StdioResult coded = Fixtures.runWithStdio(png, withModel("compress", "-", "-o", "-"));
        assertEquals(ExitCodes.OK, coded.result().exitCode(), coded.result().err());
        assertEquals("", coded.result().out(), "stdout carries the file; the report goes to stderr");
        assertTrue(coded.result().err().startsWith("- -> -  123 x 77  quality 1  " + coded.stdout().length
                        + " bytes"),
                coded.result().err());
        assertTrue(VqiFormat.startsWithSignature(coded.stdout()));

        Fixtures.StdioResult decoded = Fixtures.runWithStdio(coded.stdout(), withModel("decompress", "-", "-o", "-"));
        assertEquals(ExitCodes.OK, decoded.result().exitCode(), decoded.result().err());
        BufferedImage image = Fixtures.read(decoded.stdout());
        assertEquals(123, image.getWidth());
        assertEquals(77, image.getHeight());

        Fixtures.StdioResult quiet = Fixtures.runWithStdio(png, withModel("compress", "-", "-o", "-", "--quiet"));
        assertEquals("", quiet.result().err());
        assertArrayEquals(coded.stdout(), quiet.stdout());

        Path file = dir.resolve("from-stdin.vqi");
        Fixtures.StdioResult toFile = Fixtures.runWithStdio(png, withModel("compress", "-", "-o", file.toString()));
        assertEquals(ExitCodes.OK, toFile.result().exitCode(), toFile.result().err());
        assertEquals(0, toFile.stdout().length);
        assertTrue(toFile.result().out().startsWith("- -> " + file + "  123 x 77  "), toFile.result().out());
        assertArrayEquals(coded.stdout(), Files.readAllBytes(file), "coding is deterministic");
    }

    @Test
    void recursionMirrorsTheTreeAndSkipsWhatIsNotAnImage() throws IOException {
        Path photos = Files.createDirectories(dir.resolve("photos/sub"));
        Fixtures.image(photos, "pixel-1x1.png");
        Fixtures.image(photos.getParent(), "gray-96x64.png");
        Files.writeString(photos.resolve("readme.txt"), "not an image");
        Files.write(photos.resolve("._pixel-1x1.png"), new byte[] {0, 5, 22, 7}); // macOS resource fork
        Path out = dir.resolve("out");
        Cli.Result result = compress("-r", photos.getParent().toString(), "-d", out.toString());
        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        assertEquals(2, result.out().lines().count(), result.out());
        assertTrue(Files.isRegularFile(out.resolve("gray-96x64.vqi")));
        assertTrue(Files.isRegularFile(out.resolve("sub/pixel-1x1.vqi")));

        Cli.Result notRecursive = compress(photos.getParent().toString());
        assertEquals(ExitCodes.NO_INPUT, notRecursive.exitCode());
        assertTrue(notRecursive.err().contains("is a folder (use -r"), notRecursive.err());

        Path empty = Files.createDirectories(dir.resolve("empty"));
        Cli.Result nothing = compress("-r", empty.toString());
        assertEquals(ExitCodes.NO_INPUT, nothing.exitCode());
        assertEquals("vqi: no input files found in " + empty, nothing.err().strip());
    }

    @Test
    void parallelJobsPrintInInputOrder() throws IOException {
        List<String> names = List.of("scene-256x192.png", "pixel-1x1.png", "odd-123x77.png", "gray-96x64.png",
                "rgba-64x48.png");
        String[] args = new String[names.size() + 3];
        for (int i = 0; i < names.size(); i++) {
            args[i] = Fixtures.image(dir, names.get(i)).toString();
        }
        args[names.size()] = "-j";
        args[names.size() + 1] = "3";
        args[names.size() + 2] = "--quiet";
        Cli.Result result = compress(args);
        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        List<String> lines = result.out().lines().toList();
        assertEquals(names.size(), lines.size());
        for (int i = 0; i < names.size(); i++) {
            assertTrue(lines.get(i).startsWith(args[i] + " -> "), lines.get(i));
        }
        assertTrue(Fixtures.names(dir).stream().noneMatch(n -> AtomicFile.isTemporary(dir.resolve(n))));
    }

    @Test
    void hugeDimensionsAreRefusedBeforeDecoding() throws IOException {
        Path png = Files.write(dir.resolve("huge.png"), Fixtures.pngHeaderOnly(100_000, 100_000));
        Cli.Result result = compress(png.toString());
        assertEquals(ExitCodes.DATA_ERROR, result.exitCode());
        assertEquals("vqi: " + png + ": 100000 x 100000 PNG image is more than the 268435456 pixels a .vqi file "
                + "holds", result.err().strip());
        assertEquals(List.of("huge.png"), Fixtures.names(dir));
    }

    /** Issue 14, finding 3: a 1 x 100000 PNG ran the whole encoder, then failed with exit 70 on the header. */
    @ParameterizedTest
    @ValueSource(strings = {"1x100000", "100000x1", "65536x1"})
    void aSideLongerThanTheFormatHoldsIsRefusedBeforeDecoding(String size) throws IOException {
        int width = Integer.parseInt(size.substring(0, size.indexOf('x')));
        int height = Integer.parseInt(size.substring(size.indexOf('x') + 1));
        // Only a header: were the pixels decoded, the reader would fail ("cannot read this PNG image").
        Path png = Files.write(dir.resolve("long.png"), Fixtures.pngHeaderOnly(width, height));
        Cli.Result result = compress(png.toString());
        assertEquals(ExitCodes.DATA_ERROR, result.exitCode());
        assertEquals("vqi: " + png + ": " + width + " x " + height + " PNG image has a side longer than the 65535 "
                + "pixels a .vqi file holds", result.err().strip());
        assertEquals(List.of("long.png"), Fixtures.names(dir));
    }

    @Test
    void aVqiFileIsNotCompressedAgain() throws IOException {
        Path png = Fixtures.image(dir, "pixel-1x1.png");
        assertEquals(ExitCodes.OK, compress(png.toString()).exitCode());
        Path vqi = dir.resolve("pixel-1x1.vqi");
        Cli.Result result = compress(vqi.toString(), "-o", dir.resolve("again.vqi").toString());
        assertEquals(ExitCodes.DATA_ERROR, result.exitCode());
        assertEquals("vqi: " + vqi + ": is already a .vqi file (use 'vqi decompress')", result.err().strip());
    }

    @Test
    void anIccProfileTravelsToThePngOutput() throws IOException {
        byte[] profile = ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();
        Path png = Files.write(dir.resolve("linear.png"),
                pngWithIcc(Fixtures.read(Fixtures.image(dir, "odd-123x77.png")), profile));
        Cli.Result result = compress(png.toString());
        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        VqiContainer container = Fixtures.container(dir.resolve("linear.vqi"));
        assertEquals(1, container.ancillary(ChunkType.ICCP).size());

        Path back = dir.resolve("back.png");
        assertEquals(ExitCodes.OK, decompress(dir.resolve("linear.vqi").toString(), "-o", back.toString())
                .exitCode());
        assertArrayEquals(profile, pngIcc(back));

        Path jpeg = dir.resolve("back.jpg");
        Cli.Result asJpeg = decompress(dir.resolve("linear.vqi").toString(), "-o", jpeg.toString());
        assertEquals(ExitCodes.OK, asJpeg.exitCode(), asJpeg.err());
        assertEquals("", asJpeg.err());
        // The JPEG writer embeds the profile in APP2 ICC_PROFILE segments (readers then convert to sRGB).
        assertTrue(indexOf(Files.readAllBytes(jpeg), profile) > 0, "JPEG carries the profile");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    /** {@code image} as a PNG with an iCCP chunk, through the JDK's writer metadata. */
    private static byte[] pngWithIcc(BufferedImage image, byte[] profile) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image),
                null);
        IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
        IIOMetadataNode iccp = new IIOMetadataNode("iCCP");
        iccp.setAttribute("profileName", "linear");
        iccp.setAttribute("compressionMethod", "deflate");
        iccp.setUserObject(profile);
        root.appendChild(iccp);
        metadata.mergeTree("javax_imageio_png_1.0", root);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(new IIOImage(image, null, metadata));
        }
        writer.dispose();
        return bytes.toByteArray();
    }

    private static byte[] pngIcc(Path png) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(png.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            Node root = reader.getImageMetadata(0).getAsTree("javax_imageio_png_1.0");
            for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n.getNodeName().equals("iCCP")) {
                    // the chunk's zlib stream, as the file holds it
                    return ImageInput.inflate((byte[]) ((IIOMetadataNode) n).getUserObject());
                }
            }
            return null;
        }
    }

    @Test
    void helpShowsExamplesAndExitCodes() {
        Cli.Result result = Cli.run("compress", "--help");
        assertEquals(ExitCodes.OK, result.exitCode());
        assertAll(
                () -> assertTrue(result.out().startsWith("Usage: vqi compress"), result.out()),
                () -> assertTrue(result.out().contains("Examples:"), result.out()),
                () -> assertTrue(result.out().contains("vqi compress -r photos/ -d out/ -j 4"), result.out()),
                () -> assertTrue(result.out().contains("Exit codes:"), result.out()),
                () -> assertTrue(result.out().contains(" 73   cannot write: an output exists"), result.out()));
    }
}

package io.vqi.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vqi.model.ModelBundle;
import io.vqi.format.Chunk;
import io.vqi.format.ChunkType;
import io.vqi.format.CodeChunk;
import io.vqi.format.ColorModel;
import io.vqi.format.ModelRef;
import io.vqi.format.VqiContainer;
import io.vqi.format.VqiContainerReader;
import io.vqi.format.VqiContainerWriter;
import io.vqi.format.VqiHeader;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code vqi decompress}, black box: output formats, hostile files, atomic outputs. */
class DecompressCommandTest {
    @TempDir
    static Path shared;
    static Path model;
    static Path otherModel;
    /** odd-123x77.png and rgba-64x48.png compressed with {@link #model}. */
    static byte[] odd;
    static byte[] rgba;

    @TempDir
    Path dir;

    @BeforeAll
    static void compressOnce() throws IOException {
        model = Fixtures.writeModel(shared.resolve("tiny.vqm"), 11);
        otherModel = Fixtures.writeModel(shared.resolve("other.vqm"), 12);
        for (String name : new String[] {"odd-123x77.png", "rgba-64x48.png"}) {
            Path png = Fixtures.image(shared, name);
            Cli.Result result = Cli.run("compress", png.toString(), "--model", model.toString());
            assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        }
        odd = Files.readAllBytes(shared.resolve("odd-123x77.vqi"));
        rgba = Files.readAllBytes(shared.resolve("rgba-64x48.vqi"));
    }

    private static Cli.Result decompress(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "decompress";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--model";
        all[args.length + 2] = model.toString();
        return Cli.run(all);
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    @Test
    void pngNextToTheInputByDefault() throws IOException {
        Path vqi = write("odd.vqi", odd);
        Cli.Result result = decompress(vqi.toString());
        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        Path png = dir.resolve("odd.png");
        assertEquals(vqi + " -> " + png + "  123 x 77  PNG  " + Files.size(png) + " bytes", result.out().strip());
        assertEquals(123, Fixtures.read(png).getWidth());
    }

    @ParameterizedTest
    @CsvSource({
            "out.jpg,,          out.jpg, JPEG",
            "out.jpeg,,         out.jpeg, JPEG",
            "out.bmp,,          out.bmp, BMP",
            "out.tif,,          out.tif, TIFF",
            "out.TIFF,,         out.TIFF, TIFF",
            "out.png, jpeg,     out.png, JPEG",
            ", bmp,             odd.bmp, BMP",
            ", tiff,            odd.tif, TIFF",
    })
    void theFormatComesFromTheExtensionOrFormat(String output, String format, String expected, String shown)
            throws IOException {
        Path vqi = write("odd.vqi", odd);
        List<String> args = new java.util.ArrayList<>(List.of(vqi.toString()));
        if (output != null) {
            args.addAll(List.of("-o", dir.resolve(output).toString()));
        }
        if (format != null) {
            args.addAll(List.of("--format", format));
        }
        Cli.Result result = decompress(args.toArray(String[]::new));
        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        assertEquals("", result.err());
        assertTrue(result.out().contains("  " + shown + "  "), result.out());
        BufferedImage image = Fixtures.read(dir.resolve(expected));
        assertEquals(123, image.getWidth());
        assertEquals(77, image.getHeight());
    }

    @Test
    void anUnknownOutputExtensionOrFormatIsAUsageError() throws IOException {
        Path vqi = write("odd.vqi", odd);
        assertFails(ExitCodes.USAGE, "cannot tell the image format from",
                vqi.toString(), "-o", dir.resolve("out.xyz").toString());
        assertFails(ExitCodes.USAGE, "'gif' is not one of png, jpeg, bmp, tiff", vqi.toString(), "--format", "gif");
        assertEquals(List.of("odd.vqi"), Fixtures.names(dir));
    }

    @Test
    void alphaIsDroppedWithANoteWhereTheFormatHasNone() throws IOException {
        Path vqi = write("rgba.vqi", rgba);
        Cli.Result jpeg = decompress(vqi.toString(), "--format", "jpeg");
        assertEquals(ExitCodes.OK, jpeg.exitCode(), jpeg.err());
        assertEquals("vqi: warning: " + vqi + ": alpha channel dropped: JPEG has none (PNG and TIFF keep it)",
                jpeg.err().strip());
        assertFalse(Fixtures.read(dir.resolve("rgba.jpg")).getColorModel().hasAlpha());

        Cli.Result tiff = decompress(vqi.toString(), "--format", "tiff");
        assertEquals(ExitCodes.OK, tiff.exitCode(), tiff.err());
        assertEquals("", tiff.err());
        assertTrue(Fixtures.read(dir.resolve("rgba.tif")).getColorModel().hasAlpha());
    }

    @Test
    void aCorruptFileIsExit65InOneLine() throws IOException {
        Path garbage = write("garbage.vqi", "this is not a vqi file".getBytes());
        Cli.Result result = decompress(garbage.toString());
        assertEquals(ExitCodes.DATA_ERROR, result.exitCode());
        assertEquals("vqi: " + garbage + ": corrupt data at byte 0: not a .vqi file (bad signature)",
                result.err().strip());
        assertEquals(List.of("garbage.vqi"), Fixtures.names(dir));
    }

    @Test
    void aTruncatedFileLeavesNoOutputAndNoTemporaryFile() throws IOException {
        for (int length : new int[] {odd.length - 1, odd.length / 2, 40, 9}) {
            Path truncated = write("cut.vqi", Arrays.copyOf(odd, length));
            Cli.Result result = decompress(truncated.toString());
            assertEquals(ExitCodes.DATA_ERROR, result.exitCode(), "length " + length);
            assertEquals(1, result.errLines().length, result.err());
            assertTrue(result.err().startsWith("vqi: " + truncated + ": corrupt data at byte "), result.err());
            assertFalse(result.err().contains("Exception"), result.err());
            assertEquals(List.of("cut.vqi"), Fixtures.names(dir), "length " + length);
        }
    }

    @Test
    void everyFlippedByteIsRefusedOrDecodedNeverAStackTrace() throws IOException {
        Path out = dir.resolve("out");
        for (int i = 0; i < odd.length; i += 7) {
            byte[] bad = odd.clone();
            bad[i] ^= 0x5a;
            Path file = write("flip.vqi", bad);
            Cli.Result result = decompress(file.toString(), "-d", out.toString(), "--force");
            assertTrue(result.exitCode() == ExitCodes.OK || result.exitCode() == ExitCodes.DATA_ERROR,
                    "byte " + i + ": " + result.err());
            assertTrue(result.errLines().length <= 1, result.err());
        }
        if (Files.exists(out)) {
            assertTrue(Fixtures.names(out).stream().allMatch(n -> n.equals("flip.png")), Fixtures.names(out)::toString);
        }
    }

    /**
     * Issue 14, finding 2: an {@code iccp} profile Java cannot link was exit 70 "CMMException", or was written into
     * the PNG, whose colours then failed to convert. It is bad data, named in one line, and nothing is written.
     */
    @ParameterizedTest
    @CsvSource({"tag count 2", "gray profile"})
    void anIccProfileJavaCannotUseIsBadData(String kind) throws IOException {
        byte[] profile = ICC_Profile.getInstance(kind.equals("gray profile") ? ColorSpace.CS_GRAY
                : ColorSpace.CS_LINEAR_RGB).getData();
        if (kind.equals("tag count 2")) {
            ByteBuffer.wrap(profile).putInt(128, 2);
        }
        Deflater deflater = new Deflater();
        deflater.setInput(profile);
        deflater.finish();
        byte[] zlib = new byte[profile.length + 64];
        int n = deflater.deflate(zlib);
        deflater.end();
        byte[] payload = new byte[1 + n];
        System.arraycopy(zlib, 0, payload, 1, n);
        VqiContainer rgb = VqiContainerReader.read(odd);
        List<Chunk> chunks = new ArrayList<>();
        chunks.add(new Chunk(ChunkType.ICCP, payload));
        chunks.addAll(rgb.chunks());
        Path file = write("icc.vqi", VqiContainerWriter.toBytes(new VqiContainer(rgb.header(), chunks)));
        Cli.Result result = decompress(file.toString());
        assertEquals(ExitCodes.DATA_ERROR, result.exitCode(), result.err());
        assertEquals(1, result.errLines().length, result.err());
        long payloadOffset = 8 + 12 + ByteBuffer.wrap(odd).getInt(12) + 8; // signature, HEAD, iccp's type and length
        assertTrue(result.err().startsWith("vqi: " + file + ": corrupt data at byte " + payloadOffset
                + ": 'iccp' chunk: "), result.err());
        assertEquals(List.of("icc.vqi"), Fixtures.names(dir));
    }

    @Test
    void aHugeHeaderWithAFewBytesOfCodesFailsFastAsCorrupt() throws IOException {
        // 134 million pixels are within the format's limit, but 16 bytes cannot code their 2 million indices: the
        // range decoder runs past the payload within a few symbols, long before anything that size is allocated.
        ModelBundle bundle = ModelBundle.read(model);
        VqiHeader header = VqiHeader.builder().size(16384, 8192).colorModel(ColorModel.RGB).quality(1)
                .model(new ModelRef(bundle.modelId(), bundle.sha256())).latentGrid(1024, 2048).stages(1)
                .tileSize(16384, 8192).build();
        byte[] file = VqiContainerWriter.toBytes(VqiContainer.ofCodes(header,
                List.of(new CodeChunk(0, 0, new byte[16]))));
        Path huge = write("huge.vqi", file);
        Cli.Result result = decompress(huge.toString());
        assertEquals(ExitCodes.DATA_ERROR, result.exitCode());
        // (A JVM with less than 1.5 GiB of heap refuses it even earlier, for memory.)
        assertTrue(result.err().strip().matches("vqi: .*huge.vqi: (corrupt data at byte \\d+: |a 16384x8192 image "
                + "needs about ).*"), result.err());
        assertEquals(List.of("huge.vqi"), Fixtures.names(dir));
    }

    @Test
    void aFileOfAnotherModelNamesTheRemedy() throws IOException {
        Path vqi = write("odd.vqi", odd);
        Cli.Result result = Cli.run("decompress", vqi.toString(), "--model", otherModel.toString());
        assertEquals(ExitCodes.DATA_ERROR, result.exitCode());
        assertTrue(result.err().contains("which this build does not have (pass its model file with --model)"),
                result.err());
        Cli.Result both = Cli.run("decompress", vqi.toString(), "--model", otherModel.toString(), "--model",
                model.toString());
        assertEquals(ExitCodes.OK, both.exitCode(), both.err());
    }

    @Test
    void anExistingOutputIsReplacedOnlyWithForce() throws IOException {
        Path vqi = write("odd.vqi", odd);
        Path png = Files.writeString(dir.resolve("odd.png"), "the original");
        Cli.Result refused = decompress(vqi.toString());
        assertEquals(ExitCodes.CANT_CREATE, refused.exitCode());
        assertEquals("vqi: " + png + ": already exists (use --force to overwrite)", refused.err().strip());
        assertEquals("the original", Files.readString(png));
        assertEquals(ExitCodes.OK, decompress(vqi.toString(), "--force").exitCode());
        assertEquals(123, Fixtures.read(png).getWidth());
        assertEquals(List.of("odd.png", "odd.vqi"), Fixtures.names(dir));
    }

    @Test
    void aMissingOutputFolderIsExit73() throws IOException {
        Path vqi = write("odd.vqi", odd);
        assertFails(ExitCodes.CANT_CREATE, "no such folder", vqi.toString(), "-o",
                dir.resolve("no/such/out.png").toString());
    }

    @Test
    void aBatchWithABadFileDecodesTheRestAndSaysSo() throws IOException {
        Path a = write("a.vqi", odd);
        Path bad = write("b.vqi", Arrays.copyOf(odd, 50));
        Path c = write("c.vqi", rgba);
        Path out = dir.resolve("png");
        Cli.Result result = decompress(a.toString(), bad.toString(), c.toString(), "-d", out.toString(), "-j", "2",
                "--json");
        assertEquals(ExitCodes.DATA_ERROR, result.exitCode());
        List<Map<String, Object>> lines = result.out().lines().map(JsonParser::parseObject).toList();
        assertEquals(3, lines.size());
        assertEquals("png", lines.get(0).get("format"));
        assertEquals(123.0, lines.get(0).get("width"));
        assertEquals((double) ExitCodes.DATA_ERROR, lines.get(1).get("exitCode"));
        assertEquals(Boolean.TRUE, lines.get(2).get("alpha"));
        assertEquals(List.of("a.png", "c.png"), Fixtures.names(out));
    }

    @Test
    void recursionFindsVqiFilesOnly() throws IOException {
        Path tree = Files.createDirectories(dir.resolve("tree/deeper"));
        Files.write(tree.resolve("x.vqi"), odd);
        Files.write(tree.getParent().resolve("y.vqi"), rgba);
        Files.writeString(tree.resolve("x.png.txt"), "ignored");
        Cli.Result result = decompress("-r", tree.getParent().toString());
        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        assertTrue(Files.isRegularFile(tree.resolve("x.png")));
        assertTrue(Files.isRegularFile(tree.getParent().resolve("y.png")));
    }

    /** Regression (issue 15): `vqi decompress a.png` said "a.png: already exists" instead of blaming the input. */
    @Test
    void aNonVqiInputIsReportedBeforeTheOutput() throws IOException {
        Path png = Fixtures.image(dir, "odd-123x77.png");
        Cli.Result r = Cli.run("decompress", png.toString(), "-o", png.toString());
        assertEquals(ExitCodes.DATA_ERROR, r.exitCode(), r.err());
        assertTrue(!r.err().contains("already exists"), r.err());
    }

    /** {@code vqi decompress args} exits with {@code exitCode} and says {@code message}. */
    private Cli.Result assertFails(int exitCode, String message, String... args) {
        Cli.Result result = decompress(args);
        assertEquals(exitCode, result.exitCode(), result.err());
        assertTrue(result.err().contains(message), result.err());
        return result;
    }
}

package io.vqi.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vqi.testdata.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InfoCommandTest {
    @TempDir
    Path dir;

    /** What each golden file holds (SPEC.md §9). */
    record Golden(String name, int bytes, int width, int height, String colorModel, int bitDepth, int quality,
                  int stages, int tiles, List<String> chunkTypes) {
        long pixels() {
            return (long) width * height;
        }
    }

    static final List<Golden> GOLDEN = List.of(
            new Golden("minimal-rgb.vqi", 135, 16, 16, "rgb", 8, 3, 1, 1, List.of("HEAD", "CODE", "IEND")),
            new Golden("gray16-two-stage.vqi", 157, 40, 24, "gray", 16, 1, 2, 1,
                    List.of("HEAD", "CODE", "CODE", "IEND")),
            new Golden("unknown-ancillary.vqi", 179, 16, 16, "rgb", 8, 3, 1, 1,
                    List.of("HEAD", "xtra", "CODE", "zero", "IEND")),
            new Golden("tiled-2x2-two-stage.vqi", 278, 64, 48, "rgb", 8, 5, 2, 4,
                    List.of("HEAD", "CODE", "CODE", "CODE", "CODE", "CODE", "CODE", "CODE", "CODE", "IEND")));

    static Stream<Arguments> golden() {
        return GOLDEN.stream().map(g -> Arguments.of(g.name(), g));
    }

    private Path golden(String name) throws IOException {
        return write(name, TestData.bytes("golden/" + name));
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    /** An edge strip (format 1.3) is listed as the ancillary chunk it is, at its file offset. */
    @Test
    void listsTheEdgeChunk() throws IOException {
        Path file = golden("edge.vqi");
        Cli.Result result = Cli.run("info", file.toString());
        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        assertTrue(result.out().contains("format       .vqi 1.3\n"), result.out());
        assertTrue(result.out().contains("           123  edge  ancillary           8\n"), result.out());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void describesEachGoldenFileAsText(String name, Golden expected) throws IOException {
        Path file = golden(name);
        Cli.Result result = Cli.run("info", file.toString());
        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        assertEquals("", result.err());
        String text = result.out();
        String colour = expected.colorModel().equals("rgb") ? "RGB" : "gray";
        assertAll(
                () -> assertTrue(text.startsWith(file + "\n"), text),
                () -> assertTrue(text.contains("format       .vqi 1.0\n"), text),
                () -> assertTrue(text.contains(String.format("image        %d x %d %s, %d bits per sample\n",
                        expected.width(), expected.height(), colour, expected.bitDepth())), text),
                () -> assertTrue(text.contains(String.format(java.util.Locale.ROOT,
                        "size         %d bytes, %.4f bits per pixel\n", expected.bytes(),
                        8.0 * expected.bytes() / expected.pixels())), text),
                () -> assertTrue(text.contains("model        dummy-f8-k1024-v1\n"), text),
                () -> assertTrue(text.contains("weights      sha256 "
                        + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"), text),
                () -> assertTrue(text.contains("stages       " + expected.stages() + "\n"), text),
                () -> assertTrue(text.contains("tiles        " + expected.tiles() + " ("), text),
                () -> assertTrue(text.contains("chunks       " + expected.chunkTypes().size() + "\n"), text),
                () -> assertTrue(text.contains("         8  HEAD  critical"), text),
                () -> assertTrue(text.contains("  IEND  critical            0\n"), text));
        if (name.equals("unknown-ancillary.vqi")) {
            assertTrue(text.contains("  xtra  ancillary          20\n"), text);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    @SuppressWarnings("unchecked")
    void describesEachGoldenFileAsJson(String name, Golden expected) throws IOException {
        Path file = golden(name);
        Cli.Result result = Cli.run("info", "--json", file.toString());
        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        assertEquals(1, result.out().lines().count(), "one object on one line");
        Map<String, Object> info = JsonParser.parseObject(result.out());
        List<Map<String, Object>> chunks = (List<Map<String, Object>>) info.get("chunks");
        Map<String, Object> model = (Map<String, Object>) info.get("model");
        Map<String, Object> tiles = (Map<String, Object>) info.get("tiles");
        assertAll(
                () -> assertEquals(file.toString(), info.get("file")),
                () -> assertEquals(expected.bytes(), num(info, "bytes")),
                () -> assertEquals(8.0 * expected.bytes() / expected.pixels(), info.get("bitsPerPixel")),
                () -> assertEquals("1.0", info.get("formatVersion")),
                () -> assertEquals(expected.width(), num(info, "width")),
                () -> assertEquals(expected.height(), num(info, "height")),
                () -> assertEquals(expected.colorModel(), info.get("colorModel")),
                () -> assertEquals(expected.bitDepth(), num(info, "bitDepth")),
                () -> assertEquals(expected.quality(), num(info, "quality")),
                () -> assertEquals(expected.stages(), num(info, "stages")),
                () -> assertEquals(expected.tiles(), num(tiles, "count")),
                () -> assertEquals("dummy-f8-k1024-v1", model.get("id")),
                () -> assertEquals(64, ((String) model.get("weightsSha256")).length()),
                () -> assertEquals(expected.chunkTypes(), chunks.stream().map(c -> c.get("type")).toList()));
        // The offsets tile the file exactly: signature, then each chunk's 12 bytes of framing and its payload.
        long offset = 8;
        int code = 0;
        for (Map<String, Object> chunk : chunks) {
            assertEquals(offset, num(chunk, "offset"), chunk.toString());
            String type = (String) chunk.get("type");
            assertEquals(Character.isUpperCase(type.charAt(0)), chunk.get("critical"));
            if (type.equals("CODE")) {
                assertEquals(code / expected.tiles(), num(chunk, "stage"));
                assertEquals(code % expected.tiles(), num(chunk, "tile"));
                code++;
            }
            offset += 12 + num(chunk, "length");
        }
        assertEquals(expected.bytes(), offset);
    }

    private static long num(Map<String, Object> object, String name) {
        double value = (Double) object.get(name);
        assertEquals(Math.rint(value), value, name + " is an integer");
        return (long) value;
    }

    @Test
    void jsonForSeveralFilesIsOneObjectPerLine() throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("info", "--json"));
        for (Golden g : GOLDEN) {
            args.add(golden(g.name()).toString());
        }
        Cli.Result result = Cli.run(args.toArray(String[]::new));
        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        List<String> lines = result.out().lines().toList();
        assertEquals(GOLDEN.size(), lines.size());
        for (int i = 0; i < lines.size(); i++) {
            assertTrue(((String) JsonParser.parseObject(lines.get(i)).get("file")).endsWith(GOLDEN.get(i).name()));
        }
    }

    @Test
    void aMissingFileIsNoInput() {
        Path missing = dir.resolve("missing.vqi");
        Cli.Result result = Cli.run("info", missing.toString());
        assertEquals(ExitCodes.NO_INPUT, result.exitCode());
        assertEquals("vqi: no such file: " + missing + "\n", result.err().replace("\r\n", "\n"));
        assertEquals("", result.out());
    }

    @Test
    void aDirectoryIsNoInput() {
        Cli.Result result = Cli.run("info", dir.toString());
        assertEquals(ExitCodes.NO_INPUT, result.exitCode());
        assertEquals("vqi: " + dir + ": is a directory", result.err().strip());
    }

    static Stream<Arguments> corruptions() {
        byte[] good = TestData.bytes("golden/minimal-rgb.vqi");
        byte[] flippedCode = good.clone();
        flippedCode[0x72] ^= 0x01; // first byte of the coded indices: CODE's CRC no longer matches
        byte[] flippedHead = good.clone();
        flippedHead[0x14 + 3] ^= 0x40; // width's low byte: HEAD's CRC no longer matches
        byte[] trailing = Arrays.copyOf(good, good.length + 1);
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};
        return Stream.of(
                Arguments.of("truncated in CODE", Arrays.copyOf(good, 0x75), "truncated: chunk 'CODE' payload", 0x6E),
                Arguments.of("truncated before IEND", Arrays.copyOf(good, 0x7B), "truncated", 0x7B),
                Arguments.of("empty", new byte[0], "truncated", 0),
                Arguments.of("flipped CODE byte", flippedCode, "CRC mismatch in chunk 'CODE'", 0x66),
                Arguments.of("flipped HEAD byte", flippedHead, "CRC mismatch in chunk 'HEAD'", 8),
                Arguments.of("byte after IEND", trailing, "unexpected data after IEND", good.length),
                Arguments.of("a PNG", png, "not a .vqi file", 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptions")
    void aCorruptFileIsBadDataOnOneLineWithItsOffset(String what, byte[] bytes, String reason, int offset)
            throws IOException {
        Path file = write("bad.vqi", bytes);
        Cli.Result result = Cli.run("info", file.toString());
        assertAll(
                () -> assertEquals(ExitCodes.DATA_ERROR, result.exitCode()),
                () -> assertEquals("", result.out()),
                () -> assertEquals(1, result.errLines().length, result.err()),
                () -> assertTrue(result.err().startsWith("vqi: " + file + ": corrupt data at byte " + offset + ": "),
                        result.err()),
                () -> assertTrue(result.err().contains(reason), result.err()),
                () -> assertFalse(result.err().contains("\tat "), result.err()));
    }

    @Test
    void verboseShowsTheStackTrace() throws IOException {
        Path file = write("bad.vqi", Arrays.copyOf(TestData.bytes("golden/minimal-rgb.vqi"), 100));
        for (String[] args : new String[][] {{"info", "-v", file.toString()}, {"--verbose", "info", file.toString()}}) {
            Cli.Result result = Cli.run(args);
            assertEquals(ExitCodes.DATA_ERROR, result.exitCode());
            assertTrue(result.errLines()[0].startsWith("vqi: " + file + ": corrupt data at byte "), result.err());
            assertTrue(result.err().contains("io.vqi.format.MalformedContainerException"), result.err());
            assertTrue(result.err().contains("\tat io.vqi.format.VqiContainerReader"), result.err());
        }
    }

    @Test
    void oneBadFileDoesNotStopTheOthersAndTheFirstFailureSetsTheExitCode() throws IOException {
        Path good = golden("minimal-rgb.vqi");
        Path corrupt = write("bad.vqi", Arrays.copyOf(TestData.bytes("golden/minimal-rgb.vqi"), 50));
        Path missing = dir.resolve("missing.vqi");
        Path other = golden("gray16-two-stage.vqi");
        Cli.Result result = Cli.run("info", good.toString(), corrupt.toString(), missing.toString(), other.toString());
        assertEquals(ExitCodes.DATA_ERROR, result.exitCode());
        assertTrue(result.out().startsWith(good + "\n"), result.out());
        assertTrue(result.out().contains("\n\n" + other + "\n"), result.out());
        String[] errors = result.errLines();
        assertEquals(2, errors.length, result.err());
        assertTrue(errors[0].startsWith("vqi: " + corrupt + ": corrupt data at byte "), errors[0]);
        assertEquals("vqi: no such file: " + missing, errors[1]);

        Cli.Result reversed = Cli.run("info", "--json", missing.toString(), good.toString(), corrupt.toString());
        assertEquals(ExitCodes.NO_INPUT, reversed.exitCode());
        assertEquals(1, reversed.out().lines().count());
        assertEquals(2, reversed.errLines().length);
    }
}

package io.vqi.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vqi.testdata.TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SPEC.md and the code must agree: the limits table, the HEAD layout table and the worked example. */
class SpecTest {
    private static List<String> spec;

    @BeforeAll
    static void readSpec() throws IOException {
        // Surefire runs in the module directory (container/).
        spec = Files.readAllLines(Path.of(System.getProperty("vqi.spec", "SPEC.md")), StandardCharsets.UTF_8);
    }

    @Test
    void limitsTableMatchesVqiFormat() throws ReflectiveOperationException {
        Pattern row = Pattern.compile("^\\| `(MAX_[A-Z_]+)` \\| `(\\d+)` \\|.*");
        int rows = 0;
        for (String line : spec) {
            Matcher m = row.matcher(line);
            if (m.matches()) {
                long inCode = VqiFormat.class.getField(m.group(1)).getInt(null);
                assertEquals(Long.parseLong(m.group(2)), inCode, m.group(1));
                rows++;
            }
        }
        assertEquals(8, rows, "limits table rows");
    }

    @Test
    void headLayoutTableMatchesHeaderField() {
        Pattern row = Pattern.compile("^\\| (\\d+) \\| (\\d+|n) \\| [^|]+ \\| ([a-zA-Z0-9 -]+) \\|.*");
        Map<String, int[]> table = new HashMap<>();
        boolean inSection = false;
        for (String line : spec) {
            if (line.startsWith("### ")) {
                inSection = line.startsWith("### 4.1 ");
            }
            Matcher m = row.matcher(line);
            if (inSection && m.matches()) {
                int size = m.group(2).equals("n") ? 0 : Integer.parseInt(m.group(2));
                table.put(m.group(3), new int[] {Integer.parseInt(m.group(1)), size});
            }
        }
        assertEquals(HeaderField.values().length, table.size(), "rows in §4.1: " + table.keySet());
        for (HeaderField field : HeaderField.values()) {
            int[] offsetAndSize = table.get(field.label);
            assertTrue(offsetAndSize != null, "§4.1 lacks " + field.label);
            assertEquals(field.offset, offsetAndSize[0], field.label + " offset");
            assertEquals(field.size, offsetAndSize[1], field.label + " size");
        }
    }

    /** §8 (format 1) and §4.4 (format 2): the example's bytes, in order from offset 0, are the golden file. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"minimal-rgb.vqi", "minimal-rgb-v2.vqi"})
    void workedExampleIsTheGoldenFile(String name) {
        int start = spec.indexOf(spec.stream().filter(l -> l.startsWith("<!-- example: " + name + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("SPEC.md lacks the example marker of " + name)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Pattern line = Pattern.compile("^([0-9a-f]{4})  ((?:[0-9a-f]{2} )*[0-9a-f]{2})(?:  .*)?$");
        for (String text : spec.subList(start + 2, spec.size())) {
            if (text.startsWith("```")) {
                break;
            }
            Matcher m = line.matcher(text);
            if (m.matches()) {
                assertEquals(bytes.size(), Integer.parseInt(m.group(1), 16), "offset column at: " + text);
                for (String hex : m.group(2).split(" ")) {
                    bytes.write(Integer.parseInt(hex, 16));
                }
            }
        }
        assertArrayEquals(TestData.bytes("golden/" + name), bytes.toByteArray());
    }

    /** §5.2.6: each line's bytes are the golden metadata file's at the line's offset, and the chunks read back. */
    @Test
    void metadataExampleIsInTheGoldenFile() throws IOException {
        byte[] golden = TestData.bytes("golden/metadata.vqi");
        assertEquals(17, exampleLinesMatch("metadata.vqi", golden), "example lines");
        ImageMetadata metadata = ImageMetadata.read(VqiContainerReader.read(golden));
        assertArrayEquals(Samples.exif(), metadata.exif());
        assertArrayEquals(Samples.xmp(), metadata.xmp());
        assertEquals(234, golden.length);
    }

    /** §5.2.8: each line's bytes are the golden edge file's at the line's offset, and the strip decodes back. */
    @Test
    void edgeExampleIsInTheGoldenFile() throws IOException {
        byte[] golden = TestData.bytes("golden/edge.vqi");
        assertEquals(10, exampleLinesMatch("edge.vqi", golden), "example lines");
        assertEquals(155, golden.length);
        VqiContainer c = VqiContainerReader.read(golden);
        EdgeChunk e = EdgeChunk.read(c).orElseThrow();
        assertArrayEquals(Samples.edgeStrip().values(), io.vqi.correction.EdgeStripCoder.decode(e.data(), 0,
                e.data().length, e.depth(), e.log2Spacing(), e.step(), 16, 16).values());
        // the arithmetic the example states: the top row's red lowered by 8 up to x = 8, by 4 at x = 15
        int[] rgb = new int[16 * 16];
        java.util.Arrays.fill(rgb, 0x808080);
        io.vqi.correction.EdgeCorrection.apply(Samples.edgeStrip(), rgb, 16, 16);
        assertEquals(0x788080, rgb[0]);
        assertEquals(0x788080, rgb[8]);
        assertEquals(0x7c8080, rgb[15]);
        assertEquals(0x808080, rgb[16]);
    }

    /** Checks the example after the marker of {@code name} byte for byte against {@code golden}; its line count. */
    private int exampleLinesMatch(String name, byte[] golden) {
        int start = spec.indexOf(spec.stream().filter(l -> l.startsWith("<!-- example: " + name)).findFirst()
                .orElseThrow(() -> new AssertionError("SPEC.md lacks the " + name + " example marker")));
        Pattern line = Pattern.compile("^([0-9a-f]{4})  ((?:[0-9a-f]{2} )*[0-9a-f]{2})(?:  .*)?$");
        int lines = 0;
        for (String text : spec.subList(start + 2, spec.size())) {
            if (text.startsWith("```")) {
                break;
            }
            Matcher m = line.matcher(text);
            assertTrue(m.matches(), "not an example line: " + text);
            int offset = Integer.parseInt(m.group(1), 16);
            String[] hex = m.group(2).split(" ");
            for (int i = 0; i < hex.length; i++) {
                assertEquals(Integer.parseInt(hex[i], 16), golden[offset + i] & 0xff, "byte " + (offset + i));
            }
            lines++;
        }
        return lines;
    }

    @Test
    void crc32cIsTheCastagnoliCrcTheSpecDescribes() {
        CRC32C crc = new CRC32C();
        crc.update("123456789".getBytes(StandardCharsets.US_ASCII));
        assertEquals(0xE3069283L, crc.getValue());
    }
}

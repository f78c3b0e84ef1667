package io.vqi.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.vqi.testdata.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed golden files are exactly what the writer makes of {@link Samples}, their {@code .sha256} files
 * match, and the reader gives the containers back. With {@code -Dvqi.regenerateGolden=true} the files are rewritten
 * instead (into {@code -Dvqi.goldenDir}, default: the testdata module's sources) and the comparisons are skipped.
 */
class GoldenFilesTest {
    static final boolean REGENERATE = Boolean.getBoolean("vqi.regenerateGolden");
    static final Path GOLDEN_DIR = Path.of(System.getProperty("vqi.goldenDir",
            "../testdata/src/main/resources/io/vqi/testdata/golden"));

    static Stream<Arguments> golden() {
        return Samples.golden().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void writerOutputIsTheGoldenFile(String name, VqiContainer container) throws IOException {
        byte[] written = VqiContainerWriter.toBytes(container);
        if (REGENERATE) {
            Files.createDirectories(GOLDEN_DIR);
            Files.write(GOLDEN_DIR.resolve(name), written);
            Files.writeString(GOLDEN_DIR.resolve(name + ".sha256"), sha256Line(name, written));
            return;
        }
        assertArrayEquals(TestData.bytes("golden/" + name), written,
                name + ": the writer's output changed; if that is intended, rerun with -Dvqi.regenerateGolden=true"
                        + " and review the diff");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void goldenFileMatchesItsSha256(String name, VqiContainer container) {
        assumeFalse(REGENERATE, "regenerating");
        byte[] golden = TestData.bytes("golden/" + name);
        String recorded = new String(TestData.bytes("golden/" + name + ".sha256"), StandardCharsets.US_ASCII);
        assertEquals(sha256Line(name, golden), recorded, name + " does not match " + name + ".sha256");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void readerGivesBackTheContainer(String name, VqiContainer container) throws IOException {
        assumeFalse(REGENERATE, "regenerating");
        byte[] golden = TestData.bytes("golden/" + name);
        assertEquals(container, VqiContainerReader.read(golden));
        try (var in = TestData.open("golden/" + name)) {
            assertEquals(container, VqiContainerReader.read(in));
        }
        assertEquals(container.header(), VqiContainerReader.readHeader(golden));
    }

    /** {@code sha256sum} format, so {@code sha256sum -c *.sha256} works in the golden folder. */
    static String sha256Line(String name, byte[] bytes) {
        return sha256Hex(bytes) + "  " + name + "\n";
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }
}

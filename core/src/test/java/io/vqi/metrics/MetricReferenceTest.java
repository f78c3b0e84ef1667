package io.vqi.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden values: PSNR and MS-SSIM of JPEG-degraded Kodak crops, computed by an independent implementation
 * (shared/datasets/metric-reference/README.md). The odd-sized crops exercise the replicate-then-halve rule.
 */
class MetricReferenceTest {
    private static final String FOLDER = "shared/datasets/metric-reference";
    /** Overrides the search, e.g. {@code -Dvqi.metricReference=/data/metric-reference}. */
    private static final String PROPERTY = "vqi.metricReference";

    static Stream<Arguments> pairs() throws IOException {
        Path dir = referenceDir();
        List<String> lines = Files.readAllLines(dir.resolve("expected.csv"));
        assertEquals("original,distorted,width,height,psnr_rgb_db,msssim_rgb_mean", lines.get(0), "csv header");
        assertFalse(lines.size() < 2, "expected.csv has no rows");
        return lines.stream().skip(1).filter(line -> !line.isBlank()).map(line -> {
            String[] f = line.split(",");
            return Arguments.of(dir.resolve(f[0]), dir.resolve(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                    Double.parseDouble(f[4]), Double.parseDouble(f[5]));
        });
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("pairs")
    void reproducesReferenceValues(Path original, Path distorted, int width, int height, double psnr, double msSsim)
            throws IOException {
        BufferedImage a = read(original);
        BufferedImage b = read(distorted);
        assertEquals(width, a.getWidth(), "width of " + original);
        assertEquals(height, a.getHeight(), "height of " + original);

        assertEquals(psnr, Psnr.of(a, b), 1e-4, "PSNR dB");
        assertEquals(msSsim, MsSsim.of(a, b), 1e-6, "MS-SSIM");
    }

    private static BufferedImage read(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, "ImageIO cannot read " + file);
        return image;
    }

    /**
     * The folder lives next to the repository (the module's {@code ../../shared} or the repository's
     * {@code ../shared}), so walk up from the working directory, which is the module or the repository root.
     */
    static Path referenceDir() {
        String override = System.getProperty(PROPERTY);
        if (override != null) {
            Path dir = Paths.get(override);
            if (!Files.isRegularFile(dir.resolve("expected.csv"))) {
                fail(PROPERTY + "=" + override + " has no expected.csv");
            }
            return dir;
        }
        Path start = Paths.get("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(FOLDER);
            if (Files.isRegularFile(candidate.resolve("expected.csv"))) {
                return candidate;
            }
        }
        return fail("metric reference data not found: no " + FOLDER + "/expected.csv in " + start
                + " or any parent directory (it sits next to the repository on CI; or set -D" + PROPERTY + "=<dir>)");
    }
}

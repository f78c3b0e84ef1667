package io.vqi.compare;

import io.vqi.model.ModelBundle;
import io.vqi.model.TestModels;
import io.vqi.model.VqVaeConfig;
import io.vqi.prior.PriorConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One small end-to-end run (two 200x200 images; jpeg, png, jpeg2000, vqi with a random model) and its report. */
class ComparisonTest {
    private static final List<String> CODECS = List.of("vqi", "jpeg", "jpeg2000", "png", "webp", "avif", "jxl");

    @TempDir
    static Path work;
    static ComparisonResult result;
    static ReportFiles files;
    static List<String> csv;
    static final List<String> progress = new ArrayList<>();
    static final List<String> skippedHeard = new ArrayList<>();

    @BeforeAll
    static void run() throws IOException {
        Path images = Files.createDirectories(work.resolve("images"));
        Synthetic.write(images, "a.png", 200, 200, 1);
        Synthetic.write(images, "b.png", 208, 192, 2);
        Files.writeString(images.resolve("notes.txt"), "not an image");
        ModelBundle model = TestModels.randomWithPrior(VqVaeConfig.tiny(),
                PriorConfig.tiny(VqVaeConfig.tiny().codebookSize()), 1);
        ComparisonOptions options = ComparisonOptions.forFolder(images)
                .withCodecs(CODECS)
                .withVqiLevels(VqiLevel.numbered(List.of(model)));
        result = Comparison.run(options, new ProgressSink() {
            @Override
            public void onItem(String codec, String setting, String image, int index, int total) {
                progress.add(index + "/" + total + " " + codec + " " + setting + " " + image);
            }

            @Override
            public void onSkipped(String codec, String reason) {
                skippedHeard.add(codec);
            }
        });
        files = Report.write(result, work.resolve("out"));
        csv = Files.readAllLines(files.csv(), StandardCharsets.UTF_8);
    }

    private static boolean measured(String codec) {
        return result.codecs().stream().anyMatch(c -> c.name().equals(codec) && c.measured());
    }

    @Test
    void everyRequestedCodecHasAStatusAndTheBuiltInOnesRan() {
        assertEquals(CODECS, result.codecs().stream().map(CodecStatus::name).toList());
        for (String codec : List.of("vqi", "jpeg", "jpeg2000", "png")) {
            assertTrue(measured(codec), codec + ": " + result.codecs());
        }
        assertEquals(List.of("a.png", "b.png"), result.images(), "the folder listing skips non-images");
    }

    @Test
    void csvHasTheSchemaAndOneRowPerImageAndSetting() {
        assertEquals(ResultsCsv.HEADER, csv.get(0));
        int expected = 0;
        for (CodecStatus c : result.codecs()) {
            if (c.measured()) {
                expected += 2 * c.settings().size();
            }
        }
        assertEquals(2 * (JpegRunner.QUALITIES.size() + Jpeg2000Runner.RATES.size() + 1 + 1)
                + measuredExternalRows(), expected);
        assertEquals(expected, csv.size() - 1);
        assertEquals(expected, result.rows().size());
        for (String line : csv.subList(1, csv.size())) {
            assertEquals(ResultsCsv.COLUMNS.size(), line.split(",", -1).length, line);
        }
    }

    private static int measuredExternalRows() {
        int rows = 0;
        for (ExternalCodec codec : ExternalCodec.values()) {
            if (measured(codec.codecName())) {
                rows += 2 * codec.settings().size();
            }
        }
        return rows;
    }

    @Test
    void progressCountsEveryItemOnce() {
        assertEquals(result.rows().size(), progress.size());
        assertTrue(progress.get(0).startsWith("1/" + result.rows().size() + " vqi 1 a.png"), progress.get(0));
        assertTrue(progress.get(progress.size() - 1).startsWith(result.rows().size() + "/"));
    }

    @Test
    void jpegSizesGrowWithQuality() {
        for (String image : result.images()) {
            List<Long> sizes = result.rows().stream()
                    .filter(m -> m.codec().equals("jpeg") && m.image().equals(image))
                    .map(Measurement::bytes).toList();
            assertEquals(JpegRunner.QUALITIES.size(), sizes.size());
            int drops = 0;
            for (int i = 1; i < sizes.size(); i++) {
                if (sizes.get(i) < sizes.get(i - 1)) {
                    drops++;
                }
            }
            assertTrue(drops <= 1 && sizes.get(sizes.size() - 1) > 2 * sizes.get(0), image + ": " + sizes);
        }
    }

    @Test
    void pngIsLosslessAndWrittenAsInf() {
        List<String> png = csv.stream().filter(l -> l.startsWith("png,")).toList();
        assertEquals(2, png.size());
        for (String line : png) {
            String[] f = line.split(",");
            assertEquals("lossless", f[1]);
            assertEquals("inf", f[7], line);
            assertEquals("1.000000", f[8], line);
        }
        CodecCurve curve = result.analysis().curve("png").orElseThrow();
        assertTrue(curve.lossless());
        assertTrue(result.analysis().bdRates().stream().filter(b -> b.codec().equals("png"))
                .allMatch(b -> b.outcome().equals(new BdRate.NotComputable("lossless"))));
    }

    @Test
    void ratesComeFromTheRealFileSizes() {
        for (Measurement m : result.rows()) {
            assertEquals(8.0 * m.bytes() / (m.width() * m.height()), m.bpp(), 1e-12);
            assertTrue(m.encMs() > 0 && m.decMs() > 0, m::toString);
            assertTrue(m.msssim() > 0 && m.msssim() <= 1, m::toString);
        }
        Map<String, List<Double>> j2k = result.rows().stream().filter(m -> m.codec().equals("jpeg2000"))
                .collect(Collectors.groupingBy(Measurement::setting,
                        Collectors.mapping(Measurement::bpp, Collectors.toList())));
        j2k.forEach((setting, bpps) -> bpps.forEach(bpp -> assertTrue(bpp <= Double.parseDouble(setting) * 1.02,
                setting + " -> " + bpp)));
    }

    @Test
    void theAnchorAgainstItselfIsZero() {
        for (Metric metric : Metric.values()) {
            BdRate.Outcome o = result.analysis().bdRates().stream()
                    .filter(b -> b.codec().equals("jpeg") && b.metric() == metric).findFirst().orElseThrow()
                    .outcome();
            assertEquals(0.0, assertInstanceOf(BdRate.Measured.class, o).result().percent(), 1e-12);
        }
        BdRate.Outcome j2k = result.analysis().bdRates().stream()
                .filter(b -> b.codec().equals("jpeg2000") && b.metric() == Metric.PSNR).findFirst().orElseThrow()
                .outcome();
        assertInstanceOf(BdRate.Measured.class, j2k);
    }

    @Test
    void reportFilesExistAndAreNotEmpty() throws IOException {
        assertEquals(4, files.plots().size());
        List<Path> all = new ArrayList<>(files.plots());
        all.add(files.markdown());
        all.add(files.sideBySide().orElseThrow());
        for (Path file : all) {
            assertTrue(Files.size(file) > 1000, file + " has " + Files.size(file) + " bytes");
        }
        for (Path plot : files.plots()) {
            if (plot.toString().endsWith(".png")) {
                BufferedImage png = ImageIO.read(plot.toFile());
                assertEquals(RdPlot.WIDTH, png.getWidth());
            } else {
                String svg = Files.readString(plot);
                assertTrue(svg.contains("<svg") && svg.strip().endsWith("</svg>"), svg.substring(0, 40));
                assertTrue(svg.contains("jpeg2000"), "the legend names the codecs");
            }
        }
        BufferedImage side = ImageIO.read(files.sideBySide().orElseThrow().toFile());
        assertNotNull(side);
        // original + vqi + jpeg + jpeg2000 (png is lossless and left out): four 192 px squares in a row.
        assertTrue(side.getWidth() >= 4 * 192, "width " + side.getWidth());
    }

    @Test
    void reportHasTheTablesMachineAndSkippedCodecs() throws IOException {
        String md = Files.readString(files.markdown());
        for (String heading : List.of("## Codecs", "## Mean curves", "## BD-rate against jpeg",
                "## Quality at fixed rates", "## Rate-distortion plots", "## Side by side")) {
            assertTrue(md.contains(heading), heading);
        }
        assertTrue(md.contains(Runtime.getRuntime().availableProcessors() + " core"));
        assertTrue(md.contains(System.getProperty("os.arch")));
        assertTrue(md.contains("Java " + System.getProperty("java.version")));
        assertTrue(md.contains("![side by side](side-by-side.png)"));
        assertTrue(md.contains("(rd-psnr.png)") && md.contains("(rd-msssim.svg)"));
        assertTrue(md.contains("PSNR@0.25") && md.contains("MS-SSIM@1 |"));
        assertTrue(md.contains("out of range"), "vqi's single point cannot reach every rate");
        for (CodecStatus c : result.skipped()) {
            assertTrue(md.contains("| " + c.name() + " | skipped: "), c.name());
            assertTrue(skippedHeard.contains(c.name()));
        }
        for (ExternalCodec codec : ExternalCodec.values()) {
            if (!ExternalRunner.fromEnvironment(codec, ComparisonOptions.DEFAULT_TOOL_TIMEOUT).available()) {
                assertTrue(md.contains("| " + codec.codecName() + " | skipped: " + codec.encoder()), codec.name());
            }
        }
    }
}

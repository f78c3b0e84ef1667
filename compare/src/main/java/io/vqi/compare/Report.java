package io.vqi.compare;

import io.vqi.compare.curve.BdResult;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes a {@link ComparisonResult} into a folder: {@code results.csv}, {@code report.md} with the tables,
 * {@code rd-psnr.png/.svg}, {@code rd-msssim.png/.svg} and {@code side-by-side.png}. Existing files of those names
 * are replaced; nothing else in the folder is touched.
 */
public final class Report {
    public static final String CSV = "results.csv";
    public static final String MARKDOWN = "report.md";
    public static final String SIDE_BY_SIDE = "side-by-side.png";

    private Report() {
    }

    /** The plot's base file name for {@code metric}: {@code rd-psnr} or {@code rd-msssim}. */
    public static String plotName(Metric metric) {
        return metric == Metric.PSNR ? "rd-psnr" : "rd-msssim";
    }

    public static ReportFiles write(ComparisonResult result, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        Path csv = outDir.resolve(CSV);
        ResultsCsv.write(result.rows(), csv);
        List<Path> plots = new ArrayList<>();
        for (Metric metric : Metric.values()) {
            var chart = RdPlot.chart(result.analysis().curves(), metric, result.images().size());
            Path png = outDir.resolve(plotName(metric) + ".png");
            Path svg = outDir.resolve(plotName(metric) + ".svg");
            RdPlot.writePng(chart, png);
            RdPlot.writeSvg(chart, svg);
            plots.add(png);
            plots.add(svg);
        }
        Optional<SideBySideChoice> choice = result.crops().map(crops -> choose(result, crops));
        Optional<Path> sideBySide = Optional.empty();
        if (choice.isPresent()) {
            Path file = outDir.resolve(SIDE_BY_SIDE);
            BufferedImage picture = SideBySide.render(choice.get().crops(), choice.get().picked());
            if (!ImageIO.write(picture, "png", file.toFile())) {
                throw new IOException("no PNG writer for the side-by-side picture");
            }
            sideBySide = Optional.of(file);
        }
        Path markdown = outDir.resolve(MARKDOWN);
        Files.writeString(markdown, markdown(result, choice), StandardCharsets.UTF_8);
        return new ReportFiles(csv, markdown, plots, sideBySide);
    }

    private record SideBySideChoice(Crops crops, double target, List<Crops.Crop> picked) {
    }

    private static SideBySideChoice choose(ComparisonResult result, Crops crops) {
        Set<String> lossless = result.analysis().curves().stream().filter(CodecCurve::lossless)
                .map(CodecCurve::codec).collect(Collectors.toSet());
        double target = SideBySide.target(result.analysis());
        return new SideBySideChoice(crops, target, SideBySide.pick(crops, target, lossless));
    }

    private static String markdown(ComparisonResult r, Optional<SideBySideChoice> choice) {
        Analysis a = r.analysis();
        StringBuilder md = new StringBuilder();
        Machine m = r.machine();
        md.append("# vqi compare: rate-distortion report\n\n");
        md.append("- Date: ").append(DateTimeFormatter.ISO_INSTANT.format(r.started().truncatedTo(ChronoUnit.SECONDS)))
                .append(String.format(Locale.ROOT, " (took %.1f s)%n", r.elapsed().toMillis() / 1000.0));
        md.append("- Machine: ").append(m.cores()).append(m.cores() == 1 ? " core, " : " cores, ")
                .append(m.osName()).append(' ').append(m.osVersion()).append(' ').append(m.osArch())
                .append(", Java ").append(m.javaVersion()).append(" (").append(m.javaVm()).append(")\n");
        md.append("- Images: ").append(r.images().size()).append(" (").append(String.join(", ", r.images()))
                .append(")\n");
        md.append("- Anchor for BD-rates: ").append(a.anchor()).append("\n\n");

        md.append("## Codecs\n\n| codec | status | implementation; setting |\n| --- | --- | --- |\n");
        for (CodecStatus c : r.codecs()) {
            String status = c.skipReason().map(reason -> "skipped: " + reason)
                    .orElse("measured, " + c.settings().size() + (c.settings().size() == 1 ? " setting" : " settings"));
            row(md, c.name(), status, c.description());
        }

        md.append("\n## Mean curves\n\nEach point is one setting averaged over the images: mean bpp (8 x file bytes "
                + "/ pixels), mean PSNR (dB, RGB 8-bit), mean MS-SSIM (5 scales, mean of R, G, B), mean encode and "
                + "decode wall-clock ms after one warm-up.\n");
        for (CodecCurve curve : a.curves()) {
            md.append("\n### ").append(curve.codec()).append("\n\n")
                    .append("| setting | bpp | PSNR (dB) | MS-SSIM | encode ms | decode ms |\n")
                    .append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
            for (MeanPoint p : curve.points()) {
                row(md, p.setting(), fixed(p.bpp(), 4), fixed(p.psnr(), 2), fixed(p.msssim(), 4),
                        fixed(p.encMs(), 1), fixed(p.decMs(), 1));
            }
        }

        md.append("\n## BD-rate against ").append(a.anchor()).append("\n\n")
                .append("Bjøntegaard delta rate on the mean curves: PCHIP of log-rate over quality, integrated over "
                        + "the quality range both curves cover (printed with each number). Negative means fewer "
                        + "bits than ").append(a.anchor()).append(" for the same quality. The MS-SSIM BD-rate is "
                        + "computed on MS-SSIM in dB, -10 log10(1 - MS-SSIM), so its range is in those dB.\n\n")
                .append("| codec | BD-rate (PSNR) | PSNR range (dB) | BD-rate (MS-SSIM) | MS-SSIM range (dB) |\n")
                .append("| --- | ---: | --- | ---: | --- |\n");
        for (CodecCurve curve : a.curves()) {
            List<String> cells = new ArrayList<>(List.of(curve.codec()));
            for (Metric metric : Metric.values()) {
                BdRate.Outcome o = a.bdRates().stream()
                        .filter(b -> b.codec().equals(curve.codec()) && b.metric() == metric)
                        .findFirst().orElseThrow().outcome();
                cells.addAll(bdCells(o));
            }
            row(md, cells.toArray(String[]::new));
        }

        if (!a.vqiAgainst().isEmpty()) {
            md.append("\n## BD-rate of vqi against each codec\n\n")
                    .append("The same Bjøntegaard delta with each codec in turn as the anchor and vqi's curve (every "
                            + "quality level) as the test: negative means vqi needs fewer bits for the same quality.\n\n")
                    .append("| anchor | vqi BD-rate (PSNR) | PSNR range (dB) | vqi BD-rate (MS-SSIM) | MS-SSIM range (dB) |\n")
                    .append("| --- | ---: | --- | ---: | --- |\n");
            List<String> anchors = a.vqiAgainst().stream().map(BdRate::codec).distinct().toList();
            for (String anchor : anchors) {
                List<String> cells = new ArrayList<>(List.of(anchor));
                for (Metric metric : Metric.values()) {
                    BdRate.Outcome o = a.vqiAgainst().stream()
                            .filter(b -> b.codec().equals(anchor) && b.metric() == metric)
                            .findFirst().orElseThrow().outcome();
                    cells.addAll(bdCells(o));
                }
                row(md, cells.toArray(String[]::new));
            }
        }

        List<Double> rates = a.qualityAtRates().stream().map(QualityAtRate::bpp).distinct().toList();
        md.append("\n## Quality at fixed rates\n\nRead off each mean curve (PCHIP in log-rate), never extrapolated: "
                + "\"out of range\" where the codec's settings do not reach that rate on these images.\n\n");
        List<String> header = new ArrayList<>(List.of("codec"));
        for (Metric metric : Metric.values()) {
            for (double rate : rates) {
                header.add(metric.label() + "@" + Setting.of(rate).label());
            }
        }
        row(md, header.toArray(String[]::new));
        md.append("| --- |").append(" ---: |".repeat(header.size() - 1)).append('\n');
        for (CodecCurve curve : a.curves()) {
            if (curve.lossless()) {
                continue;
            }
            List<String> cells = new ArrayList<>(List.of(curve.codec()));
            for (Metric metric : Metric.values()) {
                for (double rate : rates) {
                    cells.add(a.qualityAtRates().stream()
                            .filter(q -> q.codec().equals(curve.codec()) && q.metric() == metric && q.bpp() == rate)
                            .findFirst().map(Report::qualityCell).orElse("n/a"));
                }
            }
            row(md, cells.toArray(String[]::new));
        }

        md.append("\n## Rate-distortion plots\n\n");
        for (Metric metric : Metric.values()) {
            String name = plotName(metric);
            md.append("![").append(metric.label()).append(" against rate](").append(name).append(".png)\n\n")
                    .append("[").append(name).append(".svg](").append(name).append(".svg)\n\n");
        }

        md.append("## Side by side\n\n");
        if (choice.isPresent()) {
            SideBySideChoice c = choice.get();
            md.append(String.format(Locale.ROOT, "The %dx%d square at (%d, %d) of %s; for each codec the setting "
                            + "whose rate on this image is closest to %.3f bpp (%s).%n%n", c.crops().area().width,
                    c.crops().area().height, c.crops().area().x, c.crops().area().y, c.crops().image(), c.target(),
                    a.curve(VqiRunner.NAME).isPresent() ? "vqi's mean rate" : "no vqi curve, so a fixed target"));
            md.append("![side by side](").append(SIDE_BY_SIDE).append(")\n\n");
        } else {
            md.append("No lossy codec was measured.\n\n");
        }

        md.append("## Notes\n\n")
                .append("- `results.csv` has one row per codec, image and setting. A lossless result has PSNR `inf`; "
                        + "MS-SSIM is `nan` for images below 176 px a side. Lossless settings are left out of the "
                        + "curves, BD-rates and plots.\n")
                .append("- Times are wall clock for one encode and one decode of the whole image on this machine; "
                        + "for external tools they include starting the process, and the decode includes reading "
                        + "the tool's PNG back.\n");
        return md.toString();
    }

    private static String qualityCell(QualityAtRate q) {
        OptionalDouble v = q.quality();
        if (v.isPresent()) {
            return fixed(v.getAsDouble(), q.metric() == Metric.PSNR ? 2 : 4);
        }
        return q.bpp() < q.minRate()
                ? String.format(Locale.ROOT, "out of range (min %.3f)", q.minRate())
                : String.format(Locale.ROOT, "out of range (max %.3f)", q.maxRate());
    }

    private static String fixed(double value, int decimals) {
        return ResultsCsv.number(value, decimals);
    }

    private static void row(StringBuilder md, String... cells) {
        md.append('|');
        for (String cell : cells) {
            md.append(' ').append(cell.replace("|", "\\|").replace("\n", " ")).append(" |");
        }
        md.append('\n');
    }

    /** A BD-rate's two table cells: the percentage and the quality range, or n/a and the reason. */
    private static List<String> bdCells(BdRate.Outcome o) {
        if (o instanceof BdRate.Measured measured) {
            BdResult bd = measured.result();
            return List.of(String.format(Locale.ROOT, "%+.1f %%", bd.percent()),
                    String.format(Locale.ROOT, "%.2f to %.2f", bd.qualityLow(), bd.qualityHigh()));
        }
        return List.of("n/a", ((BdRate.NotComputable) o).reason());
    }
}

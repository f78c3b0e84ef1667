package io.vqi.cli;

import io.vqi.model.ModelBundle;
import io.vqi.compare.Codecs;
import io.vqi.compare.Comparison;
import io.vqi.compare.ComparisonOptions;
import io.vqi.compare.ComparisonResult;
import io.vqi.compare.Gradients;
import io.vqi.compare.ProgressSink;
import io.vqi.compare.Report;
import io.vqi.compare.ReportFiles;
import io.vqi.compare.VqiLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code vqi compare}: rate-distortion curves of vqi and the codecs people use, on the same images. */
@Command(name = "compare",
        description = "Sweep each codec's quality settings over every image of a folder; write results.csv "
                + "(codec,setting,image,width,height,bytes,bpp,psnr,msssim,enc_ms,dec_ms), BD-rates against an "
                + "anchor, quality at 0.1/0.25/0.5/1 bpp, RD plots (PNG, SVG) and a side-by-side crop in report.md.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  vqi compare --images ../shared/datasets/kodak24 --out docs/results/kodak24",
                "  vqi compare --images photos --codecs vqi,jpeg,jpeg2000 --anchor jpeg2000 --out /tmp/rd",
                "",
                "WebP, AVIF and JPEG XL need their encoders on the PATH, else they are reported as skipped:",
                "  apt-get install webp libavif-bin libjxl-tools"})
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--images", paramLabel = "DIR", description = "Folder of PNG/JPEG images.")
    Path images;

    @Option(names = "--gradients", description = "Measure on the generated gradients set (smooth ramps, a radial "
            + "gradient, a noisy ramp; 512x512 and 333x217), written as PNG to <out>/gradients, instead of --images.")
    boolean gradients;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the CSV, report and plots go.")
    Path out;

    @Option(names = "--codecs", split = ",", paramLabel = "LIST",
            description = "Codecs to measure (default: all of ${COMPLETION-CANDIDATES}).",
            completionCandidates = CodecNames.class)
    List<String> codecs;

    @Option(names = "--anchor", paramLabel = "CODEC",
            description = "BD-rate anchor, one of --codecs (default: jpeg, or the first of --codecs without jpeg).")
    String anchor;

    @picocli.CommandLine.Mixin
    ModelOptions models = new ModelOptions();

    @Override
    public Integer call() throws IOException {
        CommonOptions.of(spec).useDevice(spec.commandLine().getErr());
        if (gradients == (images != null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "give either --images DIR or --gradients");
        }
        if (gradients) {
            images = out.resolve("gradients");
            Gradients.write(images);
        }
        if (!Files.isDirectory(images)) {
            throw new CliException(ExitCodes.NO_INPUT, "no such folder: " + images);
        }
        List<String> measured = codecs == null ? Codecs.NAMES : codecs;
        ComparisonOptions options = ComparisonOptions.forFolder(images).withCodecs(measured,
                anchor == null ? ComparisonOptions.defaultAnchor(measured) : anchor);
        if (models.given() || !models.layers().isEmpty()) {
            List<ModelBundle> swept = models.given() ? models.fileModels() : models.registry().defaultModel()
                    .map(List::of).orElse(List.of());
            options = options.withVqiLevels(VqiLevel.numbered(swept, models.layers()));
        }
        PrintStream err = System.err;
        boolean quiet = CommonOptions.of(spec).quiet();
        ComparisonResult result = Comparison.run(options, quiet ? ProgressSink.none() : ProgressSink.lines(err));
        ReportFiles files = Report.write(result, out);
        PrintWriter o = spec.commandLine().getOut();
        o.println("wrote " + files.csv() + " and " + files.markdown());
        o.flush();
        return ExitCodes.OK;
    }

    /** The codec names, for help and completion. */
    static final class CodecNames extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        CodecNames() {
            super(Codecs.NAMES);
        }
    }
}

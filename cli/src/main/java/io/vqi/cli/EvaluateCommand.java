package io.vqi.cli;

import io.vqi.model.ModelBundle;
import io.vqi.train.ModelEvaluation;
import io.vqi.train.RateEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code vqi evaluate}: a VQ-VAE's quality at its raw rate, as its model card reports it. */
@Command(name = "evaluate",
        description = "Reconstruct every image of a folder through the VQ-VAE and report mean PSNR, MS-SSIM, "
                + "codebook usage and timing at the raw rate log2(K)/64 bpp; for a model with a prior, also the "
                + "prior's bits per index against raw, xz and bzip2, and the range coder's overhead.",
        footerHeading = "%nExample:%n",
        footer = "  vqi evaluate --images ../shared/datasets/kodak24")
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--images", required = true, paramLabel = "DIR", description = "Folder of PNG/JPEG images.")
    Path images;

    @picocli.CommandLine.Mixin
    ModelOptions models = new ModelOptions();

    @Option(names = "--json", description = "Print a JSON summary on stdout.")
    boolean json;

    private static void row(PrintWriter out, String name, RateEvaluation.Report r, double bits) {
        out.printf(Locale.ROOT, "| %s | %.3f | %.4f | %+.1f %% |%n", name, r.bitsPerIndex(bits), r.bpp(bits),
                100 * (bits / r.rawBits() - 1));
    }

    @Override
    public Integer call() throws IOException {
        CommonOptions.of(spec).useDevice(spec.commandLine().getErr());
        models.refuseLayers("evaluate measures the base layer");
        ModelBundle bundle = models.single();
        CommonOptions common = CommonOptions.of(spec);
        ModelEvaluation.Report r = ModelEvaluation.evaluate(bundle, images, common.quiet() ? null : System.err);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(String.format(Locale.ROOT,
                    "{\"model\":\"%s\",\"images\":%d,\"psnr\":%.4f,\"msssim\":%.6f,\"raw_bpp\":%.6f,"
                            + "\"codes_used\":%d,\"codebook_size\":%d,\"encode_ms\":%.1f,\"decode_ms\":%.1f}",
                    r.modelId(), r.images(), r.meanPsnr(), r.meanMsSsim(), r.rawBpp(), r.codesUsed(),
                    r.codebookSize(), r.meanEncodeMs(), r.meanDecodeMs()));
        } else {
            out.printf(Locale.ROOT, "model      %s%nimages     %d%nraw rate   %.4f bpp%nPSNR       %.3f dB%n"
                            + "MS-SSIM    %.5f%ncodes used %d of %d (%.1f %%)%nencode     %.0f ms/image%n"
                            + "decode     %.0f ms/image%n",
                    r.modelId(), r.images(), r.rawBpp(), r.meanPsnr(), r.meanMsSsim(), r.codesUsed(),
                    r.codebookSize(), 100.0 * r.codebookUsage(), r.meanEncodeMs(), r.meanDecodeMs());
        }
        if (bundle.hasPrior()) {
            RateEvaluation.Report rate = RateEvaluation.evaluate(bundle, images, common.quiet() ? null : System.err);
            if (json) {
                out.println(String.format(Locale.ROOT,
                        "{\"indices\":%d,\"prior_bits_per_index\":%.4f,\"coded_bits_per_index\":%.4f,"
                                + "\"raw_bits_per_index\":%.4f,\"xz_bits_per_index\":%.4f,\"bzip2_bits_per_index\":%.4f,"
                                + "\"coded_bpp\":%.5f,\"coder_overhead\":%.6f}",
                        rate.indices(), rate.bitsPerIndex(rate.crossEntropyBits()),
                        rate.bitsPerIndex(rate.codedBits()), rate.bitsPerIndex(rate.rawBits()),
                        rate.bitsPerIndex(rate.xzBits()), rate.bitsPerIndex(rate.bzip2Bits()),
                        rate.bpp(rate.codedBits()), rate.coderOverhead()));
            } else {
                out.printf(Locale.ROOT, "%nentropy coding of the index grids (%d indices):%n", rate.indices());
                out.printf(Locale.ROOT, "| stream | bits/index | bpp | vs raw |%n| --- | ---: | ---: | ---: |%n");
                row(out, "raw log2(K)", rate, rate.rawBits());
                row(out, "bzip2 -9 (16-bit indices)", rate, rate.bzip2Bits());
                row(out, "xz -9 (16-bit indices)", rate, rate.xzBits());
                row(out, "PixelCNN prior, cross-entropy", rate, rate.crossEntropyBits());
                row(out, "PixelCNN prior, range-coded", rate, rate.codedBits());
                out.printf(Locale.ROOT, "range coder overhead over the cross-entropy: %+.4f %%%n",
                        100 * rate.coderOverhead());
                out.printf(Locale.ROOT, "prior vs xz: %+.1f %%, vs bzip2: %+.1f %%%n",
                        100 * (rate.codedBits() / (double) rate.xzBits() - 1),
                        100 * (rate.codedBits() / (double) rate.bzip2Bits() - 1));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}

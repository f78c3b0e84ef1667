package io.vqi.cli;

import io.vqi.codec.model.ModelBundle;
import io.vqi.codec.zoo.ModelZoo;
import io.vqi.train.ModelEvaluation;
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
        description = "Reconstruct every image of a folder through the VQ-VAE (no entropy coding) and report mean "
                + "PSNR, MS-SSIM, codebook usage and timing at the raw rate log2(K)/64 bpp.",
        footerHeading = "%nExample:%n",
        footer = "  vqi evaluate --images ../shared/datasets/kodak24")
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--images", required = true, paramLabel = "DIR", description = "Folder of PNG/JPEG images.")
    Path images;

    @Option(names = "--model", paramLabel = "FILE", description = "Model file (default: the embedded model).")
    Path model;

    @Option(names = "--json", description = "Print a JSON summary on stdout.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        ModelBundle bundle = model == null ? ModelZoo.defaultModel() : ModelZoo.load(model);
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
        out.flush();
        return ExitCodes.OK;
    }
}

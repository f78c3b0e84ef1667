package io.vqi.train;

import io.vqi.image.ImageTensor;
import io.vqi.metrics.MsSsim;
import io.vqi.metrics.Psnr;
import io.vqi.model.IndexGrid;
import io.vqi.model.ModelBundle;
import io.vqi.network.VqVaeModel;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures a VQ-VAE's reconstruction at its raw rate (log2 K / 64 bits per pixel, before entropy coding): what a
 * model card reports. PSNR over RGB 8-bit, MS-SSIM averaged over R, G, B, and how many codes the images use.
 */
public final class ModelEvaluation {

    public record ImageResult(String name, int width, int height, double psnr, double msSsim, double encodeMs,
                              double decodeMs) {
    }

    public record Report(String modelId, int images, double meanPsnr, double meanMsSsim, double rawBpp,
                         int codesUsed, int codebookSize, double meanEncodeMs, double meanDecodeMs,
                         List<ImageResult> perImage) {
        public double codebookUsage() {
            return (double) codesUsed / codebookSize;
        }
    }

    private ModelEvaluation() {
    }

    public static Report evaluate(ModelBundle bundle, Path images, PrintStream progress) throws IOException {
        VqVaeModel model = VqVaeModel.load(bundle);
        List<Path> files = ImageCorpus.listImages(images);
        boolean[] used = new boolean[bundle.config().codebookSize()];
        List<ImageResult> results = new ArrayList<>();
        // One warm-up pass so that the first image's time is not the JIT's and oneDNN's.
        BufferedImage first = ImageIO.read(files.get(0).toFile());
        model.decode(model.encode(ImageTensor.fromImage(first)), first.getWidth(), first.getHeight());
        for (Path f : files) {
            BufferedImage img = ImageIO.read(f.toFile());
            if (img == null) {
                throw new IOException("cannot decode " + f);
            }
            ImageTensor x = ImageTensor.fromImage(img);
            long t0 = System.nanoTime();
            IndexGrid grid = model.encode(x);
            long t1 = System.nanoTime();
            ImageTensor y = model.decode(grid, x.width(), x.height());
            long t2 = System.nanoTime();
            for (int i : grid.indices()) {
                used[i] = true;
            }
            BufferedImage out = y.toImage();
            double psnr = Psnr.of(img, out);
            double ms = Math.min(img.getWidth(), img.getHeight()) >= MsSsim.MIN_SIDE ? MsSsim.of(img, out) : Double.NaN;
            ImageResult r = new ImageResult(f.getFileName().toString(), x.width(), x.height(), psnr, ms,
                    (t1 - t0) / 1e6, (t2 - t1) / 1e6);
            results.add(r);
            if (progress != null) {
                progress.printf(Locale.ROOT, "%-16s %4dx%-4d PSNR %6.3f dB  MS-SSIM %.5f  enc %4.0f ms  dec %4.0f ms%n",
                        r.name(), r.width(), r.height(), r.psnr(), r.msSsim(), r.encodeMs(), r.decodeMs());
            }
        }
        int codes = 0;
        for (boolean u : used) {
            codes += u ? 1 : 0;
        }
        return new Report(bundle.modelId(), results.size(),
                results.stream().mapToDouble(ImageResult::psnr).average().orElse(Double.NaN),
                results.stream().mapToDouble(ImageResult::msSsim).filter(Double::isFinite).average().orElse(Double.NaN),
                bundle.config().rawBitsPerPixel(), codes, used.length,
                results.stream().mapToDouble(ImageResult::encodeMs).average().orElse(Double.NaN),
                results.stream().mapToDouble(ImageResult::decodeMs).average().orElse(Double.NaN),
                List.copyOf(results));
    }
}

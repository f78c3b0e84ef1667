package io.vqi.train;

import io.vqi.codec.model.VqVaeConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Minimal entry point for background runs before the CLI exists: key=value arguments. */
public final class TrainMain {
    private TrainMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("prior")) {
            prior(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length == 3 && args[0].equals("eval")) {
            ModelEvaluation.Report r = ModelEvaluation.evaluate(io.vqi.codec.model.ModelBundle.read(Path.of(args[1])),
                    Path.of(args[2]), System.err);
            System.out.printf(java.util.Locale.ROOT, "%s: %d images, PSNR %.3f dB, MS-SSIM %.5f, %.4f bpp raw, "
                            + "codes %d/%d, enc %.0f ms, dec %.0f ms%n", r.modelId(), r.images(), r.meanPsnr(),
                    r.meanMsSsim(), r.rawBpp(), r.codesUsed(), r.codebookSize(), r.meanEncodeMs(), r.meanDecodeMs());
            return;
        }
        if (args.length == 3 && args[0].equals("export")) {
            VqVaeTrainer.exportCheckpoint(Path.of(args[1]), Path.of(args[2]));
            return;
        }
        List<Path> data = new ArrayList<>();
        Path out = Path.of("runs/vqvae");
        VqVaeConfig config = VqVaeConfig.defaults();
        int batch = 8, crop = 128, downscale = 2, logEvery = 50, val = 8;
        double minutes = 5, lr = 5e-4, ckpt = 5;
        long steps = Long.MAX_VALUE / 2, seed = 1;
        boolean resume = false;
        for (String a : args) {
            String[] kv = a.split("=", 2);
            String v = kv.length > 1 ? kv[1] : "";
            switch (kv[0]) {
                case "data" -> data.add(Path.of(v));
                case "out" -> out = Path.of(v);
                case "config" -> config = VqVaeConfig.parse(Files.readString(Path.of(v)));
                case "tiny" -> config = VqVaeConfig.tiny();
                case "batch" -> batch = Integer.parseInt(v);
                case "crop" -> crop = Integer.parseInt(v);
                case "downscale" -> downscale = Integer.parseInt(v);
                case "minutes" -> minutes = Double.parseDouble(v);
                case "steps" -> steps = Long.parseLong(v);
                case "seed" -> seed = Long.parseLong(v);
                case "lr" -> lr = Double.parseDouble(v);
                case "log" -> logEvery = Integer.parseInt(v);
                case "ckpt" -> ckpt = Double.parseDouble(v);
                case "val" -> val = Integer.parseInt(v);
                case "resume" -> resume = true;
                default -> throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        new VqVaeTrainer(new TrainOptions(data, out, config, batch, crop, downscale, minutes, steps, resume, seed,
                lr, logEvery, ckpt, val), System.err).run();
    }

    private static void prior(String[] args) throws Exception {
        List<Path> data = new ArrayList<>();
        Path out = Path.of("runs/prior");
        Path vqvae = null;
        int batch = 32, crop = 16, logEvery = 100, val = 8, channels = 64, layers = 4, embed = 32;
        double minutes = 5, lr = 1e-3, ckpt = 5;
        long steps = Long.MAX_VALUE / 2, seed = 1;
        boolean resume = false;
        for (String a : args) {
            String[] kv = a.split("=", 2);
            String v = kv.length > 1 ? kv[1] : "";
            switch (kv[0]) {
                case "data" -> data.add(Path.of(v));
                case "out" -> out = Path.of(v);
                case "vqvae" -> vqvae = Path.of(v);
                case "batch" -> batch = Integer.parseInt(v);
                case "crop" -> crop = Integer.parseInt(v);
                case "minutes" -> minutes = Double.parseDouble(v);
                case "steps" -> steps = Long.parseLong(v);
                case "seed" -> seed = Long.parseLong(v);
                case "lr" -> lr = Double.parseDouble(v);
                case "log" -> logEvery = Integer.parseInt(v);
                case "ckpt" -> ckpt = Double.parseDouble(v);
                case "val" -> val = Integer.parseInt(v);
                case "channels" -> channels = Integer.parseInt(v);
                case "layers" -> layers = Integer.parseInt(v);
                case "embed" -> embed = Integer.parseInt(v);
                case "resume" -> resume = true;
                default -> throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        int k = io.vqi.codec.model.ModelBundle.read(vqvae).config().codebookSize();
        new PriorTrainer(new PriorTrainer.Options(vqvae, data, out,
                new io.vqi.codec.prior.PriorConfig(k, embed, channels, layers, 5), batch, crop, minutes, steps,
                resume, seed, lr, logEvery, ckpt, val), System.err).run();
    }
}

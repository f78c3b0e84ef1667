package io.vqi.cli;

import io.vqi.model.ModelBundle;
import io.vqi.model.RefineBundle;
import io.vqi.model.VqVaeConfig;
import io.vqi.prior.PriorConfig;
import io.vqi.train.LearningRate;
import io.vqi.train.PriorJoin;
import io.vqi.train.PriorTrainer;
import io.vqi.train.RefineTrainer;
import io.vqi.train.TrainOptions;
import io.vqi.train.TrainOptions.Defaults;
import io.vqi.train.VqVaeTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code vqi train vqvae|prior|export}: the project's own training, time-boxed and resumable. */
@Command(name = "train",
        description = "Train the VQ-VAE, then its PixelCNN prior (SameDiff, CPU). Runs are time-boxed and resume "
                + "from their run directory.",
        subcommands = {TrainCommand.VqVae.class, TrainCommand.Prior.class, TrainRefineCommand.class,
                TrainCommand.Export.class},
        footerHeading = "%nExamples:%n",
        footer = {
                "  vqi train vqvae --data ../shared/datasets/photos --data ../shared/datasets/bsds500/train \\",
                "      --data ../shared/datasets/bsds500/val --out runs/vqvae --minutes 100 --resume",
                "  vqi train prior --vqvae runs/vqvae/model.vqm --data ../shared/datasets/photos \\",
                "      --data ../shared/datasets/bsds500/train --data ../shared/datasets/bsds500/val \\",
                "      --out runs/prior --minutes 30 --resume"})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /** Options both trainers share. */
    static final class Common {
        @Option(names = "--data", required = true, paramLabel = "DIR",
                description = "Training images (files or folders; repeat). Never kodak24: it is the benchmark.")
        List<Path> data;

        @Option(names = "--out", required = true, paramLabel = "DIR",
                description = "Run directory: checkpoint, state and the exported model.vqm.")
        Path out;

        @Option(names = "--minutes", defaultValue = Defaults.MINUTES, description = "Wall-clock budget of this run (default ${DEFAULT-VALUE}).")
        double minutes;

        @Option(names = "--steps", defaultValue = Defaults.STEPS, description = "Stop when the run reaches this total step count.")
        long steps;

        @Option(names = "--resume", description = "Continue from the run directory's checkpoint if there is one.")
        boolean resume;

        @Option(names = "--seed", defaultValue = Defaults.SEED, description = "Seeds initialisation, data order and restarts.")
        long seed;

        @Option(names = "--log-every", defaultValue = Defaults.LOG_EVERY, description = "Steps between progress lines.")
        int logEvery;

        @Option(names = "--checkpoint-minutes", defaultValue = Defaults.CHECKPOINT_MINUTES, description = "Minutes between checkpoints.")
        double checkpointMinutes;

        @Option(names = "--validation-images", defaultValue = Defaults.VALIDATION_IMAGES,
                description = "Images held out from the end of the last --data folder to report progress on.")
        int validationImages;

        @Option(names = "--lr-final", paramLabel = "LR",
                description = "Anneal the rate linearly from --lr to this value at --steps (default: constant --lr).")
        Double lrFinal;

        @Option(names = "--lr-warmup", defaultValue = Defaults.LR_WARMUP, paramLabel = "STEPS",
                description = "Raise the rate linearly from 0 over a run's first STEPS steps (for runs that start "
                        + "from trained weights with a fresh optimiser).")
        long lrWarmup;

        /** Options with these settings and the command's {@code --lr} (to {@code --lr-final}). */
        TrainOptions.Builder options(TrainOptions.Model model, double lr) {
            return TrainOptions.builder(model).data(data).out(out).minutes(minutes).steps(steps).resume(resume)
                    .seed(seed).learningRate(new LearningRate(lr, lrFinal == null ? lr : lrFinal, lrWarmup))
                    .logEvery(logEvery).checkpointMinutes(checkpointMinutes).validationImages(validationImages);
        }
    }

    @Command(name = "vqvae", description = "Train the VQ-VAE (encoder, codebook, decoder).")
    static final class VqVae implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Common common = new Common();

        @Option(names = "--config", paramLabel = "FILE",
                description = "Architecture as a properties file (keys: name, c1, c2, c3, latentDim, codebookSize, "
                        + "encoderBlocks, decoderBlocks, decoderMidBlocks); default: the shipped f=8, K=1024 "
                        + "architecture.")
        Path config;

        @Option(names = "--batch", defaultValue = Defaults.VQVAE_BATCH, description = "Crops per step (default ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--crop", defaultValue = Defaults.VQVAE_CROP, description = "Crop side, a multiple of 8 (default ${DEFAULT-VALUE}).")
        int crop;

        @Option(names = "--downscale", defaultValue = Defaults.VQVAE_DOWNSCALE,
                description = "Area-average downscale before cropping; 2 removes BSDS500's JPEG artefacts (default ${DEFAULT-VALUE}).")
        int downscale;

        @Option(names = "--lr", defaultValue = Defaults.VQVAE_LR,
            description = "Adam learning rate at the start of the schedule. --resume with the run's own --lr,"
                + " --lr-final, --lr-warmup and --steps continues its schedule; other values start a new one at "
                + "the checkpoint (its state file's lr is the rate it had reached).")
        double lr;

        @Option(names = "--freeze-encoder",
                description = "Train the decoder only: encoder and codebook stay fixed, so the index grids (and a "
                        + "prior trained on them) stay valid.")
        boolean freezeEncoder;

        @Option(names = "--init", paramLabel = "FILE",
                description = "Start a new run from this model's weights (e.g. the embedded default.vqm) instead "
                        + "of random ones; its architecture wins over --config, unless --config only adds decoder "
                        + "residual blocks (they start as the identity: the decoder grows).")
        Path init;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            CommonOptions.of(spec).useDevice(spec.commandLine().getErr());
            VqVaeConfig arch = config == null ? VqVaeConfig.defaults() : VqVaeConfig.parse(Files.readString(config));
            TrainOptions options = common.options(new TrainOptions.VqVae(arch, freezeEncoder), lr).batch(batch)
                    .crop(crop).downscale(downscale).init(init).build();
            new VqVaeTrainer(options, System.err).run();
            return ExitCodes.OK;
        }
    }

    @Command(name = "prior", description = "Train the PixelCNN prior on the index grids of a trained VQ-VAE.")
    static final class Prior implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Common common = new Common();

        @Option(names = "--vqvae", required = true, paramLabel = "FILE", description = "The VQ-VAE's model.vqm.")
        Path vqvae;

        @Option(names = "--batch", defaultValue = Defaults.PRIOR_BATCH, description = "Grid crops per step (default ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--crop", defaultValue = Defaults.PRIOR_CROP, description = "Grid crop side in indices (default ${DEFAULT-VALUE}).")
        int crop;

        @Option(names = "--channels", defaultValue = Defaults.PRIOR_CHANNELS, description = "Width of the prior (default ${DEFAULT-VALUE}).")
        int channels;

        @Option(names = "--layers", defaultValue = Defaults.PRIOR_LAYERS, description = "Masked 3x3 residual layers (default ${DEFAULT-VALUE}).")
        int layers;

        @Option(names = "--embed", defaultValue = Defaults.PRIOR_EMBED, description = "Index embedding width (default ${DEFAULT-VALUE}).")
        int embed;

        @Option(names = "--lr", defaultValue = Defaults.PRIOR_LR,
            description = "Adam learning rate at the start of the schedule. --resume with the run's own --lr,"
                + " --lr-final, --lr-warmup and --steps continues its schedule; other values start a new one at "
                + "the checkpoint (its state file's lr is the rate it had reached).")
        double lr;

        @Option(names = "--init", paramLabel = "FILE",
                description = "Start a new run from the prior of this model (e.g. the embedded default.vqm) when "
                        + "the VQ-VAE kept training; its prior must have the configured shape.")
        Path init;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            CommonOptions.of(spec).useDevice(spec.commandLine().getErr());
            int k = ModelBundle.read(vqvae).config().codebookSize();
            PriorConfig config = PriorTrainer.config(k, embed, channels, layers);
            TrainOptions options = common.options(new TrainOptions.Prior(vqvae, config), lr).batch(batch).crop(crop)
                    .init(init).build();
            new PriorTrainer(options, System.err).run();
            return ExitCodes.OK;
        }
    }

    @Command(name = "export", description = "Export a run's latest checkpoint: a VQ-VAE run as a model file (.vqm), "
            + "a refinement run as a layer file (.vqr).")
    static final class Export implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "RUN_DIR")
        Path run;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE")
        Path output;

        @Option(names = "--prior", paramLabel = "MODEL",
                description = "Attach the prior of this model; its VQ-VAE must have the run's encoder and codebook "
                        + "(a run trained with --freeze-encoder from it), so that its index grids are the run's.")
        Path prior;

        @Spec
        CommandSpec spec;

        @Option(names = "--levels", split = ",", paramLabel = "P1,P2,...",
                description = "For a refinement run: the quality levels to export, as positions in the run's level "
                        + "space (0 = its first lambda, 2.5 = halfway between the third and fourth; outside is "
                        + "extrapolated). Default: the run's own levels.")
        double[] levels;

        @Option(names = "--base", paramLabel = "MODEL",
                description = "For a refinement run: the base model it was trained on (default: the embedded one).")
        Path base;

        @Override
        public Integer call() throws IOException {
            if (RefineTrainer.isRefineRun(run)) {
                RefineBundle r = RefineTrainer.exportCheckpoint(run,
                        ModelFiles.loadOrDefault(base));
                if (levels != null) {
                    r = r.withLevels(levels);
                }
                r.write(output);
                spec.commandLine().getOut().println(output + " " + r.layerId());
                return ExitCodes.OK;
            }
            ModelBundle b = VqVaeTrainer.exportCheckpoint(run);
            if (prior != null) {
                b = PriorJoin.attach(b, ModelBundle.read(prior));
            }
            b.write(output);
            spec.commandLine().getOut().println(output + " " + b.modelId());
            return ExitCodes.OK;
        }
    }
}

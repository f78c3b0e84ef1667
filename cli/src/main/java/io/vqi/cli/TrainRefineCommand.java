package io.vqi.cli;

import io.vqi.model.ModelBundle;
import io.vqi.model.RefineConfig;
import io.vqi.train.RefineTrainer;
import io.vqi.train.TrainOptions;
import io.vqi.train.TrainOptions.Defaults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code vqi train refine}: the refinement layer that makes the quality levels above the base layer. */
@Command(name = "refine", description = "Train the refinement layer (the quality levels above the VQ grid) on a "
        + "frozen base model.")
final class TrainRefineCommand implements Callable<Integer> {
    @Mixin
    TrainCommand.Common common = new TrainCommand.Common();

    @Option(names = "--base", required = true, paramLabel = "FILE",
            description = "The base model (VQ-VAE with its prior), e.g. the embedded default.vqm.")
    Path base;

    @Option(names = "--channels", defaultValue = Defaults.REFINE_CHANNELS, description = "Latent channels, at most 192 (default ${DEFAULT-VALUE}).")
    int channels;

    @Option(names = "--lambdas", split = ",", paramLabel = "L1,L2,...",
            defaultValue = Defaults.REFINE_LAMBDAS,
            description = "Rate-distortion trade-off of each refinement level, rising (default ${DEFAULT-VALUE}).")
    double[] lambdas;

    @Option(names = "--init", paramLabel = "FILE",
            description = "Start a new run from this layer's tensors (.vqr on the same base) where they fit.")
    Path init;

    @Option(names = "--no-context",
            description = "The first layer's entropy model: scales from the base codes only, no mean, one pass.")
    boolean noContext;

    @Option(names = "--slices", defaultValue = "16", split = ",", paramLabel = "CUT,...",
            description = "Where each colour third's channels are cut into the slices a cell codes one after the "
                    + "other, each seeing the earlier ones decoded (16: the 16 lowest frequencies first; 16,32: three "
                    + "slices); 0: one slice, as the first two layers (default ${DEFAULT-VALUE}).")
    int[] slices;

    @Option(names = "--blocks", defaultValue = Defaults.REFINE_BLOCKS, paramLabel = "N",
            description = "Residual blocks of the analysis's and the synthesis's branches at 1/8; blocks an --init "
                    + "layer lacks start as the identity (default ${DEFAULT-VALUE}).")
    int blocks;

    @Option(names = "--linear-kernel", defaultValue = "1", paramLabel = "K",
            description = "Window of the linear transforms in cells: 1, a block transform; 3, a lapped one whose "
                    + "basis functions reach into the neighbouring cells (an --init block transform becomes its "
                    + "centre tap) (default ${DEFAULT-VALUE}).")
    int linearKernel;

    @Option(names = "--base-per-crop",
            description = "Run the frozen base layer on every crop (as runs before 2026-12-03 did) instead of "
                    + "cropping each whole image's, computed once at the start (steps about 20 %% faster).")
    boolean basePerCrop;

    @Option(names = "--tiny", description = "A tiny layer for smoke tests.")
    boolean tiny;

    @Option(names = "--batch", defaultValue = Defaults.REFINE_BATCH, description = "Crops per step (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--crop", defaultValue = Defaults.REFINE_CROP, description = "Crop side, a multiple of 8 (default ${DEFAULT-VALUE}).")
    int crop;

    @Option(names = "--downscale", defaultValue = Defaults.REFINE_DOWNSCALE, description = "Area-average downscale before cropping (default ${DEFAULT-VALUE}).")
    int downscale;

    @Option(names = "--native-data", paramLabel = "DIR",
            description = "More training images (files or folders; repeat), used at their own resolution whatever "
                    + "--downscale says; half of each batch's crops come from them. For high-resolution photographs, "
                    + "which downscaled are busier per pixel than most pictures a codec meets.")
    List<Path> nativeData = List.of();

    @Option(names = "--lr", defaultValue = Defaults.REFINE_LR,
            description = "Adam learning rate at the start of the schedule. --resume with the run's own --lr,"
                + " --lr-final, --lr-warmup and --steps continues its schedule; other values start a new one at "
                + "the checkpoint (its state file's lr is the rate it had reached).")
    double lr;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CommonOptions.of(spec).useDevice(spec.commandLine().getErr());
        String baseHash = ModelBundle.read(base).sha256Hex();
        RefineConfig d = tiny ? RefineConfig.tiny(baseHash) : RefineConfig.defaults(baseHash);
        RefineConfig config = tiny ? d : new RefineConfig(channels, d.a1(), d.a2(), d.a3(), blocks,
                linearKernel, d.scaleHidden(), !noContext, noContext || (slices.length == 1 && slices[0] == 0) ? new int[0] : slices,
                lambdas, baseHash);
        TrainOptions options = common.options(new TrainOptions.Refine(base, config, !basePerCrop), lr).batch(batch).crop(crop)
                .downscale(downscale).nativeData(nativeData).init(init).build();
        new RefineTrainer(options, System.err).run();
        return ExitCodes.OK;
    }
}

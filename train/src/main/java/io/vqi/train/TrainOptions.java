package io.vqi.train;

import io.vqi.codec.model.VqVaeConfig;

import java.nio.file.Path;
import java.util.List;

/**
 * What one (time-boxed, resumable) training run does.
 *
 * @param data              image files or folders (bsds500, photos; never kodak24)
 * @param out               run directory: checkpoint, state, exported model
 * @param config            architecture (ignored on resume: the checkpoint's is used)
 * @param batch             crops per step
 * @param crop              crop side in pixels, a multiple of 8
 * @param downscale         area-average downscale factor applied to every image before cropping (1 = none)
 * @param minutes           wall-clock budget of this run; it checkpoints and exports before it ends
 * @param steps             total step target across runs (the run stops when the checkpoint reaches it)
 * @param resume            continue from {@code out/checkpoint.sd} if it exists
 * @param seed              seeds initialisation, data order and code restarts
 * @param learningRate      Adam's rate, from this run's first step to {@code steps}
 * @param logEvery          steps between progress lines
 * @param checkpointMinutes minutes between checkpoints
 * @param validationImages  images held out (the last ones by path) for the progress PSNR
 * @param freezeEncoder     train the decoder only: the encoder and codebook stay as they are (no code restarts),
 *                          so every index grid stays the same and a prior trained on them stays valid; how the
 *                          decoder keeps training while the prior trains on the other core
 * @param init              a model file whose weights start a new run (null: random); how a later session
 *                          continues from the committed half-precision model when no checkpoint survived
 */
public record TrainOptions(List<Path> data, Path out, VqVaeConfig config, int batch, int crop, int downscale,
                           double minutes, long steps, boolean resume, long seed, LearningRate learningRate,
                           int logEvery, double checkpointMinutes, int validationImages, boolean freezeEncoder,
                           Path init) {

    public TrainOptions {
        data = List.copyOf(data);
        if (batch < 1 || batch > 256) {
            throw new IllegalArgumentException("--batch must be in [1, 256]");
        }
        if (crop < 8 || crop % VqVaeConfig.DOWNSAMPLING != 0 || crop > 1024) {
            throw new IllegalArgumentException("--crop must be a multiple of 8 in [8, 1024]");
        }
        if (downscale < 1 || downscale > 8) {
            throw new IllegalArgumentException("--downscale must be in [1, 8]");
        }
        if (!(minutes > 0)) {
            throw new IllegalArgumentException("--minutes must be positive");
        }
        if (steps < 1) {
            throw new IllegalArgumentException("--steps must be positive");
        }
        java.util.Objects.requireNonNull(learningRate, "learningRate");
    }
}

package io.vqi.train;

import io.vqi.core.InvalidOptionException;
import io.vqi.model.VqVaeConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What one (time-boxed, resumable) training run does. The constructor checks every number and throws an
 * {@link InvalidOptionException} that names the command-line option, so a bad option fails before any work.
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
        Objects.requireNonNull(learningRate, "learningRate");
        ImageCorpus.refuseBenchmark(data);
        requireRange("--batch", batch, 1, 256);
        if (crop < 8 || crop % VqVaeConfig.DOWNSAMPLING != 0 || crop > 1024) {
            throw new InvalidOptionException("--crop must be a multiple of 8 in [8, 1024], got " + crop);
        }
        requireRange("--downscale", downscale, 1, 8);
        checkRun(minutes, steps, logEvery, checkpointMinutes, validationImages);
    }

    /**
     * Checks the options both trainers share, each named as on the command line.
     *
     * @throws InvalidOptionException for the first one out of range
     */
    static void checkRun(double minutes, long steps, int logEvery, double checkpointMinutes, int validationImages) {
        if (!(minutes > 0) || Double.isInfinite(minutes)) {
            throw new InvalidOptionException("--minutes must be positive, got " + minutes);
        }
        if (steps < 1) {
            throw new InvalidOptionException("--steps must be positive, got " + steps);
        }
        // A progress line every 0 steps would be a division by zero in the training loop.
        requireRange("--log-every", logEvery, 1, Integer.MAX_VALUE);
        if (!(checkpointMinutes > 0)) {
            throw new InvalidOptionException("--checkpoint-minutes must be positive, got " + checkpointMinutes);
        }
        requireRange("--validation-images", validationImages, 0, Integer.MAX_VALUE);
    }

    static void requireRange(String option, long value, long lo, long hi) {
        if (value < lo || value > hi) {
            String range = hi == Integer.MAX_VALUE ? "at least " + lo : "in [" + lo + ", " + hi + "]";
            throw new InvalidOptionException(option + " must be " + range + ", got " + value);
        }
    }
}

package io.vqi.train;

import io.vqi.core.InvalidOptionException;
import io.vqi.model.RefineConfig;
import io.vqi.model.VqVaeConfig;
import io.vqi.prior.PriorConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What one (time-boxed, resumable) training run does, for any of the three models. The constructor checks every
 * number and throws an {@link InvalidOptionException} that names the command-line option, so a bad option fails
 * before any work. Build it with {@link #builder(Model)}, whose defaults are the command line's.
 *
 * @param model             which model trains, with what only that model needs
 * @param data              image files or folders (bsds500, photos; never kodak24)
 * @param nativeData        more image files or folders, used at their own resolution whatever {@code downscale}
 *                          says; when there are any, half of each batch's crops come from them (high-resolution
 *                          photographs, which downscaled are busier per pixel than most pictures a codec meets)
 * @param out               run directory: checkpoint, state, exported model
 * @param batch             crops per step (index-grid crops for the prior)
 * @param crop              crop side in pixels, a multiple of 8 (in indices for the prior)
 * @param downscale         area-average downscale factor applied to every image before cropping (1 = none; the
 *                          prior encodes its own scales and ignores it)
 * @param minutes           wall-clock budget of this run; it checkpoints and exports before it ends
 * @param steps             total step target across runs (the run stops when the checkpoint reaches it)
 * @param resume            continue from the run directory's checkpoint if it exists
 * @param seed              seeds initialisation, data order and code restarts
 * @param learningRate      Adam's rate, from this run's first step to {@code steps}
 * @param logEvery          steps between progress lines
 * @param checkpointMinutes minutes between checkpoints
 * @param validationImages  images held out (the last ones by path) for the progress line
 * @param init              a file whose weights start a new run (null: random): a model for the VQ-VAE (how a later
 *                          session continues from the committed half-precision model when no checkpoint survived)
 *                          and the prior (its prior architecture must equal the configured one: how a prior follows
 *                          a VQ-VAE that kept training), a layer on the same base for the refinement layer
 */
public record TrainOptions(Model model, List<Path> data, List<Path> nativeData, Path out, int batch, int crop,
                           int downscale, double minutes, long steps, boolean resume, long seed,
                           LearningRate learningRate, int logEvery, double checkpointMinutes, int validationImages,
                           Path init) {

    /** Which model a run trains. */
    public sealed interface Model permits VqVae, Prior, Refine {
    }

    /**
     * @param config        architecture (ignored on resume: the checkpoint's is used)
     * @param freezeEncoder train the decoder only: the encoder and codebook stay as they are (no code restarts), so
     *                      every index grid stays the same and a prior trained on them stays valid
     */
    public record VqVae(VqVaeConfig config, boolean freezeEncoder) implements Model {
        public VqVae {
            Objects.requireNonNull(config, "config");
        }
    }

    /** @param vqvae the trained VQ-VAE whose index grids the prior learns */
    public record Prior(Path vqvae, PriorConfig config) implements Model {
        public Prior {
            Objects.requireNonNull(vqvae, "vqvae");
            Objects.requireNonNull(config, "config");
        }
    }

    /**
     * @param base           the base model (VQ-VAE and prior) whose index grids the layer refines
     * @param wholeImageBase whether a new run crops the base layer's grid and picture of each whole image, computed
     *                       once ({@link BaseCache}), rather than running the base on every crop (what runs before
     *                       2026-12-03 did; a resumed run keeps the way it started)
     */
    public record Refine(Path base, RefineConfig config, boolean wholeImageBase) implements Model {
        public Refine {
            Objects.requireNonNull(base, "base");
            Objects.requireNonNull(config, "config");
        }

        public Refine(Path base, RefineConfig config) {
            this(base, config, true);
        }
    }

    /**
     * Every default of a run, once. Strings, because the command line's option annotations need compile-time
     * constants; {@link Builder} parses the same ones.
     */
    public static final class Defaults {
        public static final String MINUTES = "5";
        public static final String STEPS = "1000000000";
        public static final String SEED = "1";
        public static final String LOG_EVERY = "50";
        public static final String CHECKPOINT_MINUTES = "5";
        public static final String VALIDATION_IMAGES = "8";
        public static final String LR_WARMUP = "0";

        public static final String VQVAE_BATCH = "8";
        public static final String VQVAE_CROP = "128";
        public static final String VQVAE_DOWNSCALE = "2";
        public static final String VQVAE_LR = "5e-4";

        public static final String PRIOR_BATCH = "32";
        public static final String PRIOR_CROP = "16";
        public static final String PRIOR_LR = "1e-3";
        public static final String PRIOR_EMBED = "32";
        public static final String PRIOR_CHANNELS = "64";
        public static final String PRIOR_LAYERS = "4";

        public static final String REFINE_BATCH = "8";
        public static final String REFINE_CROP = "128";
        public static final String REFINE_DOWNSCALE = "2";
        public static final String REFINE_LR = "2e-4";
        public static final String REFINE_CHANNELS = "192";
        public static final String REFINE_BLOCKS = "1";
        public static final String REFINE_LAMBDAS = "0.0018,0.0035,0.0067,0.013,0.025,0.048";

        private Defaults() {
        }
    }

    public TrainOptions {
        Objects.requireNonNull(model, "model");
        data = List.copyOf(data);
        nativeData = List.copyOf(nativeData);
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(learningRate, "learningRate");
        ImageCorpus.refuseBenchmark(data);
        ImageCorpus.refuseBenchmark("--native-data", nativeData);
        if (model instanceof Prior) {
            requireRange("--batch", batch, 1, Integer.MAX_VALUE);
            requireRange("--crop", crop, 2, 256);
        } else {
            requireRange("--batch", batch, 1, 256);
            // The refinement layer has always asked for at least two cells a side.
            int minCrop = model instanceof Refine ? 2 * VqVaeConfig.DOWNSAMPLING : VqVaeConfig.DOWNSAMPLING;
            if (crop < minCrop || crop % VqVaeConfig.DOWNSAMPLING != 0 || crop > 1024) {
                throw new InvalidOptionException("--crop must be a multiple of 8 in [" + minCrop + ", 1024], got "
                        + crop);
            }
            requireRange("--downscale", downscale, 1, 8);
        }
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

    public static Builder builder(Model model) {
        return new Builder(model);
    }

    /** The model's options, or an error if this run trains another model. */
    <M extends Model> M model(Class<M> kind) {
        if (!kind.isInstance(model)) {
            throw new IllegalArgumentException("these options train " + model.getClass().getSimpleName()
                    + ", not " + kind.getSimpleName());
        }
        return kind.cast(model);
    }

    static void requireRange(String option, long value, long lo, long hi) {
        if (value < lo || value > hi) {
            String range = hi == Integer.MAX_VALUE ? "at least " + lo : "in [" + lo + ", " + hi + "]";
            throw new InvalidOptionException(option + " must be " + range + ", got " + value);
        }
    }

    /** Starts from the command line's defaults for the model; {@link #build()} checks everything. */
    public static final class Builder {
        private final Model model;
        private List<Path> data = List.of();
        private List<Path> nativeData = List.of();
        private Path out;
        private int batch;
        private int crop;
        private int downscale = 1;
        private double minutes = Double.parseDouble(Defaults.MINUTES);
        private long steps = Long.parseLong(Defaults.STEPS);
        private boolean resume;
        private long seed = Long.parseLong(Defaults.SEED);
        private LearningRate learningRate;
        private int logEvery = Integer.parseInt(Defaults.LOG_EVERY);
        private double checkpointMinutes = Double.parseDouble(Defaults.CHECKPOINT_MINUTES);
        private int validationImages = Integer.parseInt(Defaults.VALIDATION_IMAGES);
        private Path init;

        private Builder(Model model) {
            this.model = Objects.requireNonNull(model, "model");
            String lr;
            if (model instanceof Prior) {
                batch = Integer.parseInt(Defaults.PRIOR_BATCH);
                crop = Integer.parseInt(Defaults.PRIOR_CROP);
                lr = Defaults.PRIOR_LR;
            } else if (model instanceof Refine) {
                batch = Integer.parseInt(Defaults.REFINE_BATCH);
                crop = Integer.parseInt(Defaults.REFINE_CROP);
                downscale = Integer.parseInt(Defaults.REFINE_DOWNSCALE);
                lr = Defaults.REFINE_LR;
            } else {
                batch = Integer.parseInt(Defaults.VQVAE_BATCH);
                crop = Integer.parseInt(Defaults.VQVAE_CROP);
                downscale = Integer.parseInt(Defaults.VQVAE_DOWNSCALE);
                lr = Defaults.VQVAE_LR;
            }
            learningRate = LearningRate.constant(Double.parseDouble(lr));
        }

        public Builder data(List<Path> data) {
            this.data = data;
            return this;
        }

        public Builder nativeData(List<Path> nativeData) {
            this.nativeData = nativeData;
            return this;
        }

        public Builder out(Path out) {
            this.out = out;
            return this;
        }

        public Builder batch(int batch) {
            this.batch = batch;
            return this;
        }

        public Builder crop(int crop) {
            this.crop = crop;
            return this;
        }

        public Builder downscale(int downscale) {
            this.downscale = downscale;
            return this;
        }

        public Builder minutes(double minutes) {
            this.minutes = minutes;
            return this;
        }

        public Builder steps(long steps) {
            this.steps = steps;
            return this;
        }

        public Builder resume(boolean resume) {
            this.resume = resume;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder learningRate(LearningRate learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        public Builder logEvery(int logEvery) {
            this.logEvery = logEvery;
            return this;
        }

        public Builder checkpointMinutes(double checkpointMinutes) {
            this.checkpointMinutes = checkpointMinutes;
            return this;
        }

        public Builder validationImages(int validationImages) {
            this.validationImages = validationImages;
            return this;
        }

        public Builder init(Path init) {
            this.init = init;
            return this;
        }

        public TrainOptions build() {
            return new TrainOptions(model, data, nativeData, out, batch, crop, downscale, minutes, steps, resume, seed,
                    learningRate, logEvery, checkpointMinutes, validationImages, init);
        }
    }
}

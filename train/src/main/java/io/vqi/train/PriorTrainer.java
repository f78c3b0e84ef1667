package io.vqi.train;

import io.vqi.core.InvalidOptionException;
import io.vqi.image.ImageTensor;
import io.vqi.model.IndexGrid;
import io.vqi.model.ModelBundle;
import io.vqi.model.Tensor;
import io.vqi.network.VqVaeModel;
import io.vqi.prior.PixelCnnPrior;
import io.vqi.prior.PriorConfig;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.autodiff.loss.LossReduce;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/**
 * Trains the PixelCNN prior on index grids of the training images, as the shipped VQ-VAE encodes them, and exports
 * a bundle holding both: the model that {@code vqi compress} uses.
 *
 * <p>Grids come from every image at full size and downscaled by 2, each also mirrored: the scales users compress
 * at. They are computed once per VQ-VAE and cached in the run directory.
 */
public final class PriorTrainer extends Trainer<PriorTrainer.Summary> {

    static final String CHECKPOINT = "prior-checkpoint.sd";
    static final String STATE = "prior-state.properties";

    /** Side of the prior's first, type-A masked kernel (the one that must not see the current index). */
    public static final int FIRST_KERNEL = 5;

    /**
     * The prior architecture {@code vqi train prior} asks for, over a codebook of {@code alphabet} codes.
     *
     * @throws InvalidOptionException naming {@code --embed}, {@code --channels} or {@code --layers} when one is out of
     *                                {@link PriorConfig}'s range
     */
    public static PriorConfig config(int alphabet, int embed, int channels, int layers) {
        TrainOptions.requireRange("--embed", embed, 1, 512);
        TrainOptions.requireRange("--channels", channels, 1, 1024);
        TrainOptions.requireRange("--layers", layers, 0, 32);
        return new PriorConfig(alphabet, embed, channels, layers, FIRST_KERNEL);
    }

    public record Summary(long steps, double seconds, double valBitsPerIndex, Path model) {
    }

    /** @param log the run's progress lines */
    public PriorTrainer(TrainOptions options, PrintStream log) {
        super(options, TrainOptions.Prior.class, log, Task::new);
    }

    /** One run's grids and graph. */
    private static final class Task extends ModelTask<Summary, TrainOptions.Prior> {
        private ModelBundle vq;
        private List<IndexGrid> usable;
        private List<IndexGrid> val;
        private long[] batch;
        private INDArray lastBatch;

        Task(TrainOptions options, PrintStream log) {
            super(options, TrainOptions.Prior.class, log,
                    new Layout(CHECKPOINT, STATE, "vqi prior training state", "prior "));
        }

        @Override
        public SameDiff open(Checkpoint resumed) throws IOException {
            vq = ModelBundle.read(spec.vqvae());
            PriorConfig config = spec.config();
            if (config.alphabet() != vq.config().codebookSize()) {
                throw new IllegalArgumentException("prior alphabet must equal the codebook size "
                        + vq.config().codebookSize());
            }
            GridCache.Grids grids = loadOrComputeGrids();
            List<IndexGrid> train = grids.train();
            val = grids.validation();
            int crop = options.crop();
            usable = new ArrayList<>();
            for (IndexGrid g : train) {
                if (g.rows() >= crop && g.cols() >= crop) {
                    usable.add(g);
                }
            }
            if (usable.isEmpty()) {
                throw new IOException("no index grid is at least " + crop + "x" + crop);
            }
            log.printf(Locale.ROOT, "prior: %d training grids (%d at least %dx%d), %d validation grids; %d MAC/position%n",
                    train.size(), usable.size(), crop, crop, val.size(), config.macsPerPosition());
            batch = new long[options.batch() * crop * crop];
            if (resumed != null) {
                if (!vq.sha256Hex().equals(resumed.state().getProperty("vqvae"))) {
                    throw new IOException("checkpoint was trained on another VQ-VAE; start a new run directory");
                }
                log.printf(Locale.ROOT, "resumed prior at step %d%n", resumed.step());
                return resumed.graph();
            }
            SameDiff sd = buildGraph(config, options.seed(), options.learningRate().initial());
            if (options.init() != null) {
                ModelBundle initial = ModelBundle.read(options.init());
                if (!config.equals(initial.prior())) {
                    throw new IllegalArgumentException(options.init() + " has no prior of the configured shape "
                            + config.toProperties().replace('\n', ' '));
                }
                for (Tensor t : initial.tensors()) {
                    if (t.name().startsWith(PriorJoin.PRIOR_PREFIX)) {
                        sd.getVariable(t.name()).getArr().assign(Nd4j.create(t.data(), t.shape(), 'c'));
                    }
                }
                log.printf(Locale.ROOT, "prior: starting from the weights of %s (%s); Adam starts afresh%n",
                        options.init(), initial.modelId());
            }
            return sd;
        }

        @Override
        public MultiDataSet batch(SplittableRandom rnd) {
            int b = options.batch();
            int crop = options.crop();
            for (int i = 0; i < b; i++) {
                IndexGrid g = usable.get(rnd.nextInt(usable.size()));
                int y0 = rnd.nextInt(g.rows() - crop + 1);
                int x0 = rnd.nextInt(g.cols() - crop + 1);
                for (int y = 0; y < crop; y++) {
                    for (int x = 0; x < crop; x++) {
                        batch[(i * crop + y) * crop + x] = g.at(y0 + y, x0 + x);
                    }
                }
            }
            lastBatch = Nd4j.createFromArray(batch).reshape(b, crop, crop);
            return new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {lastBatch}, new INDArray[0]);
        }

        @Override
        public String progress(SameDiff sd, long step, double lr, DoubleSupplier secondsPerStep) {
            // Training never materialises the loss (its gradient is seeded directly): evaluate it on this batch.
            double loss = sd.output(Map.of("indices", lastBatch), "loss").get("loss").getDouble(0);
            if (!Double.isFinite(loss)) {
                throw new IllegalStateException("prior training diverged at step " + step);
            }
            double valBits = validationBits(sd, val);
            return String.format(Locale.ROOT,
                    "prior step %d train %.4f bits/index, val %.4f bits/index  lr %.3g  %.3f s/step",
                    step, loss / Math.log(2), valBits, lr, secondsPerStep.getAsDouble());
        }

        @Override
        public void describe(Properties p) {
            p.setProperty("vqvae", vq.sha256Hex());
            p.setProperty("config", toState(spec.config().toProperties()));
        }

        @Override
        public Summary finish(SameDiff sd, End end) throws IOException {
            double valBits = validationBits(sd, val);
            ModelBundle combined = export(sd, vq, spec.config());
            Path model = options.out().resolve(VqVaeTrainer.MODEL);
            combined.write(model);
            log.printf(Locale.ROOT, "prior done: step %d, %.0f s in total, val %.4f bits/index, model %s (%s)%n",
                    end.step(), end.seconds(), valBits, model, combined.modelId());
            return new Summary(end.step(), end.seconds(), valBits, model);
        }

        private GridCache.Grids loadOrComputeGrids() throws IOException {
            Path cache = options.out().resolve(GridCache.FILE);
            java.util.Optional<GridCache.Grids> cached = GridCache.read(cache, vq.sha256Hex());
            if (cached.isPresent()) {
                log.printf(Locale.ROOT, "prior: reusing cached index grids from %s%n", cache);
                return cached.get();
            }
            GridCache.Grids grids = encodeGrids(vq, options.data(), options.validationImages(), log);
            GridCache.write(cache, vq.sha256Hex(), grids);
            return grids;
        }
    }

    static SameDiff buildGraph(PriorConfig config, long seed, double learningRate) {
        SameDiff sd = SameDiff.create();
        Random init = new Random(seed);
        SDVariable idx = sd.placeHolder("indices", DataType.INT64, -1, -1, -1);
        SDVariable logits = PriorGraph.logits(sd, config, idx, (name, shape) -> sd.var(name, initial(init, name, shape)));
        sd.identity("logits", logits);
        SDVariable flatLogits = sd.reshape(sd.permute(logits, 0, 2, 3, 1), -1, config.alphabet());
        SDVariable labels = sd.oneHot(sd.reshape(idx, -1), config.alphabet(), -1, 1.0, 0.0, DataType.FLOAT);
        SDVariable loss = sd.loss().softmaxCrossEntropy("loss", labels, flatLogits, null,
                LossReduce.MEAN_BY_NONZERO_WEIGHT_COUNT, 0.0);
        sd.setLossVariables(loss);
        sd.setTrainingConfig(TrainingConfig.builder()
                .updater(new Adam(learningRate))
                .dataSetFeatureMapping("indices")
                .markLabelsUnused()
                .build());
        return sd;
    }

    static ModelBundle export(SameDiff sd, ModelBundle vq, PriorConfig config) {
        List<Tensor> prior = new ArrayList<>();
        for (Map.Entry<String, long[]> e : PixelCnnPrior.tensorShapes(config).entrySet()) {
            INDArray arr = sd.getVariable(e.getKey()).getArr();
            prior.add(new Tensor(e.getKey(), e.getValue(), arr.dup('c').data().asFloat()));
        }
        return PriorJoin.join(vq, config, prior);
    }

    private static INDArray initial(Random rnd, String name, long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        double std;
        if (name.endsWith(".b")) {
            std = 0;
        } else if (name.equals("prior.embed")) {
            std = 1;
        } else if (name.equals("prior.out.w")) {
            std = 0.01; // start near the uniform distribution: log2(K) bits per index
        } else {
            long fanIn = shape[0] * shape[1] * shape[2];
            std = Math.sqrt(2.0 / fanIn) * (name.startsWith("prior.b") ? 0.5 : 1.0);
        }
        float[] v = new float[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (rnd.nextGaussian() * std);
        }
        return Nd4j.create(v, shape, 'c');
    }

    private static double validationBits(SameDiff sd, List<IndexGrid> val) {
        if (val.isEmpty()) {
            return Double.NaN;
        }
        double nats = 0;
        long count = 0;
        for (IndexGrid g : val) {
            long[] idx = new long[g.size()];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = g.indices()[i];
            }
            INDArray in = Nd4j.createFromArray(idx).reshape(1, g.rows(), g.cols());
            INDArray loss = sd.output(Map.of("indices", in), "loss").get("loss");
            nats += loss.getDouble(0) * g.size();
            count += g.size();
        }
        return nats / count / Math.log(2);
    }

    /**
     * The grids of every training image at full size and downscaled by 2, each also mirrored, and of every held-out
     * image as it is.
     */
    private static GridCache.Grids encodeGrids(ModelBundle vq, List<Path> data, int validationImages,
                                               PrintStream log) throws IOException {
        VqVaeModel model = VqVaeModel.load(vq);
        ImageCorpus full = ImageCorpus.load(data, 1, 8);
        ImageCorpus[] split = full.split(validationImages);
        long t0 = System.nanoTime();
        List<IndexGrid> train = new ArrayList<>();
        for (ImageCorpus.Image img : split[0].images()) {
            for (int scale = 1; scale <= 2; scale++) {
                ImageCorpus.Image s = scale == 1 ? img : ImageCorpus.areaDownscale(img, 2);
                train.add(model.encode(new ImageTensor(s.width(), s.height(), s.data())));
                train.add(model.encode(new ImageTensor(s.width(), s.height(), mirror(s))));
            }
        }
        List<IndexGrid> val = new ArrayList<>();
        for (ImageCorpus.Image img : split[1].images()) {
            val.add(model.encode(new ImageTensor(img.width(), img.height(), img.data())));
        }
        log.printf(Locale.ROOT, "prior: encoded %d grids in %.0f s%n", train.size() + val.size(),
                (System.nanoTime() - t0) / 1e9);
        return new GridCache.Grids(train, val);
    }

    private static float[] mirror(ImageCorpus.Image img) {
        int w = img.width();
        int h = img.height();
        float[] out = new float[img.data().length];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                int row = c * w * h + y * w;
                for (int x = 0; x < w; x++) {
                    out[row + x] = img.data()[row + w - 1 - x];
                }
            }
        }
        return out;
    }
}

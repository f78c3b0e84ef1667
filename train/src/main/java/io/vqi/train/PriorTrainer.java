package io.vqi.train;

import io.vqi.core.InvalidOptionException;
import io.vqi.image.ImageTensor;
import io.vqi.model.IndexGrid;
import io.vqi.model.ModelBundle;
import io.vqi.model.Tensor;
import io.vqi.model.VqVaeConfig;
import io.vqi.network.VqVaeGraph;
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

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Trains the PixelCNN prior on index grids of the training images, as the shipped VQ-VAE encodes them, and exports
 * a bundle holding both: the model that {@code vqi compress} uses.
 *
 * <p>Grids come from every image at full size and downscaled by 2, each also mirrored: the scales users compress
 * at. They are computed once per VQ-VAE and cached in the run directory.
 */
public final class PriorTrainer {

    static final String CHECKPOINT = "prior-checkpoint.sd";
    static final String STATE = "prior-state.properties";
    static final String GRIDS = "grids.bin";

    /**
     * Options of one prior run; see {@link TrainOptions} for the shared meanings. {@code init}, when not null, is a
     * model whose prior weights start a new run (its prior architecture must equal {@code config}): how a prior
     * follows a VQ-VAE that kept training, whose codes moved only a little.
     */
    public record Options(Path vqvae, List<Path> data, Path out, PriorConfig config, int batch, int crop,
                          double minutes, long steps, boolean resume, long seed, LearningRate learningRate,
                          int logEvery, double checkpointMinutes, int validationImages, Path init) {
        public Options {
            data = List.copyOf(data);
            java.util.Objects.requireNonNull(learningRate, "learningRate");
            ImageCorpus.refuseBenchmark(data);
            TrainOptions.requireRange("--batch", batch, 1, Integer.MAX_VALUE);
            TrainOptions.requireRange("--crop", crop, 2, 256);
            TrainOptions.checkRun(minutes, steps, logEvery, checkpointMinutes, validationImages);
        }
    }

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
        return new PriorConfig(alphabet, embed, channels, layers, 5);
    }

    public record Summary(long steps, double seconds, double valBitsPerIndex, Path model) {
    }

    private final Options options;
    private final PrintStream log;

    public PriorTrainer(Options options, PrintStream log) {
        this.options = options;
        this.log = log;
    }

    public Summary run() throws IOException {
        long start = System.nanoTime();
        Path out = options.out();
        Files.createDirectories(out);
        ModelBundle vq = ModelBundle.read(options.vqvae());
        PriorConfig config = options.config();
        if (config.alphabet() != vq.config().codebookSize()) {
            throw new IllegalArgumentException("prior alphabet must equal the codebook size "
                    + vq.config().codebookSize());
        }
        List<IndexGrid>[] grids = loadOrComputeGrids(vq);
        List<IndexGrid> train = grids[0];
        List<IndexGrid> val = grids[1];
        int crop = options.crop();
        List<IndexGrid> usable = new ArrayList<>();
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

        Path checkpoint = out.resolve(CHECKPOINT);
        SameDiff sd;
        long step = 0;
        double priorSeconds = 0;
        if (options.resume() && Files.exists(checkpoint)) {
            Properties state = Checkpoints.readState(out, STATE);
            if (!vq.sha256Hex().equals(state.getProperty("vqvae"))) {
                throw new IOException("checkpoint was trained on another VQ-VAE; start a new run directory");
            }
            step = Long.parseLong(state.getProperty("step"));
            priorSeconds = Double.parseDouble(state.getProperty("seconds", "0"));
            sd = VqVaeTrainer.quietly(() -> SameDiff.load(checkpoint.toFile(), true));
            VqVaeTrainer.setLearningRate(sd, options.learningRate().initial());
            log.printf(Locale.ROOT, "resumed prior at step %d%n", step);
        } else {
            sd = buildGraph(config, options.seed(), options.learningRate().initial());
            if (options.init() != null) {
                ModelBundle initial = ModelBundle.read(options.init());
                if (!config.equals(initial.prior())) {
                    throw new IllegalArgumentException(options.init() + " has no prior of the configured shape "
                            + config.toProperties().replace('\n', ' '));
                }
                for (Tensor t : initial.tensors()) {
                    if (t.name().startsWith("prior.")) {
                        sd.getVariable(t.name()).getArr().assign(Nd4j.create(t.data(), t.shape(), 'c'));
                    }
                }
                log.printf(Locale.ROOT, "prior: starting from the weights of %s (%s); Adam starts afresh%n",
                        options.init(), initial.modelId());
            }
        }

        int b = options.batch();
        long[] batch = new long[b * crop * crop];
        long deadline = start + (long) (options.minutes() * 60e9);
        long lastCheckpoint = System.nanoTime();
        long lastLog = System.nanoTime();
        long lastLogStep = step;
        double lossSum = 0;
        int lossCount = 0;
        double valBits = Double.NaN;
        boolean first = true;
        long firstStep = step;
        double lr = options.learningRate().initial();
        while (step < options.steps() && System.nanoTime() < deadline) {
            double nextLr = options.learningRate().at(step, firstStep, options.steps());
            if (nextLr != lr) {
                VqVaeTrainer.setLearningRate(sd, nextLr);
                lr = nextLr;
            }
            SplittableRandom rnd = new SplittableRandom(options.seed() * 0x9E3779B97F4A7C15L + step);
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
            INDArray idx = Nd4j.createFromArray(batch).reshape(b, crop, crop);
            MultiDataSet mds = new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {idx}, new INDArray[0]);
            if (first) {
                VqVaeTrainer.quietly(() -> sd.fit(mds));
                first = false;
            } else {
                sd.fit(mds);
            }
            step++;
            if (step % options.logEvery() == 0) {
                // Training never materialises the loss (its gradient is seeded directly): evaluate it on this batch.
                double loss = sd.output(Map.of("indices", idx), "loss").get("loss").getDouble(0);
                if (!Double.isFinite(loss)) {
                    throw new IllegalStateException("prior training diverged at step " + step);
                }
                lossSum += loss;
                lossCount++;
                valBits = validationBits(sd, val);
                double secs = (System.nanoTime() - lastLog) / 1e9 / Math.max(1, step - lastLogStep);
                log.printf(Locale.ROOT, "prior step %d train %.4f bits/index, val %.4f bits/index  lr %.3g  %.3f s/step%n",
                        step, lossSum / lossCount / Math.log(2), valBits, lr, secs);
                lossSum = 0;
                lossCount = 0;
                lastLog = System.nanoTime();
                lastLogStep = step;
            }
            if ((System.nanoTime() - lastCheckpoint) / 60e9 >= options.checkpointMinutes()) {
                save(sd, vq, step, priorSeconds + (System.nanoTime() - start) / 1e9, lr);
                lastCheckpoint = System.nanoTime();
            }
        }
        double seconds = priorSeconds + (System.nanoTime() - start) / 1e9;
        save(sd, vq, step, seconds, lr);
        valBits = validationBits(sd, val);
        ModelBundle combined = export(sd, vq, config);
        Path model = out.resolve(VqVaeTrainer.MODEL);
        combined.write(model);
        log.printf(Locale.ROOT, "prior done: step %d, %.0f s in total, val %.4f bits/index, model %s (%s)%n",
                step, seconds, valBits, model, combined.modelId());
        return new Summary(step, seconds, valBits, model);
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

    /**
     * {@code vq} with the prior of {@code withPrior}, whose VQ-VAE must have the same encoder architecture, encoder
     * weights and codebook (so the same index grids: a decoder trained further, or grown, with a frozen encoder keeps
     * its prior). The decoders may differ.
     *
     * @throws IllegalArgumentException if {@code withPrior} has no prior or its grids could differ
     */
    public static ModelBundle attach(ModelBundle vq, ModelBundle withPrior) {
        if (!withPrior.hasPrior()) {
            throw new IllegalArgumentException("model " + withPrior.modelId() + " has no prior");
        }
        if (!encoderSide(vq.config()).equals(encoderSide(withPrior.config()))) {
            throw new IllegalArgumentException("the prior's VQ-VAE has another encoder or codebook architecture");
        }
        Map<String, Tensor> other = withPrior.tensorMap();
        List<Tensor> tensors = new ArrayList<>();
        for (Tensor t : vq.tensors()) {
            if (VqVaeGraph.isEncoderSide(t.name()) && !java.util.Arrays.equals(t.data(), other.get(t.name()).data())) {
                throw new IllegalArgumentException("tensor " + t.name() + " differs from the prior's VQ-VAE: the "
                        + "index grids would not be the ones the prior was trained on");
            }
            if (!t.name().startsWith("prior.")) {
                tensors.add(t);
            }
        }
        for (Tensor t : withPrior.tensors()) {
            if (t.name().startsWith("prior.")) {
                tensors.add(t);
            }
        }
        return ModelBundle.of(vq.config(), withPrior.prior(), tensors, "");
    }

    /** The architecture with the decoder's blocks left out: what decides the index grids. */
    private static VqVaeConfig encoderSide(VqVaeConfig c) {
        return new VqVaeConfig(c.name(), c.c1(), c.c2(), c.c3(), c.latentDim(), c.codebookSize(), c.encoderBlocks(),
                0, 0);
    }

    static ModelBundle export(SameDiff sd, ModelBundle vq, PriorConfig config) {
        List<Tensor> tensors = new ArrayList<>();
        for (Tensor t : vq.tensors()) {
            if (!t.name().startsWith("prior.")) {
                tensors.add(t);
            }
        }
        for (Map.Entry<String, long[]> e : PixelCnnPrior.tensorShapes(config).entrySet()) {
            INDArray arr = sd.getVariable(e.getKey()).getArr();
            tensors.add(new Tensor(e.getKey(), e.getValue(), arr.dup('c').data().asFloat()));
        }
        return ModelBundle.of(vq.config(), config, tensors, "");
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

    private double validationBits(SameDiff sd, List<IndexGrid> val) {
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

    @SuppressWarnings("unchecked")
    private List<IndexGrid>[] loadOrComputeGrids(ModelBundle vq) throws IOException {
        Path cache = options.out().resolve(GRIDS);
        if (Files.exists(cache)) {
            try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(cache)))) {
                if (in.readUTF().equals(vq.sha256Hex())) {
                    List<IndexGrid>[] parts = new List[] {readGrids(in), readGrids(in)};
                    log.printf(Locale.ROOT, "prior: reusing cached index grids from %s%n", cache);
                    return parts;
                }
            }
        }
        VqVaeModel model = VqVaeModel.load(vq);
        ImageCorpus full = ImageCorpus.load(options.data(), 1, 8);
        ImageCorpus[] split = full.split(options.validationImages());
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
        Path tmp = options.out().resolve(GRIDS + ".tmp");
        try (DataOutputStream o = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(tmp)))) {
            o.writeUTF(vq.sha256Hex());
            writeGrids(o, train);
            writeGrids(o, val);
        }
        Files.move(tmp, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new List[] {train, val};
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

    private static void writeGrids(DataOutputStream o, List<IndexGrid> grids) throws IOException {
        o.writeInt(grids.size());
        for (IndexGrid g : grids) {
            o.writeInt(g.rows());
            o.writeInt(g.cols());
            o.writeInt(g.alphabet());
            for (int v : g.indices()) {
                o.writeShort(v);
            }
        }
    }

    private static List<IndexGrid> readGrids(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<IndexGrid> grids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int rows = in.readInt();
            int cols = in.readInt();
            int k = in.readInt();
            int[] idx = new int[rows * cols];
            for (int j = 0; j < idx.length; j++) {
                idx[j] = in.readUnsignedShort();
            }
            grids.add(new IndexGrid(rows, cols, k, idx));
        }
        return grids;
    }

    private void save(SameDiff sd, ModelBundle vq, long step, double seconds, double lr) throws IOException {
        Properties p = new Properties();
        p.setProperty("step", Long.toString(step));
        p.setProperty("seconds", String.format(Locale.ROOT, "%.1f", seconds));
        p.setProperty("vqvae", vq.sha256Hex());
        p.setProperty("seed", Long.toString(options.seed()));
        p.setProperty("lr", Double.toString(lr));
        p.setProperty("config", options.config().toProperties().replace('\n', ';'));
        Checkpoints.save(sd, options.out(), CHECKPOINT, STATE, p, "vqi prior training state");
        log.printf(Locale.ROOT, "prior checkpoint at step %d%n", step);
    }
}

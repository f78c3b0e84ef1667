package io.vqi.train;

import io.vqi.model.ModelBundle;
import io.vqi.model.Tensor;
import io.vqi.model.VqVaeConfig;
import io.vqi.network.VqVaeGraph;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.ListenerVariables;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Trains the VQ-VAE with SameDiff in time-boxed, resumable runs.
 *
 * <p>Loss: MSE normalised by the data variance, plus the codebook and commitment terms of van den Oord et al.;
 * the lookup is cosine (factorised, l2-normalised, ViT-VQGAN). Codes that no crop used over the last window are
 * restarted on random encoder outputs, which keeps the codebook in use.
 */
public final class VqVaeTrainer {

    static final String CHECKPOINT = "checkpoint.sd";
    static final String STATE = "state.properties";
    public static final String MODEL = "model.vqm";

    private static final double DATA_VARIANCE = 0.06;
    private static final double COMMITMENT = 0.25;
    private static final int RESTART_WINDOW = 100;

    private final TrainOptions options;
    private final PrintStream log;

    public VqVaeTrainer(TrainOptions options, PrintStream log) {
        this.options = options;
        this.log = log;
    }

    /** Result of one run. */
    public record Summary(long steps, double seconds, double firstMse, double lastMse, double valPsnr,
                          int codesInUse, Path model) {
    }

    public Summary run() throws IOException {
        long start = System.nanoTime();
        Path out = options.out();
        Files.createDirectories(out);
        Path checkpoint = out.resolve(CHECKPOINT);
        Properties state = new Properties();

        VqVaeConfig config = options.config();
        SameDiff sd;
        long step = 0;
        double priorSeconds = 0;
        if (options.resume() && Files.exists(checkpoint)) {
            state = Checkpoints.readState(out, STATE);
            config = VqVaeConfig.parse(state.getProperty("config").replace(';', '\n'));
            step = Long.parseLong(state.getProperty("step"));
            priorSeconds = Double.parseDouble(state.getProperty("seconds", "0"));
            sd = quietly(() -> SameDiff.load(checkpoint.toFile(), true));
            setLearningRate(sd, options.learningRate().initial());
            log.printf(Locale.ROOT, "resumed %s at step %d (%.0f s trained so far), learning rate %g%n", checkpoint,
                    step, priorSeconds, options.learningRate().initial());
        } else {
            if (options.init() != null) {
                ModelBundle initial = ModelBundle.read(options.init());
                config = grownOrSame(initial.config(), options.config());
                sd = buildGraph(config, options.seed(), options.learningRate().initial());
                java.util.Map<String, Tensor> known = initial.tensorMap();
                int grown = 0;
                for (VqVaeGraph.ParamSpec spec : VqVaeGraph.parameterSpecs(config)) {
                    Tensor t = known.get(spec.name());
                    INDArray arr = sd.getVariable(spec.name()).getArr();
                    if (t != null) {
                        arr.assign(Nd4j.create(t.data(), t.shape(), 'c'));
                    } else {
                        grown++;
                        if (VqVaeGraph.isResidualOutput(spec.name())) {
                            arr.assign(0); // a new block starts as the identity
                        }
                    }
                }
                log.printf(Locale.ROOT, "starting from the weights of %s (%s)%s; Adam starts afresh%n",
                        options.init(), initial.modelId(),
                        grown == 0 ? "" : ", " + grown + " new tensors (new residual blocks start as the identity)");
            } else {
                sd = buildGraph(config, options.seed(), options.learningRate().initial());
            }
            log.printf(Locale.ROOT, "new model %s: encoder %d MAC/px, decoder %d MAC/px, raw rate %.4f bpp%n",
                    config.name(), config.encoderMacsPerPixel(), config.decoderMacsPerPixel(),
                    config.rawBitsPerPixel());
        }

        if (options.freezeEncoder()) {
            List<SDVariable> frozen = new ArrayList<>();
            for (VqVaeGraph.ParamSpec spec : VqVaeGraph.parameterSpecs(config)) {
                if (VqVaeGraph.isEncoderSide(spec.name())) {
                    frozen.add(sd.getVariable(spec.name()));
                }
            }
            sd.convertToConstants(frozen);
            log.printf(Locale.ROOT, "encoder and codebook frozen (%d tensors): the index grids stay as they are%n",
                    frozen.size());
        }

        ImageCorpus all = ImageCorpus.load(options.data(), options.downscale(), options.crop());
        ImageCorpus[] parts = all.split(options.validationImages());
        ImageCorpus train = parts[0];
        ImageCorpus val = parts[1];
        log.printf(Locale.ROOT, "data: %d training images, %d held out for validation%n", train.size(), val.size());

        int b = options.batch();
        int crop = options.crop();
        float[] batchBuf = new float[b * 3 * crop * crop];
        INDArray valBatch = null;
        if (val.size() > 0) {
            int vb = Math.min(8, val.size());
            float[] vbuf = new float[vb * 3 * crop * crop];
            val.centreBatch(vb, crop, vbuf);
            valBatch = Nd4j.create(vbuf, new long[] {vb, 3, crop, crop}, 'c');
        }

        Capture capture = new Capture();
        sd.setListeners(capture);
        int k = config.codebookSize();
        long[] window = new long[k];
        long[] total = new long[k];
        int windowSteps = 0;
        double firstLoss = Double.NaN;
        double lastLoss = Double.NaN;
        double lastValPsnr = Double.NaN;
        double mseSum = 0;
        int mseCount = 0;
        long runSteps = 0;
        long lastLogTime = System.nanoTime();
        long lastLogStep = step;
        long lastCheckpoint = System.nanoTime();
        long deadline = start + (long) (options.minutes() * 60e9);
        boolean first = true;
        long firstStep = step;
        double lr = options.learningRate().initial();

        while (step < options.steps() && System.nanoTime() < deadline) {
            double nextLr = options.learningRate().at(step, firstStep, options.steps());
            if (nextLr != lr) {
                setLearningRate(sd, nextLr);
                lr = nextLr;
            }
            SplittableRandom rnd = new SplittableRandom(options.seed() * 0x9E3779B97F4A7C15L + step);
            train.randomBatch(rnd, b, crop, batchBuf);
            INDArray x = Nd4j.create(batchBuf, new long[] {b, 3, crop, crop}, 'c');
            MultiDataSet mds = new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {x}, new INDArray[0]);
            if (first) {
                quietly(() -> sd.fit(mds));
                first = false;
            } else {
                sd.fit(mds);
            }
            step++;
            runSteps++;
            // The total loss is never materialised in training (its gradient is seeded directly): track the MSE.
            if (Double.isNaN(firstLoss)) {
                firstLoss = capture.mse;
            }
            lastLoss = capture.mse;
            mseSum += capture.mse;
            mseCount++;
            for (int idx : capture.indices) {
                window[idx]++;
                total[idx]++;
            }
            windowSteps++;
            if (!Double.isFinite(capture.mse)) {
                throw new IllegalStateException("training diverged at step " + step + " (mse " + capture.mse + ")");
            }
            if (windowSteps >= RESTART_WINDOW) {
                int restarted = options.freezeEncoder() ? 0
                        : restartDeadCodes(sd, window, capture.latents, config.latentDim(), rnd);
                int used = k - restarted;
                double perplexity = perplexity(window);
                log.printf(Locale.ROOT, "step %d codes: %d/%d used in the last %d steps, perplexity %.1f, %d restarted%n",
                        step, used, k, windowSteps, perplexity, restarted);
                java.util.Arrays.fill(window, 0);
                windowSteps = 0;
            }
            if (step % options.logEvery() == 0) {
                double secs = (System.nanoTime() - lastLogTime) / 1e9 / Math.max(1, step - lastLogStep);
                if (valBatch != null) {
                    lastValPsnr = validationPsnr(sd, valBatch);
                }
                log.printf(Locale.ROOT, "step %d mse %.5f train-psnr %.2f val-psnr %.2f dB  lr %.3g  %.3f s/step%n",
                        step, lastLoss, psnr(mseSum / mseCount), lastValPsnr, lr, secs);
                mseSum = 0;
                mseCount = 0;
                lastLogTime = System.nanoTime();
                lastLogStep = step;
            }
            if ((System.nanoTime() - lastCheckpoint) / 60e9 >= options.checkpointMinutes()) {
                saveCheckpoint(sd, config, step, priorSeconds + (System.nanoTime() - start) / 1e9, lr);
                lastCheckpoint = System.nanoTime();
            }
        }
        double seconds = priorSeconds + (System.nanoTime() - start) / 1e9;
        saveCheckpoint(sd, config, step, seconds, lr);
        if (valBatch != null) {
            lastValPsnr = validationPsnr(sd, valBatch);
        }
        ModelBundle bundle = export(sd, config);
        Path model = out.resolve(MODEL);
        bundle.write(model);
        int inUse = 0;
        for (long t : total) {
            inUse += t > 0 ? 1 : 0;
        }
        log.printf(Locale.ROOT, "done: step %d (%d this run), %.0f s trained in total, val-psnr %.2f dB, model %s (%s)%n",
                step, runSteps, seconds, lastValPsnr, model, bundle.modelId());
        return new Summary(step, seconds, firstLoss, lastLoss, lastValPsnr, inUse, model);
    }

    /**
     * The architecture of a run started from a model: the model's, or {@code wanted} if it only adds decoder
     * residual blocks to it (the way a trained decoder grows).
     */
    static VqVaeConfig grownOrSame(VqVaeConfig model, VqVaeConfig wanted) {
        VqVaeConfig same = new VqVaeConfig(wanted.name(), wanted.c1(), wanted.c2(), wanted.c3(), wanted.latentDim(),
                wanted.codebookSize(), wanted.encoderBlocks(), model.decoderBlocks(), model.decoderMidBlocks());
        boolean grows = same.equals(model) && wanted.decoderBlocks() >= model.decoderBlocks()
                && wanted.decoderMidBlocks() >= model.decoderMidBlocks() && !wanted.equals(model);
        return grows ? wanted : model;
    }

    /** The training graph: the shared architecture plus losses and an Adam updater. */
    static SameDiff buildGraph(VqVaeConfig config, long seed, double learningRate) {
        SameDiff sd = SameDiff.create();
        Random init = new Random(seed);
        VqVaeGraph graph = new VqVaeGraph(sd, config, (s, spec) -> s.var(spec.name(), initial(init, spec)));
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 3, -1, -1);
        SDVariable latents = sd.identity("latents", graph.encode(x));
        VqVaeGraph.Quantized q = graph.quantize(latents);
        SDVariable xhat = sd.identity("xhat", graph.decode(q.latents()));
        SDVariable mse = sd.math().square(xhat.sub(x)).mean("mse");
        SDVariable loss = mse.mul(1.0 / DATA_VARIANCE).add(q.codebookLoss())
                .add(q.commitmentLoss().mul(COMMITMENT));
        loss = sd.identity("loss", loss);
        sd.setLossVariables("loss");
        sd.setTrainingConfig(TrainingConfig.builder()
                .updater(new Adam(learningRate))
                .dataSetFeatureMapping("x")
                .markLabelsUnused()
                .build());
        return sd;
    }

    /**
     * Sets Adam's learning rate of a loaded graph, keeping its moment estimates: how a later run lowers the rate
     * without starting over.
     */
    static void setLearningRate(SameDiff sd, double lr) {
        if (sd.getTrainingConfig().getUpdater() instanceof Adam adam) {
            adam.setLearningRate(lr);
        }
        if (sd.getUpdaterMap() != null) {
            for (Object u : sd.getUpdaterMap().values()) {
                if (u instanceof org.nd4j.linalg.learning.GradientUpdater<?> g && g.getConfig() instanceof Adam adam) {
                    adam.setLearningRate(lr);
                }
            }
        }
    }

    /** The latest checkpoint of a run directory as a model bundle (for a look while training goes on). */
    public static ModelBundle exportCheckpoint(Path runDir) throws IOException {
        Properties state = Checkpoints.readState(runDir, STATE);
        VqVaeConfig config = VqVaeConfig.parse(state.getProperty("config").replace(';', '\n'));
        SameDiff sd = quietly(() -> SameDiff.load(runDir.resolve(CHECKPOINT).toFile(), false));
        return export(sd, config);
    }

    /** Weights of the architecture's parameters, in the architecture's order. */
    static ModelBundle export(SameDiff sd, VqVaeConfig config) {
        List<Tensor> tensors = new ArrayList<>();
        for (VqVaeGraph.ParamSpec spec : VqVaeGraph.parameterSpecs(config)) {
            INDArray arr = sd.getVariable(spec.name()).getArr();
            tensors.add(new Tensor(spec.name(), spec.shape(), arr.dup('c').data().asFloat()));
        }
        return ModelBundle.of(config, tensors, "");
    }

    static INDArray initial(Random rnd, VqVaeGraph.ParamSpec spec) {
        long n = 1;
        for (long d : spec.shape()) {
            n *= d;
        }
        float[] v = new float[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (rnd.nextGaussian() * spec.initStd());
        }
        return Nd4j.create(v, spec.shape(), 'c');
    }

    private void saveCheckpoint(SameDiff sd, VqVaeConfig config, long step, double seconds, double lr)
            throws IOException {
        Properties p = new Properties();
        p.setProperty("step", Long.toString(step));
        p.setProperty("seconds", String.format(Locale.ROOT, "%.1f", seconds));
        p.setProperty("seed", Long.toString(options.seed()));
        p.setProperty("config", config.toProperties().replace('\n', ';'));
        p.setProperty("batch", Integer.toString(options.batch()));
        p.setProperty("crop", Integer.toString(options.crop()));
        p.setProperty("downscale", Integer.toString(options.downscale()));
        p.setProperty("lr", Double.toString(lr)); // the current rate: what a resumed run should pass as --lr
        Checkpoints.save(sd, options.out(), CHECKPOINT, STATE, p, "vqi training state");
        log.printf(Locale.ROOT, "checkpoint at step %d%n", step);
    }

    private static int restartDeadCodes(SameDiff sd, long[] window, float[] latents, int dim, SplittableRandom rnd) {
        if (latents == null) {
            return 0;
        }
        int vectors = latents.length / dim;
        INDArray codebook = sd.getVariable("codebook").getArr();
        int restarted = 0;
        for (int code = 0; code < window.length; code++) {
            if (window[code] == 0) {
                int pick = rnd.nextInt(vectors);
                float[] row = new float[dim];
                for (int d = 0; d < dim; d++) {
                    row[d] = latents[pick * dim + d] + (float) (rnd.nextDouble() - 0.5) * 0.02f;
                }
                codebook.putRow(code, Nd4j.createFromArray(row));
                restarted++;
            }
        }
        return restarted;
    }

    private static double perplexity(long[] counts) {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        double h = 0;
        for (long c : counts) {
            if (c > 0) {
                double p = (double) c / n;
                h -= p * Math.log(p);
            }
        }
        return Math.exp(h);
    }

    private static double validationPsnr(SameDiff sd, INDArray batch) {
        INDArray mse = sd.output(java.util.Map.of("x", batch), "mse").get("mse");
        return psnr(mse.getDouble(0));
    }

    static double psnr(double mse) {
        return 10 * Math.log10(1.0 / Math.max(mse, 1e-12));
    }

    /** Collects what the progress report and the code restarts need from each training step. */
    private static final class Capture extends BaseListener {
        double mse = Double.NaN;
        int[] indices = new int[0];
        float[] latents;

        @Override
        public ListenerVariables requiredVariables(SameDiff sd) {
            return ListenerVariables.builder().trainingVariables("mse", "indices", "latents").build();
        }

        @Override
        public boolean isActive(Operation operation) {
            return operation == Operation.TRAINING;
        }

        @Override
        public void opExecution(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, OpContext opContext,
                                INDArray[] outputs) {
            List<String> names = op.getOutputsOfOp();
            for (int i = 0; i < names.size() && i < outputs.length; i++) {
                INDArray a = outputs[i];
                if (a == null) {
                    continue;
                }
                switch (names.get(i)) {
                    case "mse" -> mse = a.getDouble(0);
                    case "indices" -> indices = a.toIntVector();
                    case "latents" -> latents = a.permute(0, 2, 3, 1).dup('c').data().asFloat();
                    default -> { }
                }
            }
        }
    }

    @FunctionalInterface
    interface Action<T> {
        T run() throws IOException;
    }

    /** SameDiff prints one line per op to System.out when it first builds gradients; keep it off the terminal. */
    static <T> T quietly(Action<T> action) throws IOException {
        PrintStream saved = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            return action.run();
        } finally {
            System.setOut(saved);
        }
    }
}

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
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/**
 * Trains the VQ-VAE with SameDiff in time-boxed, resumable runs.
 *
 * <p>Loss: MSE normalised by the data variance, plus the codebook and commitment terms of van den Oord et al.;
 * the lookup is cosine (factorised, l2-normalised, ViT-VQGAN). Codes that no crop used over the last window are
 * restarted on random encoder outputs, which keeps the codebook in use.
 */
public final class VqVaeTrainer extends Trainer<VqVaeTrainer.Summary> {

    static final String CHECKPOINT = "checkpoint.sd";
    static final String STATE = "state.properties";
    public static final String MODEL = "model.vqm";

    private static final double DATA_VARIANCE = 0.06;
    private static final double COMMITMENT = 0.25;
    private static final int RESTART_WINDOW = 100;

    /** @param log the run's progress lines */
    public VqVaeTrainer(TrainOptions options, PrintStream log) {
        super(options, TrainOptions.VqVae.class, log, Task::new);
    }

    /** Result of one run. */
    public record Summary(long steps, double seconds, double firstMse, double lastMse, double valPsnr,
                          int codesInUse, Path model) {
    }

    /** One run's data, graph and code statistics. */
    private static final class Task extends ModelTask<Summary, TrainOptions.VqVae> {
        private VqVaeConfig config;
        private ImageCorpus train;
        private float[] batchBuf;
        private INDArray valBatch;
        private final Capture capture = new Capture();
        private long[] window;
        private long[] total;
        private int windowSteps;
        private double firstLoss = Double.NaN;
        private double lastLoss = Double.NaN;
        private double lastValPsnr = Double.NaN;
        private double mseSum;
        private int mseCount;

        Task(TrainOptions options, PrintStream log) {
            super(options, TrainOptions.VqVae.class, log,
                    new Layout(CHECKPOINT, STATE, "vqi training state", ""));
        }

        @Override
        public SameDiff open(Checkpoint resumed) throws IOException {
            config = spec.config();
            SameDiff sd;
            if (resumed != null) {
                config = VqVaeConfig.parse(configOf(resumed.state()));
                sd = resumed.graph();
                log.printf(Locale.ROOT, "resumed %s at step %d (%.0f s trained so far), learning rate %g%n",
                        resumed.path(), resumed.step(), resumed.seconds(), options.learningRate().initial());
            } else {
                sd = options.init() != null ? fromModel() : buildGraph(config, options.seed(),
                        options.learningRate().initial());
                log.printf(Locale.ROOT, "new model %s: encoder %d MAC/px, decoder %d MAC/px, raw rate %.4f bpp%n",
                        config.name(), config.encoderMacsPerPixel(), config.decoderMacsPerPixel(),
                        config.rawBitsPerPixel());
            }
            if (spec.freezeEncoder()) {
                List<SDVariable> frozen = new ArrayList<>();
                for (VqVaeGraph.ParamSpec p : VqVaeGraph.parameterSpecs(config)) {
                    if (VqVaeGraph.isEncoderSide(p.name())) {
                        frozen.add(sd.getVariable(p.name()));
                    }
                }
                sd.convertToConstants(frozen);
                log.printf(Locale.ROOT, "encoder and codebook frozen (%d tensors): the index grids stay as they are%n",
                        frozen.size());
            }

            Images images = loadImages();
            train = images.train();
            valBatch = images.validation();
            int crop = options.crop();
            batchBuf = new float[options.batch() * 3 * crop * crop];
            sd.setListeners(capture);
            window = new long[config.codebookSize()];
            total = new long[config.codebookSize()];
            return sd;
        }

        /** A new graph with the weights of {@code --init}, grown by new decoder blocks if the config asks. */
        private SameDiff fromModel() throws IOException {
            ModelBundle initial = ModelBundle.read(options.init());
            config = grownOrSame(initial.config(), spec.config());
            SameDiff sd = buildGraph(config, options.seed(), options.learningRate().initial());
            Map<String, Tensor> known = initial.tensorMap();
            int grown = 0;
            for (VqVaeGraph.ParamSpec p : VqVaeGraph.parameterSpecs(config)) {
                Tensor t = known.get(p.name());
                INDArray arr = sd.getVariable(p.name()).getArr();
                if (t != null) {
                    arr.assign(Nd4j.create(t.data(), t.shape(), 'c'));
                } else {
                    grown++;
                    if (VqVaeGraph.isResidualOutput(p.name())) {
                        arr.assign(0); // a new block starts as the identity
                    }
                }
            }
            log.printf(Locale.ROOT, "starting from the weights of %s (%s)%s; Adam starts afresh%n",
                    options.init(), initial.modelId(),
                    grown == 0 ? "" : ", " + grown + " new tensors (new residual blocks start as the identity)");
            return sd;
        }

        @Override
        public MultiDataSet batch(SplittableRandom rnd) {
            int b = options.batch();
            int crop = options.crop();
            train.randomBatch(rnd, b, crop, batchBuf);
            INDArray x = Nd4j.create(batchBuf, new long[] {b, 3, crop, crop}, 'c');
            return new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {x}, new INDArray[0]);
        }

        @Override
        public void afterStep(SameDiff sd, long step, SplittableRandom rnd) {
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
                int k = window.length;
                int restarted = spec.freezeEncoder() ? 0
                        : restartDeadCodes(sd, window, capture.latents, config.latentDim(), rnd);
                log.printf(Locale.ROOT, "step %d codes: %d/%d used in the last %d steps, perplexity %.1f, %d restarted%n",
                        step, k - restarted, k, windowSteps, perplexity(window), restarted);
                Arrays.fill(window, 0);
                windowSteps = 0;
            }
        }

        @Override
        public String progress(SameDiff sd, long step, double lr, DoubleSupplier secondsPerStep) {
            double secs = secondsPerStep.getAsDouble();
            if (valBatch != null) {
                lastValPsnr = validationPsnr(sd, valBatch);
            }
            String line = String.format(Locale.ROOT,
                    "step %d mse %.5f train-psnr %.2f val-psnr %.2f dB  lr %.3g  %.3f s/step",
                    step, lastLoss, psnr(mseSum / mseCount), lastValPsnr, lr, secs);
            mseSum = 0;
            mseCount = 0;
            return line;
        }

        @Override
        public void describe(Properties p) {
            describeCrops(p, config.toProperties());
        }

        @Override
        public Summary finish(SameDiff sd, End end) throws IOException {
            if (valBatch != null) {
                lastValPsnr = validationPsnr(sd, valBatch);
            }
            ModelBundle bundle = export(sd, config);
            Path model = options.out().resolve(MODEL);
            bundle.write(model);
            int inUse = 0;
            for (long t : total) {
                inUse += t > 0 ? 1 : 0;
            }
            log.printf(Locale.ROOT,
                    "done: step %d (%d this run), %.0f s trained in total, val-psnr %.2f dB, model %s (%s)%n",
                    end.step(), end.runSteps(), end.seconds(), lastValPsnr, model, bundle.modelId());
            return new Summary(end.step(), end.seconds(), firstLoss, lastLoss, lastValPsnr, inUse, model);
        }
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

    /** The latest checkpoint of a run directory as a model bundle (for a look while training goes on). */
    public static ModelBundle exportCheckpoint(Path runDir) throws IOException {
        Properties state = Checkpoints.readState(runDir, STATE);
        VqVaeConfig config = VqVaeConfig.parse(ModelTask.configOf(state));
        SameDiff sd = TrainingLoop.load(runDir.resolve(CHECKPOINT), false);
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
        INDArray mse = sd.output(Map.of("x", batch), "mse").get("mse");
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
}

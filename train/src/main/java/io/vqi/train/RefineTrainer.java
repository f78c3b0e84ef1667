package io.vqi.train;

import io.vqi.model.ModelBundle;
import io.vqi.model.RefineBundle;
import io.vqi.model.RefineConfig;
import io.vqi.network.RefineGraph;
import io.vqi.model.Tensor;
import io.vqi.model.VqVaeConfig;
import io.vqi.network.VqVaeGraph;
import io.vqi.network.VqVaeModel;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
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
import java.util.regex.Pattern;

/**
 * Trains the refinement layer (see {@link RefineConfig}) on top of a frozen base model, in time-boxed, resumable runs.
 *
 * <p>Each step picks one refinement level at random and minimises {@code lambda_level * 255^2 * MSE + R}, R being
 * the bits per pixel of the gained latent under the logistic model (uniform noise stands in for rounding in the
 * rate, the rounded latent goes to the decoder with a straight-through gradient). The encoder and codebook are
 * constants: the index grids, and so the base layer's files, stay exactly as they are. The refined decoder starts as
 * a copy of the base decoder, its injection at zero, so training starts from the base model's quality.
 */
public final class RefineTrainer extends Trainer<RefineTrainer.Summary> {

    /** The last convolution of a residual block of either nonlinear branch ({@code VqVaeGraph.residual}). */
    private static final Pattern LAST_OF_RESIDUAL_BRANCH = Pattern.compile("ref\\.(syn\\.)?res\\d+\\.b\\.[wb]");

    static final String CHECKPOINT = "checkpoint.sd";
    static final String STATE = "state.properties";
    public static final String MODEL = "refine.vqr";

    private static final double PIXEL_SCALE = 255.0 * 255.0;

    /** Held-out rate and quality of one level. */
    public record LevelResult(int level, double bitsPerPixel, double psnr) {
    }

    public record Summary(long steps, double seconds, List<LevelResult> validation, Path model) {
    }

    /**
     * @param options its {@code init} is a trained layer on the same base whose tensors start a new run where names
     *                and shapes agree (the rest start as a new layer does: a new context and mean at zero, so the
     *                run starts at its quality)
     * @param log     the run's progress lines
     */
    public RefineTrainer(TrainOptions options, PrintStream log) {
        super(options, TrainOptions.Refine.class, log, Task::new);
    }

    /** One run's base, data and graph. */
    private static final class Task extends ModelTask<Summary, TrainOptions.Refine> {
        private ModelBundle base;
        private RefineConfig rc;
        private ImageCorpus train;
        private float[] batchBuf;
        private float[] noiseBuf;
        private INDArray firstPass;
        private INDArray valBatch;
        private BaseCache baseCache; // null: the base runs on every crop
        private long[] indexBuf;
        private float[] baseBuf;
        private INDArray valIndices;
        private INDArray valBase;
        private List<LevelResult> validation = List.of();

        Task(TrainOptions options, PrintStream log) {
            super(options, TrainOptions.Refine.class, log,
                    new Layout(CHECKPOINT, STATE, "vqi refinement training state", ""));
        }

        @Override
        public SameDiff open(Checkpoint resumed) throws IOException {
            base = ModelBundle.read(spec.base());
            rc = spec.config();
            SameDiff sd;
            boolean wholeImageBase = spec.wholeImageBase();
            if (resumed != null) {
                rc = RefineConfig.parse(configOf(resumed.state()));
                wholeImageBase = WHOLE_IMAGE.equals(resumed.state().getProperty(BASE_SOURCE));
                sd = resumed.graph();
                log.printf(Locale.ROOT, "resumed %s at step %d (%.0f s trained so far)%n", resumed.path(),
                        resumed.step(), resumed.seconds());
            } else {
                if (!rc.baseSha256().equals(base.sha256Hex())) {
                    throw new IllegalArgumentException("the refinement config names base " + rc.baseSha256()
                            + " but --base is " + base.sha256Hex());
                }
                Map<String, Tensor> from = options.init() == null ? Map.of()
                        : RefineBundle.read(options.init()).atLambdas(rc.lambdas()).tensorMap();
                sd = buildGraph(base, rc, from, options.seed(), options.learningRate().initial(), wholeImageBase);
                if (!from.isEmpty()) {
                    log.printf(Locale.ROOT, "started from %s%n", options.init());
                }
                log.printf(Locale.ROOT, "new refinement layer on %s: %d channels, %d levels, lambdas %s%n",
                        base.modelId(), rc.channels(), rc.levels(), Arrays.toString(rc.lambdas()));
            }
            if (!rc.baseSha256().equals(base.sha256Hex())) {
                throw new IllegalArgumentException("the checkpoint was trained on base " + rc.baseSha256()
                        + ", not on " + base.sha256Hex());
            }

            Images images = loadImages();
            train = images.train();
            valBatch = images.validation();

            int crop = options.crop();
            int g = crop / VqVaeConfig.DOWNSAMPLING;
            batchBuf = new float[options.batch() * 3 * crop * crop];
            noiseBuf = new float[options.batch() * rc.channels() * g * g];
            firstPass = firstPass(g, g);
            if (wholeImageBase) {
                VqVaeModel baseModel = VqVaeModel.load(base);
                baseCache = BaseCache.build(baseModel, train, log);
                indexBuf = new long[options.batch() * g * g];
                baseBuf = new float[batchBuf.length];
                if (valBatch != null) {
                    int vb = (int) valBatch.size(0);
                    long[] vi = new long[vb * g * g];
                    float[] vp = new float[vb * 3 * crop * crop];
                    BaseCache.ofCrops(baseModel, valBatch.dup('c').data().asFloat(), vb, crop, vi, vp);
                    valIndices = Nd4j.createFromArray(vi).reshape(vb, g, g);
                    valBase = Nd4j.create(vp, new long[] {vb, 3, crop, crop}, 'c');
                }
            }
            if (valBatch != null && (resumed == null ? 0 : resumed.step()) == 0 && options.init() != null) {
                log.printf(Locale.ROOT, "step 0 held-out %s%n", format(validate(sd, valInputs(), rc)));
            }
            return sd;
        }

        @Override
        public MultiDataSet batch(SplittableRandom rnd) {
            int b = options.batch();
            int crop = options.crop();
            int g = crop / VqVaeConfig.DOWNSAMPLING;
            int levels = rc.levels();
            if (baseCache != null) {
                baseCache.randomBatch(rnd, b, crop, batchBuf, indexBuf, baseBuf);
            } else {
                train.randomBatch(rnd, b, crop, batchBuf);
            }
            for (int i = 0; i < noiseBuf.length; i++) {
                noiseBuf[i] = (float) (rnd.nextDouble() - 0.5);
            }
            int level = rnd.nextInt(levels);
            INDArray[] features = {
                    Nd4j.create(batchBuf, new long[] {b, 3, crop, crop}, 'c'),
                    Nd4j.create(noiseBuf, new long[] {b, rc.channels(), g, g}, 'c'),
                    oneHot(level, levels),
                    Nd4j.scalar(DataType.FLOAT, (float) (rc.lambdas()[level] * PIXEL_SCALE)),
                    firstPass};
            if (!rc.context()) {
                features = Arrays.copyOf(features, 4);
            }
            if (baseCache != null) {
                features = Arrays.copyOf(features, features.length + 2);
                features[features.length - 2] = Nd4j.createFromArray(indexBuf).reshape(b, g, g);
                features[features.length - 1] = Nd4j.create(baseBuf, new long[] {b, 3, crop, crop}, 'c');
            }
            return new org.nd4j.linalg.dataset.MultiDataSet(features, new INDArray[0]);
        }

        @Override
        public String progress(SameDiff sd, long step, double lr, DoubleSupplier secondsPerStep) {
            double secs = secondsPerStep.getAsDouble();
            validation = valBatch == null ? List.of() : validate(sd, valInputs(), rc);
            return String.format(Locale.ROOT, "step %d lr %.3g %.3f s/step held-out %s", step, lr, secs,
                    format(validation));
        }

        @Override
        public void describe(Properties p) {
            describeCrops(p, rc.toProperties());
            if (baseCache != null) {
                p.setProperty(BASE_SOURCE, WHOLE_IMAGE);
            }
        }

        /** The fixed held-out batch, with its base layer when the graph takes it as an input. */
        private Map<String, INDArray> valInputs() {
            Map<String, INDArray> in = new java.util.HashMap<>(Map.of("x", valBatch));
            if (valIndices != null) {
                in.put("indices", valIndices);
                in.put("base", valBase);
            }
            return in;
        }

        @Override
        public Summary finish(SameDiff sd, End end) throws IOException {
            if (valBatch != null) {
                validation = validate(sd, valInputs(), rc);
            }
            RefineBundle bundle = export(sd, base.config(), rc);
            Path model = options.out().resolve(MODEL);
            bundle.write(model);
            log.printf(Locale.ROOT,
                    "done: step %d (%d this run), %.0f s trained in total, held-out %s, layer %s (%s)%n",
                    end.step(), end.runSteps(), end.seconds(), format(validation), model, bundle.layerId());
            return new Summary(end.step(), end.seconds(), validation, model);
        }
    }

    /** The training graph: frozen base encoder, the refinement layer, the rate-distortion loss, Adam. */
    static SameDiff buildGraph(ModelBundle base, RefineConfig rc, Map<String, Tensor> start, long seed,
                               double learningRate) {
        return buildGraph(base, rc, start, seed, learningRate, false);
    }

    /**
     * @param wholeImageBase the index grid ({@code indices}, {@code [B,h,w]}) and the base picture ({@code base})
     *                       are inputs, cropped from the whole image's ({@link BaseCache}); else the graph runs the
     *                       frozen base encoder and decoder on each crop
     */
    static SameDiff buildGraph(ModelBundle base, RefineConfig rc, Map<String, Tensor> start, long seed,
                               double learningRate, boolean wholeImageBase) {
        SameDiff sd = SameDiff.create();
        Random init = new Random(seed);
        Map<String, Tensor> known = base.tensorMap();
        VqVaeConfig vc = base.config();
        float[] basis = RefineGraph.dctBasis();
        RefineGraph graph = new RefineGraph(sd, vc, rc, (s, spec) -> {
            String name = spec.name();
            Tensor t = known.get(name);
            if (!RefineGraph.isRefineParameter(name)) {
                return s.constant(name, Nd4j.create(t.data(), t.shape(), 'c')); // the base model, frozen
            }
            Tensor from = start.get(name);
            if (from != null && Arrays.equals(from.shape(), spec.shape())) {
                return s.var(name, Nd4j.create(from.data().clone(), from.shape(), 'c'));
            }
            if (from != null && isLinear(name)) {
                // A block transform grown into a lapped one: its weights in the centre tap, zero reach.
                return s.var(name, centred(Nd4j.create(from.data().clone(), from.shape(), 'c'), spec.shape()));
            }
            if (!start.isEmpty() && LAST_OF_RESIDUAL_BRANCH.matcher(name).matches()) {
                // A block the warm start lacks joins as the identity: step 0 is still the started-from layer.
                return s.var(name, Nd4j.zeros(DataType.FLOAT, spec.shape()));
            }
            return s.var(name, switch (name) {
                case "ref.gain", "ref.igain" -> initialGains(rc, name.equals("ref.igain"));
                case "ref.lin.a.w" -> centred(linear(basis, rc.channels(), false), spec.shape());
                case "ref.lin.s.w" -> centred(linear(basis, rc.channels(), true), spec.shape());
                case "ref.scale.b.b" -> Nd4j.valueArrayOf(spec.shape(), INITIAL_LOG_SCALE, DataType.FLOAT);
                default -> VqVaeTrainer.initial(init, spec);
            });
        });
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 3, -1, -1);
        SDVariable noise = sd.placeHolder("noise", DataType.FLOAT, -1, rc.channels(), -1, -1);
        SDVariable level = sd.placeHolder("level", DataType.FLOAT, 1, rc.levels());
        SDVariable lambda = sd.placeHolder("lambda", DataType.FLOAT);
        VqVaeGraph vq = graph.base();
        SDVariable codes;
        SDVariable baseImage;
        if (wholeImageBase) {
            codes = vq.lookup(sd.placeHolder("indices", DataType.INT64, -1, -1, -1));
            baseImage = sd.placeHolder("base", DataType.FLOAT, -1, 3, -1, -1);
        } else {
            codes = stopGradient(sd, vq.quantize(vq.encode(x)).latents());
            baseImage = graph.baseImage(codes);
        }
        SDVariable y = graph.analyse(x, baseImage, codes);
        SDVariable gain = graph.gain(level);
        SDVariable inverseGain = graph.inverseGain(level);
        SDVariable gained = y.mul(gain);
        SDVariable hidden = graph.entropyHidden(codes);
        SDVariable logScale;
        SDVariable mean; // of the gained latent
        if (rc.context()) {
            // Two passes over a checkerboard, as the coder runs them: the first pass's cells are quantised around
            // the means the code vectors predict; the second pass also sees them, dequantised, as its context.
            SDVariable firstPass = sd.placeHolder("firstPass", DataType.FLOAT, 1, 1, -1, -1);
            SDVariable secondPass = sd.math().neg(firstPass).add(1.0);
            boolean sliced = rc.sliceCount() > 1;
            SDVariable[] inSlice = sliced ? graph.sliceMasks() : null;
            // Within a cell the slices come one after the other, each one's hidden layer also seeing the cell's
            // earlier slices, decoded around their own means.
            SDVariable anchorMean = sliced ? slicedMeans(sd, graph, hidden, gained, gain, inverseGain, inSlice, false)[1]
                    : graph.mean(hidden).mul(gain);
            SDVariable anchors = roundedAround(sd, gained, anchorMean).mul(inverseGain).mul(firstPass);
            SDVariable contextual = graph.withContext(hidden, anchors, secondPass);
            if (sliced) {
                // Equal to the anchors' own terms on the first pass's cells, where the context adds zero.
                SDVariable[] both = slicedMeans(sd, graph, contextual, gained, gain, inverseGain, inSlice, true);
                logScale = both[0];
                mean = both[1];
            } else {
                logScale = graph.logScale(contextual);
                mean = graph.mean(contextual).mul(gain);
            }
        } else {
            logScale = graph.logScale(hidden);
            mean = null;
        }
        SDVariable centred = mean == null ? gained : gained.sub(mean);
        SDVariable scale = graph.scale(logScale, gain);
        long pixelsPerCell = (long) VqVaeConfig.DOWNSAMPLING * VqVaeConfig.DOWNSAMPLING;
        // bits per pixel of a batch = sum of bits / (cells * 64); mean over elements * channels / 64 is the same
        double perPixel = (double) rc.channels() / pixelsPerCell;
        SDVariable bpp = sd.identity("bpp", graph.bits(centred.add(noise), scale).mean().mul(perPixel));
        sd.identity("latent", y);
        SDVariable rounded = sd.identity("integers", sd.math().floor(centred.add(0.5)));
        sd.identity("bppRounded", graph.bits(rounded, scale).mean().mul(perPixel));
        SDVariable quantised = mean == null ? roundedAround(sd, gained, null) : roundedAround(sd, gained, mean);
        SDVariable xhat = graph.synthesise(baseImage, codes, quantised.mul(inverseGain));
        SDVariable mse = sd.math().square(xhat.sub(x)).mean("mse");
        sd.identity("loss", mse.mul(lambda).add(bpp));
        sd.setLossVariables("loss");
        sd.setTrainingConfig(TrainingConfig.builder()
                .updater(new Adam(learningRate))
                .dataSetFeatureMapping(featureNames(rc, wholeImageBase))
                .markLabelsUnused()
                .build());
        return sd;
    }

    /**
     * The log-scales and the means (at the level's gain) of a sliced entropy model, as the coder walks it: slice 0
     * from {@code hidden}, each later slice from {@code hidden} plus the slice convolution of the cell's earlier
     * slices, quantised around their own means and dequantised. Returns {logScale, mean}, each slice's channels from
     * its own step; the log-scale only when {@code scales} (the first pass's means need none).
     */
    private static SDVariable[] slicedMeans(SameDiff sd, RefineGraph graph, SDVariable hidden, SDVariable gained,
                                            SDVariable gain, SDVariable inverseGain, SDVariable[] inSlice,
                                            boolean scales) {
        SDVariable logScale = null;
        SDVariable mean = null;
        SDVariable decoded = null;
        for (int k = 0; k < inSlice.length; k++) {
            SDVariable h = k == 0 ? hidden : graph.withEarlierSlices(hidden, decoded);
            SDVariable m = graph.mean(h).mul(gain);
            if (scales) {
                SDVariable s = graph.logScale(h).mul(inSlice[k]);
                logScale = logScale == null ? s : logScale.add(s);
            }
            mean = mean == null ? m.mul(inSlice[k]) : mean.add(m.mul(inSlice[k]));
            if (k + 1 < inSlice.length) {
                SDVariable own = roundedAround(sd, gained, m).mul(inverseGain).mul(inSlice[k]);
                decoded = decoded == null ? own : decoded.add(own);
            }
        }
        return new SDVariable[] {logScale, mean};
    }

    /** The placeholders a batch fills, in {@link Task#batch}'s order. */
    private static String[] featureNames(RefineConfig rc, boolean wholeImageBase) {
        List<String> names = new ArrayList<>(List.of("x", "noise", "level", "lambda"));
        if (rc.context()) {
            names.add("firstPass");
        }
        if (wholeImageBase) {
            names.addAll(List.of("indices", "base"));
        }
        return names.toArray(String[]::new);
    }

    /** State key: where a run's base layer comes from ({@link #WHOLE_IMAGE}; absent: from each crop). */
    static final String BASE_SOURCE = "baseSource";
    static final String WHOLE_IMAGE = "whole-image";

    /**
     * {@code round(v - mean) + mean} with a straight-through gradient: the value the decoder sees (mean null: zero).
     */
    private static SDVariable roundedAround(SameDiff sd, SDVariable v, SDVariable mean) {
        SDVariable centred = mean == null ? v : v.sub(mean);
        SDVariable q = centred.add(stopGradient(sd, sd.math().floor(centred.add(0.5)).sub(centred)));
        return mean == null ? q : q.add(mean);
    }

    /** 1 on the checkerboard's first-pass cells ({@code (row + col)} even), 0 on the others, {@code [1,1,g,g]}. */
    static INDArray firstPass(int rows, int cols) {
        float[] m = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                m[r * cols + c] = (r + c) % 2 == 0 ? 1f : 0f;
            }
        }
        return Nd4j.create(m, new long[] {1, 1, rows, cols}, 'c');
    }

    /** Scales start near the size of a residual's DCT coefficient (e^-3 = 0.05 in [0, 1] pixel units). */
    private static final double INITIAL_LOG_SCALE = -3.0;

    /** Whether {@code name} is one of the linear transforms' kernels (a block transform grows into a lapped one). */
    private static boolean isLinear(String name) {
        return name.equals("ref.lin.a.w") || name.equals("ref.lin.s.w");
    }

    /** A 1x1 kernel {@code [1,1,I,O]} as the centre tap of a {@code [k,k,I,O]} one, zero elsewhere. */
    private static INDArray centred(INDArray oneByOne, long[] shape) {
        if (oneByOne.size(0) != 1 || oneByOne.size(1) != 1 || oneByOne.size(2) != shape[2]
                || oneByOne.size(3) != shape[3]) {
            throw new IllegalArgumentException("cannot centre " + Arrays.toString(oneByOne.shape()) + " in "
                    + Arrays.toString(shape));
        }
        if (shape[0] == 1) {
            return oneByOne;
        }
        INDArray out = Nd4j.zeros(DataType.FLOAT, shape);
        int k = (int) shape[0] / 2;
        out.get(NDArrayIndex.point(k), NDArrayIndex.point(k), NDArrayIndex.all(), NDArrayIndex.all())
                .assign(oneByOne.reshape(shape[2], shape[3]));
        return out;
    }

    /** The first {@code channels} columns of the orthonormal basis (analysis), or their transpose (synthesis). */
    private static INDArray linear(float[] basis, int channels, boolean transpose) {
        int n = RefineConfig.CELL_VALUES;
        float[] w = new float[n * channels];
        for (int row = 0; row < n; row++) {
            for (int col = 0; col < channels; col++) {
                float v = basis[row * n + col];
                w[transpose ? col * n + row : row * channels + col] = v;
            }
        }
        return Nd4j.create(w, transpose ? new long[] {1, 1, channels, n} : new long[] {1, 1, n, channels}, 'c');
    }

    /**
     * Gains start apart by the square root of the lambdas' ratio, the step size a uniform quantiser would take for
     * MSE at those trade-offs, so the levels begin at distinct rates and only fine-tune their spacing; the top level
     * starts at gain 3 (a quantiser step of 1/3 on orthonormal DCT coefficients of [0, 1] pixels: about 1 bit per
     * pixel on held-out photographs).
     */
    private static INDArray initialGains(RefineConfig rc, boolean inverse) {
        double[] l = rc.lambdas();
        float[] v = new float[rc.levels() * rc.channels()];
        for (int i = 0; i < rc.levels(); i++) {
            double logGain = Math.log(3) + 0.5 * Math.log(l[i] / l[l.length - 1]);
            for (int c = 0; c < rc.channels(); c++) {
                v[i * rc.channels() + c] = (float) (inverse ? -logGain : logGain);
            }
        }
        return Nd4j.create(v, new long[] {rc.levels(), rc.channels()}, 'c');
    }

    /** The layer's tensors, in the architecture's order, as a bundle. */
    static RefineBundle export(SameDiff sd, VqVaeConfig vc, RefineConfig rc) {
        List<Tensor> tensors = new ArrayList<>();
        for (VqVaeGraph.ParamSpec spec : RefineGraph.parameterSpecs(vc, rc)) {
            INDArray arr = sd.getVariable(spec.name()).getArr();
            tensors.add(new Tensor(spec.name(), spec.shape(), arr.dup('c').data().asFloat()));
        }
        return RefineBundle.of(rc, tensors, "");
    }

    /** Whether {@code runDir} holds a refinement run's checkpoint (rather than a VQ-VAE's). */
    public static boolean isRefineRun(Path runDir) throws IOException {
        Path state = runDir.resolve(STATE);
        return Files.exists(state) && Checkpoints.readState(runDir, STATE).getProperty("config", "")
                .contains("refine.channels");
    }

    /** The latest checkpoint of a run directory as a layer file (for a look while training goes on). */
    public static RefineBundle exportCheckpoint(Path runDir, ModelBundle base) throws IOException {
        Properties state = Checkpoints.readState(runDir, STATE);
        RefineConfig rc = RefineConfig.parse(ModelTask.configOf(state));
        SameDiff sd = TrainingLoop.load(runDir.resolve(CHECKPOINT), false);
        return export(sd, base.config(), rc);
    }

    private static List<LevelResult> validate(SameDiff sd, Map<String, INDArray> inputs, RefineConfig rc) {
        List<LevelResult> results = new ArrayList<>();
        INDArray batch = inputs.get("x");
        int g = (int) batch.size(2) / VqVaeConfig.DOWNSAMPLING;
        INDArray zeros = Nd4j.zeros(DataType.FLOAT, batch.size(0), rc.channels(), g, g);
        for (int l = 0; l < rc.levels(); l++) {
            Map<String, INDArray> in = new java.util.HashMap<>(inputs);
            in.putAll(Map.of("noise", zeros, "level", oneHot(l, rc.levels()),
                    "lambda", Nd4j.scalar(DataType.FLOAT, 1f)));
            if (rc.context()) {
                in.put("firstPass", firstPass(g, g));
            }
            Map<String, INDArray> o = sd.output(in, "mse", "bppRounded");
            results.add(new LevelResult(l + 1, o.get("bppRounded").getDouble(0),
                    VqVaeTrainer.psnr(o.get("mse").getDouble(0))));
        }
        return results;
    }

    private static String format(List<LevelResult> results) {
        StringBuilder s = new StringBuilder();
        for (LevelResult r : results) {
            s.append(String.format(Locale.ROOT, " L%d %.3f bpp %.2f dB", r.level(), r.bitsPerPixel(), r.psnr()));
        }
        return s.toString().trim();
    }

    private static INDArray oneHot(int level, int levels) {
        INDArray v = Nd4j.zeros(DataType.FLOAT, 1, levels);
        v.putScalar(0, level, 1f);
        return v;
    }

    private static SDVariable stopGradient(SameDiff sd, SDVariable x) {
        return new StopGradient(sd, x).outputVariable();
    }
}

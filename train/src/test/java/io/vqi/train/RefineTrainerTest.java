package io.vqi.train;

import io.vqi.model.IndexGrid;
import io.vqi.model.ModelBundle;
import io.vqi.model.RefineBundle;
import io.vqi.model.RefineConfig;
import io.vqi.model.TestModels;
import io.vqi.model.Tensor;
import io.vqi.model.VqVaeConfig;
import io.vqi.prior.PriorConfig;
import io.vqi.refine.RefineCoder;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Smoke runs of the refinement trainer on a random tiny base and a few small crops (no real training in CI). */
class RefineTrainerTest {

    static final ModelBundle BASE = TestModels.randomWithPrior(VqVaeConfig.tiny(),
            PriorConfig.tiny(VqVaeConfig.tiny().codebookSize()), 31);

    private static TrainOptions options(Path data, Path out, RefineConfig config, long steps,
                                        boolean resume, LearningRate lr, Path init) {
        return options(data, out, config, steps, resume, lr, init, true);
    }

    private static TrainOptions options(Path data, Path out, RefineConfig config, long steps,
                                        boolean resume, LearningRate lr, Path init, boolean wholeImageBase) {
        return TrainOptions.builder(new TrainOptions.Refine(out.resolveSibling(out.getFileName() + ".vqm"), config,
                        wholeImageBase))
                .data(List.of(data)).out(out).batch(2).crop(32).downscale(1).minutes(5).steps(steps).resume(resume)
                .seed(3).learningRate(lr).logEvery(4).checkpointMinutes(100).validationImages(1).init(init).build();
    }

    @Test
    void contextLayerTrainsResumesExportsAndCodes(@TempDir Path tmp) throws Exception {
        Path data = VqVaeTrainerTest.imageFolder(tmp, 4);
        BASE.write(tmp.resolve("run.vqm"));
        ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
        RefineConfig config = RefineConfig.tiny(BASE.sha256Hex());
        assertTrue(config.context());

        RefineTrainer.Summary first = new RefineTrainer(options(data, tmp.resolve("run"), config, 6, false,
                LearningRate.constant(1e-3), null), log).run();
        assertEquals(6, first.steps());
        RefineTrainer.Summary more = new RefineTrainer(options(data, tmp.resolve("run"), config, 8, true,
                LearningRate.constant(1e-3), null), log).run();
        assertEquals(8, more.steps());
        assertTrue(logBytes.toString(StandardCharsets.UTF_8).contains("resumed"));
        assertTrue(logBytes.toString(StandardCharsets.UTF_8).contains("base layer of"), "the base is cropped from "
                + "whole images by default");

        RefineBundle layer = RefineBundle.read(more.model());
        assertTrue(layer.config().context());
        assertTrue(layer.tensorMap().containsKey("ref.ctx.w") && layer.tensorMap().containsKey("ref.mean.w"));
        RefineCoder coder = new RefineCoder(layer, BASE); // the exported tensors fit the pure-Java coder
        assertEquals(config.levels(), coder.levels());
    }

    /** Native-resolution images join the training set (not the held-out one) and the base cache covers them. */
    @Test
    void nativeResolutionImagesTrainAlongTheDownscaledOnes(@TempDir Path tmp) throws Exception {
        Path data = VqVaeTrainerTest.imageFolder(tmp.resolve("small"), 3);
        Path large = VqVaeTrainerTest.imageFolder(tmp.resolve("large"), 1);
        BASE.write(tmp.resolve("run.vqm"));
        ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
        RefineConfig config = RefineConfig.tiny(BASE.sha256Hex());
        TrainOptions options = TrainOptions.builder(new TrainOptions.Refine(tmp.resolve("run.vqm"), config, true))
                .data(List.of(data)).nativeData(List.of(large)).out(tmp.resolve("run")).batch(2).crop(32)
                .downscale(1).minutes(5).steps(3).seed(3).learningRate(LearningRate.constant(1e-3)).logEvery(4)
                .checkpointMinutes(100).validationImages(1).build();
        assertEquals(3, new RefineTrainer(options, log).run().steps());
        assertTrue(logBytes.toString(StandardCharsets.UTF_8).contains(
                "data: 3 training images (1 of them at native resolution, half of each batch), 1 held out"),
                logBytes.toString(StandardCharsets.UTF_8));
    }

    /**
     * What training optimises is what the coder codes: the training graph's integers (checkerboard, slices, means)
     * are the pure-Java coder's for the same latent and grid, up to float rounding at a few half-way points.
     */
    @Test
    void theTrainingGraphQuantisesAsTheCoderDoes() {
        for (int[] slices : new int[][] {{}, {1}, {1, 2}}) {
            RefineBundle layer = sensitive(TestModels.randomRefine(BASE, 11, true, slices));
            RefineConfig rc = layer.config();
            SameDiff sd = RefineTrainer.buildGraph(BASE, rc, layer.tensorMap(), 1, 1e-3);
            int side = 64;
            int g = side / VqVaeConfig.DOWNSAMPLING;
            RefineCoder coder = new RefineCoder(layer, BASE);
            for (int level = 0; level < rc.levels(); level++) {
                Map<String, INDArray> out = sd.output(feed(rc, side, 12, level), "latent", "indices", "integers");
                long[] flat = out.get("indices").dup().data().asLong();
                int[] idx = new int[flat.length];
                for (int i = 0; i < idx.length; i++) {
                    idx[i] = (int) flat[i];
                }
                IndexGrid grid = new IndexGrid(g, g, BASE.config().codebookSize(), idx);
                int[] java = coder.quantise(out.get("latent").dup('c').data().asFloat(), grid, level + 1);
                float[] graph = out.get("integers").dup('c').data().asFloat();
                int same = 0;
                for (int i = 0; i < java.length; i++) {
                    same += java[i] == (int) graph[i] ? 1 : 0;
                }
                int nonZero = 0;
                for (int v : java) {
                    nonZero += v != 0 ? 1 : 0;
                }
                assertTrue(nonZero > java.length / 2, "a fixture of mostly zeros would test little: " + nonZero);
                int agreed = same;
                int l = level;
                assertTrue(agreed >= java.length * 0.99, () -> "slices " + Arrays.toString(slices) + " level " + l + ": " + agreed
                        + " of " + java.length + " integers agree");
            }
        }
    }

    /** Large gains and context weights, so that most integers are not zero and every context moves them. */
    private static RefineBundle sensitive(RefineBundle layer) {
        List<Tensor> tensors = new java.util.ArrayList<>();
        for (Tensor t : layer.tensors()) {
            float[] v = t.data().clone();
            for (int i = 0; i < v.length; i++) {
                v[i] = switch (t.name()) {
                    case "ref.gain" -> v[i] + 3f;
                    case "ref.igain" -> v[i] - 3f;
                    case "ref.chan.w", "ref.ctx.w", "ref.mean.w" -> v[i] * 10f;
                    default -> v[i];
                };
            }
            tensors.add(new Tensor(t.name(), t.shape(), v));
        }
        return RefineBundle.of(layer.config(), tensors, "");
    }

    /**
     * A new run from a trained layer without the context (the first shipped kind) starts where that layer is: its
     * tensors are copied, the context and mean start at zero, and the gains are re-placed at the new lambdas.
     */
    @Test
    void aRunFromAFirstKindLayerStartsFromItsWeights(@TempDir Path tmp) throws Exception {
        Path data = VqVaeTrainerTest.imageFolder(tmp, 3);
        BASE.write(tmp.resolve("run.vqm"));
        RefineBundle old = TestModels.randomRefine(BASE, 7, false);
        Path oldFile = tmp.resolve("old.vqr");
        old.write(oldFile);
        RefineConfig config = RefineConfig.tiny(BASE.sha256Hex());
        PrintStream log = new PrintStream(new ByteArrayOutputStream());
        RefineTrainer.Summary s = new RefineTrainer(options(data, tmp.resolve("run"), config, 1, false,
                new LearningRate(1e-9, 1e-9, 0), oldFile, false), log).run();
        RefineBundle started = RefineBundle.read(s.model());
        for (Tensor t : old.tensors()) {
            float[] a = t.data();
            float[] b = started.tensorMap().get(t.name()).data();
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], Math.abs(a[i]) * 1e-3 + 1e-5, t.name() + "[" + i + "]");
            }
        }
        for (float v : started.tensorMap().get("ref.ctx.w").data()) {
            assertEquals(0f, v, 1e-5f);
        }
    }

    /**
     * Growing a layer (a residual block more in both branches, a slice more per cell) starts exactly where the layer it
     * grows from is: the new blocks' last convolutions and the new slice rows at zero, so the training graph's
     * integers, rate and distortion at step 0 are that layer's, bit for bit. (The fourth shipped layer was grown so.)
     */
    @Test
    void aGrownLayerStartsAsTheLayerItGrewFrom() {
        RefineBundle start = sensitive(TestModels.randomRefine(BASE, 13, true, 1, 2)); // 9 channels
        RefineConfig rc = start.config();
        RefineConfig oneCut = new RefineConfig(rc.channels(), rc.a1(), rc.a2(), rc.a3(), rc.blocks(), 1,
                rc.scaleHidden(), true, new int[] {1}, rc.lambdas(), rc.baseSha256());
        RefineConfig grown = new RefineConfig(rc.channels(), rc.a1(), rc.a2(), rc.a3(), rc.blocks() + 1, 1,
                rc.scaleHidden(), true, new int[] {1, 2}, rc.lambdas(), rc.baseSha256());
        Map<String, Tensor> tensors = new java.util.HashMap<>(start.tensorMap());
        float[] chan = tensors.get("ref.chan.w").data().clone();
        int hidden = rc.scaleHidden();
        for (int c = 0; c < rc.channels(); c++) {
            if (oneCut.slice(c) > 0) {
                Arrays.fill(chan, c * hidden, (c + 1) * hidden, 0f); // rows a one-cut layer never reads, never trains
            }
        }
        tensors.put("ref.chan.w", new Tensor("ref.chan.w", tensors.get("ref.chan.w").shape(), chan));
        SameDiff before = RefineTrainer.buildGraph(BASE, oneCut, tensors, 1, 1e-3);
        SameDiff after = RefineTrainer.buildGraph(BASE, grown, tensors, 1, 1e-3);
        assertTrue(after.hasVariable("ref.res" + rc.blocks() + ".b.w"), "the grown graph has the new block");
        for (int level = 0; level < rc.levels(); level++) {
            Map<String, INDArray> in = feed(rc, 32, 14, level);
            Map<String, INDArray> a = before.output(in, "integers", "bppRounded", "mse");
            Map<String, INDArray> b = after.output(in, "integers", "bppRounded", "mse");
            for (String name : a.keySet()) {
                assertEquals(a.get(name), b.get(name), name + " at level " + level);
            }
        }
    }

    /**
     * A block transform grown into a lapped one ({@code --linear-kernel 3}) starts as the layer it grew from: its
     * weights in the centre tap, zeros around, so step 0's integers, rate and distortion are the old layer's (up to
     * the convolution's summation order, hence equality within ND4J's tolerance).
     */
    @Test
    void aLappedLayerGrownFromABlockTransformStartsAsIt() {
        RefineBundle start = sensitive(TestModels.randomRefine(BASE, 17, true, 1)); // 6 channels
        RefineConfig rc = start.config();
        RefineConfig lapped = new RefineConfig(rc.channels(), rc.a1(), rc.a2(), rc.a3(), rc.blocks(), 3,
                rc.scaleHidden(), true, rc.slices(), rc.lambdas(), rc.baseSha256());
        SameDiff before = RefineTrainer.buildGraph(BASE, rc, start.tensorMap(), 1, 1e-3);
        SameDiff after = RefineTrainer.buildGraph(BASE, lapped, start.tensorMap(), 1, 1e-3);
        assertArrayEquals(new long[] {3, 3, RefineConfig.CELL_VALUES, rc.channels()},
                after.getVariable("ref.lin.a.w").getArr().shape());
        assertArrayEquals(new long[] {3, 3, rc.channels(), RefineConfig.CELL_VALUES},
                after.getVariable("ref.lin.s.w").getArr().shape());
        for (int level = 0; level < rc.levels(); level++) {
            Map<String, INDArray> in = feed(rc, 32, 21, level);
            Map<String, INDArray> a = before.output(in, "integers", "bppRounded", "mse");
            Map<String, INDArray> b = after.output(in, "integers", "bppRounded", "mse");
            for (String name : a.keySet()) {
                assertEquals(a.get(name), b.get(name), name + " at level " + level);
            }
        }
    }

    /** The training graph's inputs for one seeded random image of {@code side} pixels at {@code level}, no noise. */
    private static Map<String, INDArray> feed(RefineConfig rc, int side, long seed, int level) {
        int g = side / VqVaeConfig.DOWNSAMPLING;
        Random rnd = new Random(seed);
        float[] pixels = new float[3 * side * side];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = rnd.nextFloat();
        }
        INDArray oneHot = Nd4j.zeros(DataType.FLOAT, 1, rc.levels());
        oneHot.putScalar(0, level, 1f);
        return Map.of(
                "x", Nd4j.create(pixels, new long[] {1, 3, side, side}, 'c'),
                "noise", Nd4j.zeros(DataType.FLOAT, 1, rc.channels(), g, g),
                "level", oneHot,
                "lambda", Nd4j.scalar(DataType.FLOAT, 1f),
                "firstPass", RefineTrainer.firstPass(g, g));
    }
}

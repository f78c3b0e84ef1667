package io.vqi.train;

import io.vqi.model.ModelBundle;
import io.vqi.model.VqVaeConfig;
import io.vqi.prior.PixelCnnPrior;
import io.vqi.prior.PriorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PriorTrainerTest {

    /** The smoke runs' options: 4 grid crops of 4 indices, 5 minutes, seed 7, a line every 10 steps. */
    private static TrainOptions.Builder options(Path vqModel, PriorConfig config, Path data, Path out) {
        return TrainOptions.builder(new TrainOptions.Prior(vqModel, config)).data(List.of(data)).out(out)
                .batch(4).crop(4).minutes(5).seed(7).learningRate(LearningRate.constant(3e-3)).logEvery(10)
                .checkpointMinutes(100).validationImages(1);
    }

    @Test
    void smokeRunExportsACombinedModelAndResumes(@TempDir Path tmp) throws Exception {
        Path data = VqVaeTrainerTest.imageFolder(tmp, 5);
        PrintStream log = new PrintStream(new ByteArrayOutputStream());
        TrainOptions vqOptions = VqVaeTrainerTest.builder(VqVaeConfig.tiny(), false, data, tmp.resolve("vq"))
                .steps(20).validationImages(1).build();
        Path vqModel = new VqVaeTrainer(vqOptions, log).run().model();

        PriorConfig config = PriorConfig.tiny(VqVaeConfig.tiny().codebookSize());
        TrainOptions options = options(vqModel, config, data, tmp.resolve("prior")).steps(30).resume(true).build();
        PriorTrainer.Summary summary = new PriorTrainer(options, log).run();
        assertEquals(30, summary.steps());
        assertTrue(summary.valBitsPerIndex() < 4.5, "bits/index " + summary.valBitsPerIndex()); // log2(16) = 4

        ModelBundle combined = ModelBundle.read(summary.model());
        ModelBundle vq = ModelBundle.read(vqModel);
        assertTrue(combined.hasPrior());
        assertEquals(config, combined.prior());
        assertNotEquals(vq.modelId(), combined.modelId(), "a prior is part of the model's identity");
        new PixelCnnPrior(combined.prior(), combined.tensorMap()); // loads

        TrainOptions more = options(vqModel, config, data, tmp.resolve("prior")).steps(35).resume(true)
                .learningRate(new LearningRate(3e-3, 1e-3)).build();
        assertEquals(35, new PriorTrainer(more, log).run().steps());

        // A new run from the combined model's prior: one step at a negligible rate keeps its weights.
        TrainOptions fromModel = options(vqModel, config, data, tmp.resolve("again")).steps(1)
                .learningRate(LearningRate.constant(1e-9)).init(summary.model()).build();
        ModelBundle again = ModelBundle.read(new PriorTrainer(fromModel, log).run().model());
        ModelBundle before = ModelBundle.read(summary.model());
        for (var e : before.tensorMap().entrySet()) {
            if (e.getKey().startsWith("prior.")) {
                float[] a = e.getValue().data();
                float[] b = again.tensorMap().get(e.getKey()).data();
                for (int i = 0; i < a.length; i++) {
                    assertEquals(a[i], b[i], Math.abs(a[i]) * 1e-3 + 1e-6, e.getKey() + "[" + i + "]");
                }
            }
        }

        // The prior moves to a VQ-VAE with the same encoder and codebook, and to no other.
        assertEquals(combined.sha256Hex(), PriorJoin.attach(vq, combined).sha256Hex());
        java.util.List<io.vqi.model.Tensor> changed = new java.util.ArrayList<>();
        for (io.vqi.model.Tensor t : vq.tensors()) {
            float[] d = t.data().clone();
            if (t.name().equals("codebook")) {
                d[0] += 0.5f;
            }
            changed.add(new io.vqi.model.Tensor(t.name(), t.shape(), d));
        }
        ModelBundle otherCodebook = ModelBundle.of(vq.config(), changed, "");
        assertThrows(IllegalArgumentException.class, () -> PriorJoin.attach(otherCodebook, combined));
        assertThrows(IllegalArgumentException.class, () -> PriorJoin.attach(vq, vq));

        // Regression: a decoder grown on the frozen encoder (another decoder architecture) keeps the prior.
        VqVaeConfig t = vq.config();
        VqVaeConfig grownConfig = new VqVaeConfig(t.name(), t.c1(), t.c2(), t.c3(), t.latentDim(), t.codebookSize(),
                t.encoderBlocks(), t.decoderBlocks() + 1, 1);
        java.util.List<io.vqi.model.Tensor> grownTensors = new java.util.ArrayList<>();
        for (io.vqi.network.VqVaeGraph.ParamSpec spec : io.vqi.network.VqVaeGraph.parameterSpecs(grownConfig)) {
            io.vqi.model.Tensor known = vq.tensorMap().get(spec.name());
            long n = java.util.Arrays.stream(spec.shape()).reduce(1, (a, b) -> a * b);
            grownTensors.add(known != null ? known
                    : new io.vqi.model.Tensor(spec.name(), spec.shape(), new float[(int) n]));
        }
        ModelBundle grown = PriorJoin.attach(ModelBundle.of(grownConfig, grownTensors, ""), combined);
        assertEquals(grownConfig, grown.config());
        assertEquals(combined.prior(), grown.prior());

        TrainOptions wrongShape = options(vqModel, new PriorConfig(config.alphabet(), config.embedDim() * 2,
                config.channels(), config.layers(), config.kernelA()), data, tmp.resolve("wrong")).steps(1)
                .learningRate(LearningRate.constant(1e-3)).init(summary.model()).build();
        assertThrows(IllegalArgumentException.class, () -> new PriorTrainer(wrongShape, log).run());
    }
}

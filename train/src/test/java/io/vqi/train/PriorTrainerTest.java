package io.vqi.train;

import io.vqi.model.ModelBundle;
import io.vqi.model.VqVaeConfig;
import io.vqi.prior.PixelCnnPrior;
import io.vqi.prior.PriorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PriorTrainerTest {

    @Test
    void smokeRunExportsACombinedModelAndResumes(@TempDir Path tmp) throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        VqVaeTrainerTest.writeImages(data, 5);
        PrintStream log = new PrintStream(new ByteArrayOutputStream());
        TrainOptions vqOptions = new TrainOptions(List.of(data), tmp.resolve("vq"), VqVaeConfig.tiny(), 4, 32, 1, 5,
                20, false, 3, LearningRate.constant(3e-3), 10, 100, 1, false, null);
        Path vqModel = new VqVaeTrainer(vqOptions, log).run().model();

        PriorConfig config = PriorConfig.tiny(VqVaeConfig.tiny().codebookSize());
        PriorTrainer.Options options = new PriorTrainer.Options(vqModel, List.of(data), tmp.resolve("prior"), config,
                4, 4, 5, 30, true, 7, LearningRate.constant(3e-3), 10, 100, 1, null);
        PriorTrainer.Summary summary = new PriorTrainer(options, log).run();
        assertEquals(30, summary.steps());
        assertTrue(summary.valBitsPerIndex() < 4.5, "bits/index " + summary.valBitsPerIndex()); // log2(16) = 4

        ModelBundle combined = ModelBundle.read(summary.model());
        ModelBundle vq = ModelBundle.read(vqModel);
        assertTrue(combined.hasPrior());
        assertEquals(config, combined.prior());
        assertNotEquals(vq.modelId(), combined.modelId(), "a prior is part of the model's identity");
        new PixelCnnPrior(combined.prior(), combined.tensorMap()); // loads

        PriorTrainer.Options more = new PriorTrainer.Options(vqModel, List.of(data), tmp.resolve("prior"), config,
                4, 4, 5, 35, true, 7, new LearningRate(3e-3, 1e-3), 10, 100, 1, null);
        assertEquals(35, new PriorTrainer(more, log).run().steps());

        // A new run from the combined model's prior: one step at a negligible rate keeps its weights.
        PriorTrainer.Options fromModel = new PriorTrainer.Options(vqModel, List.of(data), tmp.resolve("again"),
                config, 4, 4, 5, 1, false, 7, LearningRate.constant(1e-9), 10, 100, 1, summary.model());
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
        assertEquals(combined.sha256Hex(), PriorTrainer.attach(vq, combined).sha256Hex());
        java.util.List<io.vqi.model.Tensor> changed = new java.util.ArrayList<>();
        for (io.vqi.model.Tensor t : vq.tensors()) {
            float[] d = t.data().clone();
            if (t.name().equals("codebook")) {
                d[0] += 0.5f;
            }
            changed.add(new io.vqi.model.Tensor(t.name(), t.shape(), d));
        }
        ModelBundle otherCodebook = ModelBundle.of(vq.config(), changed, "");
        assertThrows(IllegalArgumentException.class, () -> PriorTrainer.attach(otherCodebook, combined));
        assertThrows(IllegalArgumentException.class, () -> PriorTrainer.attach(vq, vq));

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
        ModelBundle grown = PriorTrainer.attach(ModelBundle.of(grownConfig, grownTensors, ""), combined);
        assertEquals(grownConfig, grown.config());
        assertEquals(combined.prior(), grown.prior());

        PriorTrainer.Options wrongShape = new PriorTrainer.Options(vqModel, List.of(data), tmp.resolve("wrong"),
                new PriorConfig(config.alphabet(), config.embedDim() * 2, config.channels(), config.layers(),
                        config.kernelA()), 4, 4, 5, 1, false, 7, LearningRate.constant(1e-3), 10, 100, 1,
                summary.model());
        assertThrows(IllegalArgumentException.class, () -> new PriorTrainer(wrongShape, log).run());
    }
}

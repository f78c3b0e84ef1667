package io.vqi.train;

import io.vqi.model.IndexGrid;
import io.vqi.model.ModelBundle;
import io.vqi.model.VqVaeConfig;
import io.vqi.network.VqVaeGraph;
import io.vqi.network.VqVaeModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Smoke runs on tiny synthetic crops: the full pipeline in seconds, no shared data needed. */
class VqVaeTrainerTest {

    /** Smooth colourful images: easy enough that a tiny model's reconstruction improves within a few steps. */
    /** A new folder {@code tmp/data} with {@code count} training images in it. */
    static Path imageFolder(Path tmp, int count) throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        writeImages(data, count);
        return data;
    }

    static List<Path> writeImages(Path dir, int count) throws Exception {
        List<Path> files = new ArrayList<>();
        Random r = new Random(11);
        for (int i = 0; i < count; i++) {
            java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(48, 48,
                    java.awt.image.BufferedImage.TYPE_INT_RGB);
            double fx = r.nextDouble() * 0.2, fy = r.nextDouble() * 0.2, ph = r.nextDouble() * 6;
            for (int y = 0; y < 48; y++) {
                for (int x = 0; x < 48; x++) {
                    int red = (int) (127 + 120 * Math.sin(fx * x + ph));
                    int green = (int) (127 + 120 * Math.cos(fy * y + ph));
                    int blue = (x * 5 + y * 3 + i * 40) & 0xff;
                    img.setRGB(x, y, (red << 16) | (green << 8) | blue);
                }
            }
            Path f = dir.resolve("img" + i + ".png");
            javax.imageio.ImageIO.write(img, "png", f.toFile());
            files.add(f);
        }
        return files;
    }

    private static TrainOptions options(Path data, Path out, long steps, boolean resume) {
        return builder(VqVaeConfig.tiny(), false, data, out).steps(steps).resume(resume).build();
    }

    /** The smoke runs' options: 4 crops of 32 pixels, 5 minutes, seed 3, a progress line every 10 steps. */
    static TrainOptions.Builder builder(VqVaeConfig config, boolean freezeEncoder, Path data, Path out) {
        return TrainOptions.builder(new TrainOptions.VqVae(config, freezeEncoder)).data(List.of(data)).out(out)
                .batch(4).crop(32).downscale(1).minutes(5).seed(3).learningRate(LearningRate.constant(3e-3))
                .logEvery(10).checkpointMinutes(100).validationImages(2);
    }

    @Test
    void lossFallsAndTheRunResumes(@TempDir Path tmp) throws Exception {
        Path data = imageFolder(tmp, 6);
        Path out = tmp.resolve("run");
        PrintStream log = new PrintStream(new ByteArrayOutputStream());

        VqVaeTrainer.Summary first = new VqVaeTrainer(options(data, out, 60, true), log).run();
        assertEquals(60, first.steps());
        assertTrue(first.lastMse() < first.firstMse() * 0.7,
                "mse should fall: " + first.firstMse() + " -> " + first.lastMse());
        ModelBundle model = ModelBundle.read(first.model());
        assertEquals(VqVaeConfig.tiny(), model.config());

        VqVaeTrainer.Summary resumed = new VqVaeTrainer(options(data, out, 70, true), log).run();
        assertEquals(70, resumed.steps(), "resume continues the step count");
    }

    @Test
    void aNewRunCanStartFromAModelFile(@TempDir Path tmp) throws Exception {
        Path data = imageFolder(tmp, 4);
        PrintStream log = new PrintStream(new ByteArrayOutputStream());
        Path first = new VqVaeTrainer(options(data, tmp.resolve("a"), 30, false), log).run().model();
        TrainOptions fromModel = builder(VqVaeConfig.tiny(), false, data, tmp.resolve("b")).steps(1)
                .learningRate(LearningRate.constant(1e-9)).init(first).build();
        VqVaeTrainer.Summary s = new VqVaeTrainer(fromModel, log).run();
        ModelBundle a = ModelBundle.read(first);
        ModelBundle b = ModelBundle.read(s.model());
        // One step at a negligible learning rate: the weights are the starting model's, to half precision.
        assertEquals(a.modelId(), b.modelId());
    }

    @Test
    void aFrozenEncoderKeepsEveryGridAndTheDecoderStillLearns(@TempDir Path tmp) throws Exception {
        Path data = imageFolder(tmp, 6);
        Path out = tmp.resolve("run");
        PrintStream log = new PrintStream(new ByteArrayOutputStream());
        ModelBundle before = ModelBundle.read(new VqVaeTrainer(options(data, out, 30, true), log).run().model());

        // Resumed from a checkpoint with Adam state for every tensor, then frozen: the case the updater must handle.
        TrainOptions frozen = builder(VqVaeConfig.tiny(), true, data, out).steps(60).resume(true).build();
        ModelBundle after = ModelBundle.read(new VqVaeTrainer(frozen, log).run().model());
        boolean decoderMoved = false;
        for (var e : before.tensorMap().entrySet()) {
            float[] a = e.getValue().data();
            float[] b = after.tensorMap().get(e.getKey()).data();
            if (VqVaeGraph.isEncoderSide(e.getKey())) {
                assertArrayEquals(a, b, e.getKey() + " must not change");
            } else {
                decoderMoved |= !java.util.Arrays.equals(a, b);
            }
        }
        assertTrue(decoderMoved, "the decoder trains");
    }

    @Test
    void aDecoderGrownFromATrainedModelStartsAsThatModel(@TempDir Path tmp) throws Exception {
        Path data = imageFolder(tmp, 4);
        PrintStream log = new PrintStream(new ByteArrayOutputStream());
        Path small = new VqVaeTrainer(options(data, tmp.resolve("a"), 30, false), log).run().model();
        VqVaeConfig tiny = VqVaeConfig.tiny();
        VqVaeConfig bigger = new VqVaeConfig(tiny.name(), tiny.c1(), tiny.c2(), tiny.c3(), tiny.latentDim(),
                tiny.codebookSize(), tiny.encoderBlocks(), tiny.decoderBlocks() + 1, 1);
        TrainOptions grow = builder(bigger, true, data, tmp.resolve("b")).steps(1)
                .learningRate(LearningRate.constant(1e-9)).init(small).build();
        ModelBundle grown = ModelBundle.read(new VqVaeTrainer(grow, log).run().model());
        assertEquals(bigger, grown.config());

        VqVaeModel before = VqVaeModel.load(ModelBundle.read(small));
        VqVaeModel after = VqVaeModel.load(grown);
        int[] idx = new int[4 * 5];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = (i * 7) % tiny.codebookSize();
        }
        IndexGrid grid = new IndexGrid(4, 5, tiny.codebookSize(), idx);
        assertArrayEquals(before.decode(grid, 40, 32).toRgb(), after.decode(grid, 40, 32).toRgb());
        // Only decoder blocks grow: another encoder is another model, and the model's architecture wins.
        VqVaeConfig otherEncoder = new VqVaeConfig(tiny.name(), tiny.c1(), tiny.c2(), tiny.c3(), tiny.latentDim(),
                tiny.codebookSize(), tiny.encoderBlocks() + 1, tiny.decoderBlocks() + 1, 0);
        assertEquals(tiny, VqVaeTrainer.grownOrSame(tiny, otherEncoder));
    }

    @Test
    void refusesTheBenchmarkSet(@TempDir Path tmp) {
        Path kodak = tmp.resolve("kodak24");
        assertThrows(IllegalArgumentException.class,
                () -> new VqVaeTrainer(options(kodak, tmp.resolve("run"), 1, false),
                        new PrintStream(new ByteArrayOutputStream())).run());
    }
}

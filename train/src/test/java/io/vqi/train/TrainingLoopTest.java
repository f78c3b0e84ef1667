package io.vqi.train;

import io.vqi.model.VqVaeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The loop on a one-weight graph: fast, and it sees exactly what the loop does to a task. */
class TrainingLoopTest {

    /** Fits {@code y = w x} to {@code y = 2x}; records what the loop asked of it. */
    private static final class FakeTask implements TrainingTask<TrainingTask.End> {
        final List<Long> steps = new ArrayList<>();
        final List<Double> rates = new ArrayList<>();
        final long millisPerBatch;
        final double initialRate;
        /** Batches after which the task dies, as a killed process does (after its checkpoint); 0: never. */
        int dieAfter;
        long openedAt = -1;
        SameDiff sd;
        End end;

        FakeTask(long millisPerBatch, TrainOptions options) {
            this.millisPerBatch = millisPerBatch;
            this.initialRate = options.learningRate().initial();
        }

        @Override
        public Layout layout() {
            return new Layout("fake.sd", "fake.properties", "fake state", "fake ");
        }

        @Override
        public SameDiff open(Checkpoint resumed) {
            openedAt = resumed == null ? 0 : resumed.step();
            if (resumed != null) {
                sd = resumed.graph();
                return sd;
            }
            sd = SameDiff.create();
            SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 1);
            SDVariable w = sd.var("w", Nd4j.ones(DataType.FLOAT, 1, 1));
            sd.math().square(x.mul(w).sub(x.mul(2.0))).mean("loss");
            sd.setLossVariables("loss");
            sd.setTrainingConfig(TrainingConfig.builder().updater(new Adam(initialRate)).dataSetFeatureMapping("x")
                    .markLabelsUnused().build());
            return sd;
        }

        @Override
        public MultiDataSet batch(SplittableRandom rnd) {
            if (dieAfter > 0 && rates.size() == dieAfter) {
                throw new IllegalStateException("killed");
            }
            rates.add(((Adam) sd.getTrainingConfig().getUpdater()).getLearningRate());
            if (millisPerBatch > 0) {
                try {
                    Thread.sleep(millisPerBatch);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            INDArray x = Nd4j.create(new float[] {(float) rnd.nextDouble() + 0.5f}, new long[] {1, 1}, 'c');
            return new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {x}, new INDArray[0]);
        }

        @Override
        public void afterStep(SameDiff sd, long step, SplittableRandom rnd) {
            steps.add(step);
        }

        @Override
        public String progress(SameDiff sd, long step, double lr, DoubleSupplier secondsPerStep) {
            return "fake step " + step + " lr " + lr + " " + secondsPerStep.getAsDouble();
        }

        @Override
        public void describe(Properties state) {
            state.setProperty("fake", "yes");
        }

        @Override
        public End finish(SameDiff sd, End end) {
            this.end = end;
            return end;
        }
    }

    private static TrainOptions.Builder options(Path out) {
        // The loop never reads the data: the task does.
        return TrainOptions.builder(new TrainOptions.VqVae(VqVaeConfig.tiny(), false)).data(List.of()).out(out)
                .seed(5).logEvery(2).checkpointMinutes(100).learningRate(LearningRate.constant(1e-2));
    }

    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

    private FakeTask run(TrainOptions options) throws Exception {
        FakeTask task = new FakeTask(0, options);
        new TrainingLoop(options, log).run(task);
        return task;
    }

    private String log() {
        return logBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void runsToTheStepTargetWithALineEveryWindowAndAFinalCheckpoint(@TempDir Path tmp) throws Exception {
        TrainOptions options = options(tmp).steps(6).build();
        FakeTask task = new FakeTask(0, options);
        TrainingTask.End end = new TrainingLoop(options, log).run(task);
        assertEquals(new TrainingTask.End(6, 6, end.seconds()), end);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), task.steps);
        String[] lines = log().split("\\R");
        assertEquals(4, lines.length, log());
        for (int i = 0; i < 3; i++) {
            assertTrue(lines[i].startsWith("fake step " + (2 * i + 2) + " lr 0.01 "), lines[i]);
        }
        assertEquals("fake checkpoint at step 6", lines[3]);
        Properties state = Checkpoints.readState(tmp, "fake.properties");
        assertEquals("6", state.getProperty("step"));
        assertEquals("5", state.getProperty("seed"));
        assertEquals("0.01", state.getProperty("lr"));
        assertEquals("yes", state.getProperty("fake"));
        assertTrue(Files.exists(tmp.resolve("fake.sd")));
    }

    @Test
    void theDeadlineStopsTheRunAndItStillCheckpoints(@TempDir Path tmp) throws Exception {
        TrainOptions options = options(tmp).minutes(0.01).build(); // 0.6 s
        FakeTask task = new FakeTask(20, options);
        long t0 = System.nanoTime();
        TrainingTask.End end = new TrainingLoop(options, log).run(task);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(end.step() < 1000, "stopped by the clock, not the step target: " + end.step());
        assertTrue(seconds < 30, "took " + seconds + " s");
        assertEquals(Long.toString(end.step()), Checkpoints.readState(tmp, "fake.properties").getProperty("step"));
        assertTrue(log().endsWith("fake checkpoint at step " + end.step() + System.lineSeparator()), log());
    }

    @Test
    void aResumedRunContinuesFromTheCheckpointsStep(@TempDir Path tmp) throws Exception {
        run(options(tmp).steps(5).build());
        FakeTask resumed = run(options(tmp).steps(8).resume(true).build());
        TrainingTask.End end = resumed.end;
        assertEquals(5, resumed.openedAt);
        assertEquals(List.of(6L, 7L, 8L), resumed.steps);
        assertEquals(new TrainingTask.End(8, 3, end.seconds()), end);

        FakeTask fresh = run(options(tmp).steps(2).build()); // without --resume the checkpoint is not read
        assertEquals(0, fresh.openedAt);
        assertEquals(List.of(1L, 2L), fresh.steps);
    }

    @Test
    void everyStepFitsAtTheScheduledRate(@TempDir Path tmp) throws Exception {
        LearningRate schedule = new LearningRate(1e-2, 1e-3, 3);
        FakeTask first = run(options(tmp).steps(4).learningRate(schedule).build());
        for (int step = 0; step < 4; step++) {
            assertEquals(schedule.at(step, 0, 4), first.rates.get(step), 1e-15, "step " + step);
        }
        // A resumed run starts its own schedule (warm-up included) at the checkpoint's step.
        FakeTask more = run(options(tmp).steps(10).resume(true).learningRate(schedule).build());
        assertEquals(6, more.rates.size());
        for (int i = 0; i < 6; i++) {
            assertEquals(schedule.at(4 + i, 4, 10), more.rates.get(i), 1e-15, "step " + (4 + i));
        }
    }

    /**
     * Regression (2026-12-03): the same command repeated with --resume restarted the schedule at the checkpoint,
     * with a second warm-up up to --lr, so a refinement run stopped at 4.3e-5 went on at up to 9.4e-5. Now it goes
     * on with the rates the run would have had without the stop.
     */
    @Test
    void theSameCommandResumedContinuesItsSchedule(@TempDir Path tmp) throws Exception {
        LearningRate schedule = new LearningRate(1e-2, 1e-3, 3);
        TrainOptions options = options(tmp).steps(10).learningRate(schedule).checkpointMinutes(1e-9).build();
        FakeTask killed = new FakeTask(0, options);
        killed.dieAfter = 5;
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> new TrainingLoop(options, log).run(killed));
        assertEquals("5", Checkpoints.readState(tmp, "fake.properties").getProperty("step"));

        FakeTask resumed = run(options(tmp).steps(10).learningRate(schedule).checkpointMinutes(1e-9).resume(true)
                .build());
        assertEquals(5, resumed.openedAt);
        for (int i = 0; i < 5; i++) {
            assertEquals(schedule.at(5 + i, 0, 10), resumed.rates.get(i), 1e-15, "step " + (5 + i));
        }
        assertTrue(log().contains("resuming the learning-rate schedule that started at step 0"), log());
    }
}

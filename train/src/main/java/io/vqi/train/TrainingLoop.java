package io.vqi.train;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.SplittableRandom;

/**
 * The time-boxed, resumable training run every model shares: it resumes from the run directory's checkpoint, steps
 * until the step target or the deadline ({@code --minutes}), follows the learning-rate schedule, prints a progress
 * line every {@code --log-every} steps, checkpoints every {@code --checkpoint-minutes} and at the end, then lets the
 * task export.
 */
final class TrainingLoop {
    private static final long SEED_MIX = 0x9E3779B97F4A7C15L;

    private final TrainOptions options;
    private final PrintStream log;

    TrainingLoop(TrainOptions options, PrintStream log) {
        this.options = options;
        this.log = log;
    }

    <R> R run(TrainingTask<R> task) throws IOException {
        long start = System.nanoTime();
        Path out = options.out();
        Files.createDirectories(out);
        TrainingTask.Layout layout = task.layout();
        Path checkpoint = out.resolve(layout.checkpoint());
        LearningRate schedule = options.learningRate();
        TrainingTask.Checkpoint resumed = null;
        if (options.resume() && Files.exists(checkpoint)) {
            Properties state = Checkpoints.readState(out, layout.state());
            long step = Long.parseLong(state.getProperty("step"));
            double seconds = Double.parseDouble(state.getProperty("seconds", "0"));
            SameDiff graph = load(checkpoint, true);
            setLearningRate(graph, schedule.initial());
            resumed = new TrainingTask.Checkpoint(checkpoint, state, step, seconds, graph);
        }
        SameDiff sd = task.open(resumed);
        long step = resumed == null ? 0 : resumed.step();
        double earlierSeconds = resumed == null ? 0 : resumed.seconds();

        long deadline = start + (long) (options.minutes() * 60e9);
        long lastCheckpoint = System.nanoTime();
        long lastLogTime = System.nanoTime();
        long lastLogStep = step;
        // The schedule's first step: this run's, or, when the command is repeated to resume a run (same rates,
        // warm-up and step target), the first run's, so the rate goes on falling where it was instead of warming
        // up again to --lr (2026-12-03: a resumed refinement run went back from 4.3e-5 up to 9.4e-5).
        long scheduleStart = resumed == null ? step : continuedScheduleStart(resumed.state(), schedule, step);
        long runSteps = 0;
        double lr = schedule.initial();
        boolean first = true;
        while (step < options.steps() && System.nanoTime() < deadline) {
            double nextLr = schedule.at(step, scheduleStart, options.steps());
            if (nextLr != lr) {
                setLearningRate(sd, nextLr);
                lr = nextLr;
            }
            SplittableRandom rnd = new SplittableRandom(options.seed() * SEED_MIX + step);
            MultiDataSet batch = task.batch(rnd);
            if (first) {
                fitQuietly(sd, batch);
                first = false;
            } else {
                sd.fit(batch);
            }
            step++;
            runSteps++;
            task.afterStep(sd, step, rnd);
            if (step % options.logEvery() == 0) {
                long windowStart = lastLogTime;
                long windowSteps = Math.max(1, step - lastLogStep);
                log.println(task.progress(sd, step, lr, () -> (System.nanoTime() - windowStart) / 1e9 / windowSteps));
                lastLogTime = System.nanoTime();
                lastLogStep = step;
            }
            if ((System.nanoTime() - lastCheckpoint) / 60e9 >= options.checkpointMinutes()) {
                save(task, sd, step, earlierSeconds + (System.nanoTime() - start) / 1e9, lr, scheduleStart);
                lastCheckpoint = System.nanoTime();
            }
        }
        double seconds = earlierSeconds + (System.nanoTime() - start) / 1e9;
        save(task, sd, step, seconds, lr, scheduleStart);
        return task.finish(sd, new TrainingTask.End(step, runSteps, seconds));
    }

    /** The state key of the schedule a run follows: its rates, warm-up, first step and step target. */
    static final String SCHEDULE = "lrSchedule";

    private String describeSchedule(long scheduleStart) {
        LearningRate s = options.learningRate();
        return s.initial() + "," + s.last() + "," + s.warmup() + "," + scheduleStart + "," + options.steps();
    }

    /**
     * Where the checkpoint's schedule started, if this run asks for the same schedule (rates, warm-up, step
     * target); else {@code step}: a run given other rates or another target starts its own schedule there.
     */
    private long continuedScheduleStart(Properties state, LearningRate schedule, long step) {
        String recorded = state.getProperty(SCHEDULE);
        if (recorded == null) {
            return step;
        }
        String[] f = recorded.split(",");
        if (f.length == 5 && Double.parseDouble(f[0]) == schedule.initial() && Double.parseDouble(f[1]) == schedule.last()
                && Long.parseLong(f[2]) == schedule.warmup() && Long.parseLong(f[4]) == options.steps()) {
            long start = Long.parseLong(f[3]);
            if (start >= 0 && start <= step) {
                log.println("resuming the learning-rate schedule that started at step " + start);
                return start;
            }
        }
        return step;
    }

    private void save(TrainingTask<?> task, SameDiff sd, long step, double seconds, double lr, long scheduleStart)
            throws IOException {
        TrainingTask.Layout layout = task.layout();
        Properties p = new Properties();
        p.setProperty("step", Long.toString(step));
        p.setProperty("seconds", String.format(Locale.ROOT, "%.1f", seconds));
        p.setProperty("seed", Long.toString(options.seed()));
        p.setProperty("lr", Double.toString(lr)); // the current rate: a new schedule from here starts at it
        p.setProperty(SCHEDULE, describeSchedule(scheduleStart));
        task.describe(p);
        Checkpoints.save(sd, options.out(), layout.checkpoint(), layout.state(), p, layout.comment());
        log.println(layout.logPrefix() + "checkpoint at step " + step);
    }

    /**
     * Sets Adam's learning rate of a graph, keeping its moment estimates: how a later run lowers the rate without
     * starting over.
     */
    static void setLearningRate(SameDiff sd, double lr) {
        if (sd.getTrainingConfig().getUpdater() instanceof Adam adam) {
            adam.setLearningRate(lr);
        }
        if (sd.getUpdaterMap() != null) {
            for (GradientUpdater<?> u : sd.getUpdaterMap().values()) {
                if (u.getConfig() instanceof Adam adam) {
                    adam.setLearningRate(lr);
                }
            }
        }
    }

    /**
     * A saved graph. ND4J 1.0.0-M2.1 prints a line per op to {@code System.out} (unconditionally, in
     * {@code SameDiff.createGradFunction}) when a graph first builds its gradients; this and {@link #fitQuietly}
     * are the only places that meet it, and keep it off the terminal (the log goes to the run's own sink).
     */
    static SameDiff load(Path file, boolean withUpdaterState) throws IOException {
        return withoutStdout(() -> SameDiff.load(file.toFile(), withUpdaterState));
    }

    /** The first fit of a graph: see {@link #load}. */
    private static void fitQuietly(SameDiff sd, MultiDataSet batch) throws IOException {
        withoutStdout(() -> {
            sd.fit(batch);
            return null;
        });
    }

    private interface IoSupplier<T> {
        T get() throws IOException;
    }

    private static final Object STDOUT = new Object();

    private static <T> T withoutStdout(IoSupplier<T> action) throws IOException {
        synchronized (STDOUT) {
            PrintStream saved = System.out;
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            try {
                return action.get();
            } finally {
                System.setOut(saved);
            }
        }
    }
}

package io.vqi.train;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/**
 * One model's part of a {@link TrainingLoop} run. The loop owns the clock, the learning rate, the log window,
 * checkpoints and resuming; a task owns its data, its graph, its progress line and its export. A task object serves
 * one run.
 *
 * @param <R> what the run returns
 */
interface TrainingTask<R> {

    /**
     * The run directory's files and how the log names them.
     *
     * @param checkpoint the graph's file
     * @param state      the properties file beside it
     * @param comment    the properties file's comment
     * @param logPrefix  starts the checkpoint line ({@code "prior "} or empty), as the model cards quote it
     */
    record Layout(String checkpoint, String state, String comment, String logPrefix) {
    }

    /** A checkpoint a run resumes from; its graph is loaded with its optimiser state. */
    record Checkpoint(Path path, Properties state, long step, double seconds, SameDiff graph) {
    }

    /** Where a run ended: total steps, steps of this run, seconds trained over all runs. */
    record End(long step, long runSteps, double seconds) {
    }

    Layout layout();

    /**
     * Loads the data and returns the graph to train: a new one ({@code resumed} null), its Adam at the schedule's
     * initial rate, or the checkpoint's, whose rate the loop has already set so. Logs what it did.
     */
    SameDiff open(Checkpoint resumed) throws IOException;

    /** The next batch; {@code rnd} is seeded by the run's seed and step and is passed on to {@link #afterStep}. */
    MultiDataSet batch(SplittableRandom rnd);

    /** What the task does after each fit; {@code step} counts it. */
    default void afterStep(SameDiff sd, long step, SplittableRandom rnd) {
    }

    /** The progress line of the log window that ends at {@code step}; {@code secondsPerStep} reads the clock. */
    String progress(SameDiff sd, long step, double lr, DoubleSupplier secondsPerStep);

    /** Adds what resuming (and a look at the run) needs to a checkpoint's step, seconds, seed and rate. */
    void describe(Properties state);

    /** After the last checkpoint: the last evaluation, the export, the closing line. */
    R finish(SameDiff sd, End end) throws IOException;
}

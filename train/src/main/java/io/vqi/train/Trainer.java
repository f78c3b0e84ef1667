package io.vqi.train;

import java.io.IOException;
import java.io.PrintStream;
import java.util.function.BiFunction;

/**
 * A trainer: options checked to train one kind of model, the log, and a new task for each run.
 *
 * @param <S> what a run returns
 */
abstract class Trainer<S> {
    private final TrainOptions options;
    private final PrintStream log;
    private final BiFunction<TrainOptions, PrintStream, ? extends TrainingTask<S>> task;

    /**
     * @param log  the run's progress lines
     * @param task makes the task of one run
     */
    Trainer(TrainOptions options, Class<? extends TrainOptions.Model> kind, PrintStream log,
            BiFunction<TrainOptions, PrintStream, ? extends TrainingTask<S>> task) {
        options.model(kind);
        this.options = options;
        this.log = log;
        this.task = task;
    }

    /** One time-boxed run: trains from the run directory's checkpoint or afresh, exports, returns the summary. */
    public final S run() throws IOException {
        return new TrainingLoop(options, log).run(task.apply(options, log));
    }
}

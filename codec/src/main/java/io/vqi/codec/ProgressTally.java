package io.vqi.codec;

import io.vqi.core.ProgressListener;
import io.vqi.core.ProgressListener.Stage;

/**
 * One image's progress summed over its tiles, which code in parallel: each tile reports to its own
 * {@link #part()}, and the listener hears each stage's total over the image, one call at a time, never falling.
 */
final class ProgressTally {
    private final ProgressListener listener;
    private final long[] done = new long[Stage.values().length];
    private final long[] total = new long[Stage.values().length];

    ProgressTally(ProgressListener listener) {
        this.listener = listener;
    }

    /** Adds {@code amount} to the total of {@code stage}, before any part reports it. */
    synchronized void expect(Stage stage, long amount) {
        total[stage.ordinal()] += amount;
    }

    /** The listener for one tile (used by one thread at a time), whose counts add up into this tally. */
    ProgressListener part() {
        if (listener == ProgressListener.NONE) {
            return ProgressListener.NONE;
        }
        long[] last = new long[Stage.values().length];
        return (stage, partDone, partTotal) -> {
            long delta = partDone - last[stage.ordinal()];
            last[stage.ordinal()] = partDone;
            add(stage, delta);
        };
    }

    /** Tells the listener of {@code amount} more of {@code stage} done. */
    synchronized void add(Stage stage, long amount) {
        int s = stage.ordinal();
        done[s] += amount;
        listener.progress(stage, done[s], total[s]);
    }

    /** The listener itself, one call at a time: for a stage that runs as one piece (the windows). */
    ProgressListener whole() {
        if (listener == ProgressListener.NONE) {
            return ProgressListener.NONE;
        }
        return (stage, d, t) -> {
            synchronized (this) {
                listener.progress(stage, d, t);
            }
        };
    }
}

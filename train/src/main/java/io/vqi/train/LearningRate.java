package io.vqi.train;

import io.vqi.core.InvalidOptionException;

/**
 * A learning rate that falls linearly from {@code initial}, at a run's first step, to {@code last} at the run's step
 * target; constant when the two are equal. Annealing is what turns a plateau at a fixed rate into a last gain.
 * Over a run's first {@code warmup} steps it rises linearly from near 0 to the schedule: a fresh Adam moves every
 * weight by about the rate in its first steps, which knocks trained weights off their optimum.
 */
public record LearningRate(double initial, double last, long warmup) {

    public LearningRate(double initial, double last) {
        this(initial, last, 0);
    }

    public LearningRate {
        if (warmup < 0) {
            throw new InvalidOptionException("--lr-warmup must not be negative, got " + warmup);
        }
        if (!(initial > 0 && initial < 1)) {
            throw new InvalidOptionException("--lr must be in (0, 1), got " + initial);
        }
        if (!(last > 0 && last <= initial)) {
            throw new InvalidOptionException("--lr-final must be in (0, --lr] = (0, " + initial + "], got " + last);
        }
    }

    public static LearningRate constant(double rate) {
        return new LearningRate(rate, rate);
    }

    /** The rate of the step after {@code step}, in a run that began after {@code firstStep} and ends at {@code target}. */
    public double at(long step, long firstStep, long target) {
        double rate;
        if (last == initial || target <= firstStep) {
            rate = initial;
        } else {
            double t = Math.min(1.0, (double) (step - firstStep) / (target - firstStep));
            rate = initial + (last - initial) * t;
        }
        long into = step - firstStep;
        return into < warmup ? rate * (into + 1) / warmup : rate;
    }
}

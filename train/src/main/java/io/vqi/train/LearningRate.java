package io.vqi.train;

import io.vqi.codec.InvalidOptionException;

/**
 * A learning rate that falls linearly from {@code initial}, at a run's first step, to {@code last} at the run's step
 * target; constant when the two are equal. Annealing is what turns a plateau at a fixed rate into a last gain.
 */
public record LearningRate(double initial, double last) {

    public LearningRate {
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
        if (last == initial || target <= firstStep) {
            return initial;
        }
        double t = Math.min(1.0, (double) (step - firstStep) / (target - firstStep));
        return initial + (last - initial) * t;
    }
}

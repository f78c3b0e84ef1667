package io.vqi.compare;

import io.vqi.compare.curve.BdResult;

/** The BD-rate of one codec against the anchor for one metric, or why there is none. */
public record BdRate(String codec, Metric metric, Outcome outcome) {

    /** Either a number with its quality range, or a reason. */
    public sealed interface Outcome permits Measured, NotComputable {
    }

    /** {@link BdResult#percent()}: negative means fewer bits than the anchor at equal quality. */
    public record Measured(BdResult result) implements Outcome {
    }

    /** e.g. "lossless", "1 setting", "no overlap with the anchor". */
    public record NotComputable(String reason) implements Outcome {
    }
}

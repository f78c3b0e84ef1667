package io.vqi.entropy;

/**
 * A {@link QuantizedCdf} that breaks the coder's contract. The {@link Problem} says which rule was broken and
 * {@link #index()} says where, so a caller (or a test table) can tell "does not start at 0" from "not increasing at
 * entry 17" without parsing the message.
 */
public final class InvalidCdfException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The rule of the {@link QuantizedCdf} contract that was broken. */
    public enum Problem {
        /** The precision is outside {@code [1, QuantizedCdf.MAX_PRECISION]}. */
        BAD_PRECISION,
        /** The array is null or has fewer than two entries, so it describes no symbol. */
        TOO_FEW_ENTRIES,
        /** The first entry is not 0. */
        NOT_STARTING_AT_ZERO,
        /** An entry is not greater than the one before it: some symbol would have no probability. */
        NOT_INCREASING,
        /** The last entry is not {@code 2^precision}. */
        NOT_ENDING_AT_TOTAL
    }

    private final Problem problem;
    private final int index;

    InvalidCdfException(Problem problem, int index, String message) {
        super(message);
        this.problem = problem;
        this.index = index;
    }

    public Problem problem() {
        return problem;
    }

    /** Index of the offending CDF entry, or -1 when the problem is not about one entry (precision, length). */
    public int index() {
        return index;
    }
}

package io.vqi.format;

/**
 * The fuzz tests' oracle for refusals: an expected exception type is not enough, its message must be the one line a
 * user sees (docs/robustness.md). Any exception the fuzz tests do not catch is a finding by itself.
 */
public final class Outcomes {
    private Outcomes() {
    }

    public static <E extends Exception> E oneLine(E e) {
        String message = e.getMessage();
        if (message == null || message.isBlank() || message.contains("\n")) {
            throw new AssertionError("a refusal must say why in one line: " + e, e);
        }
        return e;
    }
}

package io.vqi.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression (issue 10): a trainer option out of range ended as an IllegalArgumentException, i.e. exit 70 "internal
 * error" with a hint at the stack trace. It is a usage error: exit 64, one line naming the option, and no work done
 * (the run directory is not even created). No test here trains: each one fails before the first step.
 */
class TrainOptionsUsageTest {
    private static final String VQVAE = "vqi train vqvae";
    private static final String PRIOR = "vqi train prior";
    private static final String REFINE = "vqi train refine";

    @TempDir
    Path dir;

    @Test
    void aBadBatchIsAUsageError() throws Exception {
        assertUsageError(vqvae("--batch", "0"), VQVAE, "--batch must be in [1, 256], got 0");
        assertUsageError(vqvae("--batch", "1000"), VQVAE, "--batch must be in [1, 256], got 1000");
        assertUsageError(prior("--batch", "0"), PRIOR, "--batch must be at least 1, got 0");
    }

    @Test
    void badLearningRatesAreUsageErrors() throws Exception {
        assertUsageError(vqvae("--lr", "0"), VQVAE, "--lr must be in (0, 1), got 0.0");
        assertUsageError(vqvae("--lr", "2"), VQVAE, "--lr must be in (0, 1), got 2.0");
        assertUsageError(vqvae("--lr", "1e-4", "--lr-final", "1e-3"), VQVAE,
                "--lr-final must be in (0, --lr] = (0, 1.0E-4], got 0.001");
        assertUsageError(prior("--lr", "-1"), PRIOR, "--lr must be in (0, 1), got -1.0");
    }

    @Test
    void otherBadNumbersAreUsageErrors() throws Exception {
        assertUsageError(vqvae("--crop", "100"), VQVAE, "--crop must be a multiple of 8 in [8, 1024], got 100");
        assertUsageError(vqvae("--minutes", "0"), VQVAE, "--minutes must be positive, got 0.0");
        assertUsageError(vqvae("--log-every", "0"), VQVAE, "--log-every must be at least 1, got 0");
        assertUsageError(prior("--crop", "1"), PRIOR, "--crop must be in [2, 256], got 1");
        assertUsageError(prior("--channels", "0"), PRIOR, "--channels must be in [1, 1024], got 0");
    }

    @Test
    void trainingOnTheBenchmarkIsAUsageError() throws Exception {
        Path kodak = dir.resolve("kodak24");
        String refused = "--data " + kodak + ": refusing to train on kodak24, the benchmark";
        assertUsageError(vqvae("--data", kodak.toString()), VQVAE, refused);
        assertUsageError(prior("--data", kodak.toString()), PRIOR, refused);
    }

    /** The refinement trainer checked its options with bare IllegalArgumentExceptions: exit 70 (issue 13). */
    @Test
    void badRefinementOptionsAreUsageErrors() throws Exception {
        assertUsageError(refine("--batch", "0"), REFINE, "--batch must be in [1, 256], got 0");
        assertUsageError(refine("--crop", "8"), REFINE, "--crop must be a multiple of 8 in [16, 1024], got 8");
        assertUsageError(refine("--log-every", "0"), REFINE, "--log-every must be at least 1, got 0");
        assertUsageError(refine("--lr", "0"), REFINE, "--lr must be in (0, 1), got 0.0");
    }

    private Cli.Result vqvae(String... options) {
        return Cli.run(args(List.of("train", "vqvae"), options));
    }

    private Cli.Result prior(String... options) throws Exception {
        Path model = Fixtures.writeModel(dir.resolve("m.vqm"), 1);
        return Cli.run(args(List.of("train", "prior", "--vqvae", model.toString()), options));
    }

    private Cli.Result refine(String... options) throws Exception {
        Path model = Fixtures.writeModel(dir.resolve("m.vqm"), 1);
        return Cli.run(args(List.of("train", "refine", "--base", model.toString()), options));
    }

    // --data is repeatable: a --data among the options adds a second root.
    private String[] args(List<String> command, String... options) {
        List<String> args = new ArrayList<>(command);
        args.addAll(List.of("--data", dir.toString(), "--out", dir.resolve("run").toString()));
        args.addAll(List.of(options));
        return args.toArray(String[]::new);
    }

    private void assertUsageError(Cli.Result result, String command, String message) {
        assertAll(
                () -> assertEquals(ExitCodes.USAGE, result.exitCode(), result.err()),
                () -> assertEquals("vqi: " + message + " (see '" + command + " --help')", result.err().strip()),
                () -> assertEquals("", result.out()),
                () -> assertFalse(Files.exists(dir.resolve("run")), "the run directory was created"));
    }
}

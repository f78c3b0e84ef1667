package io.vqi.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Regression (issue 10): a trainer option out of range ended as an IllegalArgumentException, i.e. exit 70 "internal
 * error" with a hint at the stack trace. It is a usage error: exit 64, one line naming the option, and no work done
 * (the run directory is not even created). No test here trains: each one fails before the first step.
 */
class TrainOptionsUsageTest {
    private static final String VQVAE = "vqi train vqvae";
    private static final String PRIOR = "vqi train prior";

    @TempDir
    Path dir;

    /** Each trainer's options out of range (the refinement trainer's were bare IllegalArgumentExceptions: exit 70). */
    static Stream<Arguments> badOptions() {
        return Stream.of(
                arguments("vqvae", List.of("--batch", "0"), "--batch must be in [1, 256], got 0"),
                arguments("vqvae", List.of("--batch", "1000"), "--batch must be in [1, 256], got 1000"),
                arguments("prior", List.of("--batch", "0"), "--batch must be at least 1, got 0"),
                arguments("vqvae", List.of("--lr", "0"), "--lr must be in (0, 1), got 0.0"),
                arguments("vqvae", List.of("--lr", "2"), "--lr must be in (0, 1), got 2.0"),
                arguments("vqvae", List.of("--lr", "1e-4", "--lr-final", "1e-3"), "--lr-final must be in (0, --lr] = (0, 1.0E-4], got 0.001"),
                arguments("prior", List.of("--lr", "-1"), "--lr must be in (0, 1), got -1.0"),
                arguments("vqvae", List.of("--crop", "100"), "--crop must be a multiple of 8 in [8, 1024], got 100"),
                arguments("vqvae", List.of("--minutes", "0"), "--minutes must be positive, got 0.0"),
                arguments("vqvae", List.of("--log-every", "0"), "--log-every must be at least 1, got 0"),
                arguments("prior", List.of("--crop", "1"), "--crop must be in [2, 256], got 1"),
                arguments("prior", List.of("--channels", "0"), "--channels must be in [1, 1024], got 0"),
                arguments("refine", List.of("--batch", "0"), "--batch must be in [1, 256], got 0"),
                arguments("refine", List.of("--crop", "8"), "--crop must be a multiple of 8 in [16, 1024], got 8"),
                arguments("refine", List.of("--log-every", "0"), "--log-every must be at least 1, got 0"),
                arguments("refine", List.of("--lr", "0"), "--lr must be in (0, 1), got 0.0"));
    }

    @ParameterizedTest(name = "vqi train {0} {1}")
    @MethodSource("badOptions")
    void anOptionOutOfRangeIsAUsageError(String trainer, List<String> options, String message) throws Exception {
        String[] given = options.toArray(String[]::new);
        Cli.Result result = switch (trainer) {
            case "vqvae" -> vqvae(given);
            case "prior" -> prior(given);
            default -> refine(given);
        };
        assertUsageError(result, "vqi train " + trainer, message);
    }

    @Test
    void trainingOnTheBenchmarkIsAUsageError() throws Exception {
        Path kodak = dir.resolve("kodak24");
        String refused = "--data " + kodak + ": refusing to train on kodak24, the benchmark";
        assertUsageError(vqvae("--data", kodak.toString()), VQVAE, refused);
        assertUsageError(prior("--data", kodak.toString()), PRIOR, refused);
        assertUsageError(refine("--native-data", kodak.toString()), "vqi train refine",
                "--native-data " + kodak + ": refusing to train on kodak24, the benchmark");
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

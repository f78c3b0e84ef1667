package io.vqi.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

/** Black-box command tests that share one tiny random model per class and get a fresh directory per test. */
abstract class TinyModelTest {
    @TempDir
    static Path shared;
    /** The tiny model, written once per test class into {@link #shared}. */
    static Path model;

    @TempDir
    Path dir;

    @BeforeAll
    static void writeModel() throws IOException {
        model = Fixtures.writeModel(shared.resolve("tiny.vqm"), 11);
    }
}

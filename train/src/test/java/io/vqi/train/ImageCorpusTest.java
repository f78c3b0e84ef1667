package io.vqi.train;

import io.vqi.core.InvalidOptionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ImageCorpusTest {

    /** Regression (issue 10): a missing --data was a plain IOException, which the CLI reports as an I/O error (74). */
    @Test
    void aMissingRootIsNoSuchFile(@TempDir Path dir) {
        Path none = dir.resolve("none");
        assertEquals(none.toString(),
                assertThrows(NoSuchFileException.class, () -> ImageCorpus.load(List.of(dir, none), 1, 8)).getFile());
    }

    @Test
    void theBenchmarkIsRefusedAsAnOption(@TempDir Path dir) {
        Path kodak = dir.resolve("Kodak24");
        assertEquals("--data " + kodak + ": refusing to train on kodak24, the benchmark",
                assertThrows(InvalidOptionException.class, () -> ImageCorpus.load(List.of(dir, kodak), 1, 8))
                        .getMessage());
    }
}

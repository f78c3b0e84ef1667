package io.vqi.train;

import io.vqi.core.InvalidOptionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageCorpusTest {

    /** Regression (issue 10): a missing --data was a plain IOException, which the CLI reports as an I/O error (74). */
    @Test
    void aMissingRootIsNoSuchFile(@TempDir Path dir) {
        Path none = dir.resolve("none");
        assertEquals(none.toString(),
                assertThrows(NoSuchFileException.class, () -> ImageCorpus.load(List.of(dir, none), 1, 8)).getFile());
    }

    @Test
    void nativeImagesGiveHalfTheDrawsWhateverTheirNumber() {
        ImageCorpus small = ImageCorpus.of(images("small", 30, 16));
        ImageCorpus mixed = small.withNative(ImageCorpus.of(images("large", 2, 64)));
        assertEquals(32, mixed.size());
        assertEquals(2, mixed.nativeCount());
        assertEquals(64, mixed.images().get(31).width(), "native images keep their size");
        SplittableRandom rnd = new SplittableRandom(5);
        int[] count = new int[mixed.size()];
        int draws = 20_000;
        for (int i = 0; i < draws; i++) {
            count[mixed.pick(rnd)]++;
        }
        int natives = count[30] + count[31];
        assertTrue(Math.abs(natives - draws / 2) < draws / 50, "native draws " + natives + " of " + draws);
        assertTrue(Math.abs(count[30] - count[31]) < draws / 25, count[30] + " against " + count[31]);
        assertThrows(IllegalStateException.class, () -> mixed.split(1), "the held-out split comes first");
    }

    @Test
    void withoutNativeImagesADrawIsTheUniformOneOfEarlierRuns() {
        ImageCorpus plain = ImageCorpus.of(images("small", 7, 16));
        SplittableRandom a = new SplittableRandom(11);
        SplittableRandom b = new SplittableRandom(11);
        for (int i = 0; i < 100; i++) {
            assertEquals(b.nextInt(7), plain.pick(a));
        }
    }

    private static List<ImageCorpus.Image> images(String name, int count, int side) {
        List<ImageCorpus.Image> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(new ImageCorpus.Image(name + i, side, side, new float[3 * side * side]));
        }
        return list;
    }

    @Test
    void theBenchmarkIsRefusedAsAnOption(@TempDir Path dir) {
        Path kodak = dir.resolve("Kodak24");
        assertEquals("--data " + kodak + ": refusing to train on kodak24, the benchmark",
                assertThrows(InvalidOptionException.class, () -> ImageCorpus.load(List.of(dir, kodak), 1, 8))
                        .getMessage());
    }
}

package io.vqi.train;

import io.vqi.model.IndexGrid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class GridCacheTest {

    private static IndexGrid grid(int rows, int cols, int alphabet, int seed) {
        int[] idx = new int[rows * cols];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = (i * 31 + seed) % alphabet;
        }
        return new IndexGrid(rows, cols, alphabet, idx);
    }

    @Test
    void gridsComeBackAsWrittenForTheSameVqVaeOnly(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve(GridCache.FILE);
        // 1024 codes: indices above 32767 would not survive a signed short, and 1023 must.
        GridCache.Grids grids = new GridCache.Grids(List.of(grid(3, 5, 1024, 1), grid(2, 2, 1024, 7)),
                List.of(grid(4, 1, 16, 3)));
        GridCache.write(file, "abc", grids);
        assertFalse(Files.exists(tmp.resolve(GridCache.FILE + ".tmp")));

        GridCache.Grids back = GridCache.read(file, "abc").orElseThrow();
        assertEquals(2, back.train().size());
        assertEquals(1, back.validation().size());
        for (int i = 0; i < 2; i++) {
            assertSame(grids.train().get(i), back.train().get(i));
        }
        assertSame(grids.validation().get(0), back.validation().get(0));

        assertEquals(Optional.empty(), GridCache.read(file, "another"));
        assertEquals(Optional.empty(), GridCache.read(tmp.resolve("none.bin"), "abc"));
    }

    @Test
    void theFileStartsWithTheVqVaesHashThenCounts(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve(GridCache.FILE);
        GridCache.write(file, "h", new GridCache.Grids(List.of(grid(1, 2, 16, 0)), List.of()));
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            assertEquals("h", in.readUTF());
            assertEquals(1, in.readInt());
            assertEquals(1, in.readInt()); // rows
            assertEquals(2, in.readInt()); // cols
            assertEquals(16, in.readInt()); // alphabet
            assertEquals(0, in.readUnsignedShort());
            assertEquals(15, in.readUnsignedShort());
            assertEquals(0, in.readInt()); // no validation grids
            assertEquals(-1, in.read());
        }
    }

    private static void assertSame(IndexGrid a, IndexGrid b) {
        assertEquals(a.rows(), b.rows());
        assertEquals(a.cols(), b.cols());
        assertEquals(a.alphabet(), b.alphabet());
        assertArrayEquals(a.indices(), b.indices());
    }
}

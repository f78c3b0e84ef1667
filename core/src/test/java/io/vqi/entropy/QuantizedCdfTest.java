package io.vqi.entropy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vqi.entropy.InvalidCdfException.Problem;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QuantizedCdfTest {

    static Stream<Arguments> invalidCdfs() {
        return Stream.of(
                Arguments.of("precision 0", new int[] {0, 1}, 0, Problem.BAD_PRECISION, -1),
                Arguments.of("negative precision", new int[] {0, 1}, -3, Problem.BAD_PRECISION, -1),
                Arguments.of("precision 25", new int[] {0, 1 << 25}, 25, Problem.BAD_PRECISION, -1),
                Arguments.of("null", null, 8, Problem.TOO_FEW_ENTRIES, -1),
                Arguments.of("empty", new int[0], 8, Problem.TOO_FEW_ENTRIES, -1),
                Arguments.of("one entry", new int[] {0}, 8, Problem.TOO_FEW_ENTRIES, -1),
                Arguments.of("starts at 1", new int[] {1, 100, 256}, 8, Problem.NOT_STARTING_AT_ZERO, 0),
                Arguments.of("starts negative", new int[] {-5, 100, 256}, 8, Problem.NOT_STARTING_AT_ZERO, 0),
                Arguments.of("zero-width symbol", new int[] {0, 100, 100, 256}, 8, Problem.NOT_INCREASING, 2),
                Arguments.of("decreasing", new int[] {0, 100, 50, 256}, 8, Problem.NOT_INCREASING, 2),
                Arguments.of("zero-width first symbol", new int[] {0, 0, 256}, 8, Problem.NOT_INCREASING, 1),
                Arguments.of("ends below total", new int[] {0, 100, 255}, 8, Problem.NOT_ENDING_AT_TOTAL, 2),
                Arguments.of("ends above total", new int[] {0, 100, 257}, 8, Problem.NOT_ENDING_AT_TOTAL, 2),
                Arguments.of("total of another precision", new int[] {0, 1, 512}, 8, Problem.NOT_ENDING_AT_TOTAL, 2),
                Arguments.of("more symbols than the total", new int[] {0, 1, 2, 3}, 1, Problem.NOT_ENDING_AT_TOTAL,
                        3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCdfs")
    void rejectsInvalidCdfsNamingTheProblem(String name, int[] cdf, int precision, Problem problem, int index) {
        InvalidCdfException e = assertThrows(InvalidCdfException.class, () -> new QuantizedCdf(cdf, precision));
        assertEquals(problem, e.problem(), e.getMessage());
        assertEquals(index, e.index(), e.getMessage());
    }

    @Test
    void acceptsTheEdgesOfTheContract() {
        assertEquals(1, new QuantizedCdf(new int[] {0, 2}, 1).symbolCount());
        assertEquals(2, new QuantizedCdf(new int[] {0, 1, 2}, 1).symbolCount());
        assertEquals(1 << 24, new QuantizedCdf(new int[] {0, 1 << 24}, 24).total());
        assertEquals(65536, QuantizedCdf.uniform(65536, 16).symbolCount());
    }

    @Test
    void accessorsAgree() {
        QuantizedCdf cdf = QuantizedCdf.fromFrequencies(4, 3, 1, 12);
        assertArrayEquals(new int[] {0, 3, 4, 16}, cdf.cdf());
        assertEquals(3, cdf.symbolCount());
        assertEquals(16, cdf.total());
        assertEquals(0, cdf.lower(0));
        assertEquals(4, cdf.lower(2));
        assertEquals(4, cdf.upper(1));
        assertEquals(12, cdf.frequency(2));
    }

    @Test
    void symbolAtInvertsTheIntervalsForEveryValue() {
        SplittableRandom rnd = new SplittableRandom(2);
        for (int trial = 0; trial < 50; trial++) {
            int precision = 1 + rnd.nextInt(12);
            int k = 1 + rnd.nextInt(1 << precision);
            QuantizedCdf cdf = TestCdfs.uniformRandom(k, precision, rnd);
            for (int v = 0; v < cdf.total(); v++) {
                int s = cdf.symbolAt(v);
                if (cdf.lower(s) > v || v >= cdf.upper(s)) {
                    fail("value " + v + " -> symbol " + s + " of " + cdf);
                }
            }
            assertThrows(IllegalArgumentException.class, () -> cdf.symbolAt(-1));
            assertThrows(IllegalArgumentException.class, () -> cdf.symbolAt(cdf.total()));
        }
    }

    @Test
    void isImmutableAndComparesByContent() {
        int[] entries = {0, 5, 16};
        QuantizedCdf cdf = new QuantizedCdf(entries, 4);
        entries[1] = 15;                        // the caller's array is not the record's
        assertEquals(5, cdf.lower(1));
        cdf.cdf()[1] = 15;                      // nor is the accessor's copy
        assertEquals(5, cdf.lower(1));
        assertEquals(cdf, new QuantizedCdf(new int[] {0, 5, 16}, 4));
        assertEquals(cdf.hashCode(), new QuantizedCdf(new int[] {0, 5, 16}, 4).hashCode());
        assertNotEquals(cdf, new QuantizedCdf(new int[] {0, 10, 32}, 5));
        assertTrue(cdf.toString().contains("symbols=2"));
    }

    @Test
    void uniformSpreadsTheRemainder() {
        QuantizedCdf cdf = QuantizedCdf.uniform(3, 4);   // 16 = 6 + 5 + 5
        assertArrayEquals(new int[] {0, 6, 11, 16}, cdf.cdf());
        assertThrows(IllegalArgumentException.class, () -> QuantizedCdf.uniform(0, 4));
        assertThrows(IllegalArgumentException.class, () -> QuantizedCdf.uniform(17, 4));
        assertThrows(InvalidCdfException.class, () -> QuantizedCdf.uniform(2, 0));
    }

    @Test
    void fromFrequenciesRejectsBadFrequencies() {
        assertEquals(Problem.NOT_INCREASING,
                assertThrows(InvalidCdfException.class, () -> QuantizedCdf.fromFrequencies(4, 8, 0, 8)).problem());
        assertEquals(Problem.NOT_ENDING_AT_TOTAL,
                assertThrows(InvalidCdfException.class, () -> QuantizedCdf.fromFrequencies(4, 8, 7)).problem());
        assertThrows(InvalidCdfException.class,
                () -> QuantizedCdf.fromFrequencies(4, Integer.MAX_VALUE, Integer.MAX_VALUE));   // sum overflows
        assertEquals(Problem.TOO_FEW_ENTRIES,
                assertThrows(InvalidCdfException.class, () -> QuantizedCdf.fromFrequencies(4)).problem());
    }
}

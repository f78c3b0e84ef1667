package io.vqi.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HalfTest {

    @Test
    void everyHalfValueRoundTripsExactly() {
        for (int h = 0; h < 0x10000; h++) {
            float f = Half.toFloat((short) h);
            if (Float.isNaN(f)) {
                assertTrue(Float.isNaN(Half.toFloat(Half.fromFloat(f))));
                continue;
            }
            assertEquals((short) h, Half.fromFloat(f), "half bits " + Integer.toHexString(h));
        }
    }

    @Test
    void roundsToNearestEven() {
        assertEquals(1.0f, Half.toFloat(Half.fromFloat(1.0f + 0x1p-11f)), "tie goes to even (down)");
        assertEquals(1.0f + 0x1p-9f, Half.toFloat(Half.fromFloat(1.0f + 0x1p-10f + 0x1p-11f)), "tie goes to even (up)");
        assertEquals(65504f, Half.toFloat(Half.fromFloat(65504f)));
        assertEquals(Float.POSITIVE_INFINITY, Half.toFloat(Half.fromFloat(1e6f)));
        assertEquals(0f, Half.toFloat(Half.fromFloat(1e-10f)));
        assertEquals(0x1p-24f, Half.toFloat(Half.fromFloat(0x1p-24f)), "smallest subnormal");
    }

    @Test
    void relativeErrorIsWithinHalfPrecision() {
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < 100_000; i++) {
            float f = (float) (r.nextGaussian() * 3);
            float back = Half.toFloat(Half.fromFloat(f));
            assertTrue(Math.abs(back - f) <= Math.abs(f) * 0x1p-11f + 0x1p-25f, f + " -> " + back);
        }
    }
}

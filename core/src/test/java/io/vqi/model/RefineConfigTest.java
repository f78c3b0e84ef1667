package io.vqi.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The layer's configuration text: hashed into the layer id, so its bytes for the shipped kinds must not move. */
class RefineConfigTest {

    static final String BASE = "0f06913f6ba4051efdc44a0754aeb931dbfe441ca38876fe95d447119c523a97";

    static RefineConfig withSlices(int... cuts) {
        RefineConfig d = RefineConfig.defaults(BASE);
        return new RefineConfig(d.channels(), d.a1(), d.a2(), d.a3(), d.blocks(), 1, d.scaleHidden(), true, cuts,
                d.lambdas(), BASE);
    }

    /** refine-1b220a40's text (its id hashes these bytes): one cut is still written as refine.firstSlice. */
    @Test
    void oneCutKeepsTheKeyTheShippedLayerWasHashedWith() {
        String text = withSlices(16).toProperties();
        assertTrue(text.contains("refine.context=checkerboard\nrefine.firstSlice=16\nrefine.lambdas="), text);
        assertTrue(!withSlices().toProperties().contains("lice"), "no cuts, no key: refine-a595365e's text");
    }

    @Test
    void slicesRoundTripThroughTheText() throws IOException {
        for (int[] cuts : new int[][] {{}, {16}, {16, 32}, {8, 16, 40}}) {
            RefineConfig c = withSlices(cuts);
            RefineConfig back = RefineConfig.parse(c.toProperties());
            assertArrayEquals(cuts, back.slices());
            assertEquals(c, back);
            assertEquals(cuts.length + 1, back.sliceCount());
        }
        assertTrue(withSlices(16, 32).toProperties().contains("refine.slices=16,32\n"));
    }

    @Test
    void channelsFallIntoTheirSlicesInEveryThird() {
        RefineConfig c = withSlices(16, 32);
        for (int third = 0; third < 3; third++) {
            assertEquals(0, c.slice(third * 64));
            assertEquals(0, c.slice(third * 64 + 15));
            assertEquals(1, c.slice(third * 64 + 16));
            assertEquals(1, c.slice(third * 64 + 31));
            assertEquals(2, c.slice(third * 64 + 32));
            assertEquals(2, c.slice(third * 64 + 63));
        }
        assertEquals(0, withSlices().slice(191));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "refine.firstSlice=16\nrefine.slices=16,32\n", // both keys
            "refine.slices=16\n", // one cut under the many-cut key
            "refine.slices=32,16\n", // not rising
            "refine.slices=16,16\n",
            "refine.slices=16,64\n", // beyond the third
            "refine.slices=0,16\n",
            "refine.slices=1,2,3,4,5,6,7,8\n", // too many
            "refine.slices=16,x\n"})
    void badSlicesAreRefusedWithAnIoException(String slices) {
        String text = withSlices().toProperties().replace("refine.lambdas=", slices + "refine.lambdas=");
        assertThrows(IOException.class, () -> RefineConfig.parse(text));
    }

    /** A lapped layer writes its kernel; a block-transform layer writes nothing, so the shipped layers' ids stay. */
    @Test
    void theLinearKernelIsWrittenOnlyWhenLapped() throws IOException {
        RefineConfig block = withSlices(16, 32);
        assertTrue(!block.toProperties().contains("linearKernel"), block.toProperties());
        RefineConfig lapped = new RefineConfig(block.channels(), block.a1(), block.a2(), block.a3(), block.blocks(), 3,
                block.scaleHidden(), true, block.slices(), block.lambdas(), BASE);
        assertTrue(lapped.toProperties().contains("refine.blocks=1\nrefine.linearKernel=3\n"), lapped.toProperties());
        assertEquals(3, RefineConfig.parse(lapped.toProperties()).linearKernel());
        assertEquals(1, RefineConfig.parse(block.toProperties()).linearKernel());
        assertEquals(lapped, RefineConfig.parse(lapped.toProperties()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "2", "5", "-1", "x", ""})
    void badLinearKernelsAreRefusedWithAnIoException(String kernel) {
        String text = withSlices().toProperties().replace("refine.lambdas=",
                "refine.linearKernel=" + kernel + "\nrefine.lambdas=");
        assertThrows(IOException.class, () -> RefineConfig.parse(text));
    }
}

package io.vqi.model;

import io.vqi.network.VqVaeGraph;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class VqVaeConfigTest {

    @Test
    void theCanonicalTextOfAModelWithoutMidBlocksIsWhatItWasBeforeTheyExisted() {
        // The model hash covers this text: a change here would orphan every model file already written.
        assertEquals("name=vqvae-f8-k1024\nc1=32\nc2=64\nc3=128\nlatentDim=16\ncodebookSize=1024\n"
                + "encoderBlocks=2\ndecoderBlocks=3\n",
                new VqVaeConfig("vqvae-f8-k1024", 32, 64, 128, 16, 1024, 2, 3).toProperties());
    }

    @Test
    void midBlocksRoundTripThroughTheText() throws IOException {
        VqVaeConfig grown = new VqVaeConfig("vqvae-f8-k1024", 32, 64, 128, 16, 1024, 2, 5, 1);
        assertEquals(grown, VqVaeConfig.parse(grown.toProperties()));
        assertFalse(grown.toProperties().equals(new VqVaeConfig("vqvae-f8-k1024", 32, 64, 128, 16, 1024, 2, 5)
                .toProperties()));
    }

    @Test
    void midBlocksCostWhatTwo3x3ConvolutionsAtAQuarterOfTheResolutionCost() {
        VqVaeConfig base = new VqVaeConfig("x", 32, 64, 128, 16, 1024, 2, 3, 0);
        VqVaeConfig mid = new VqVaeConfig("x", 32, 64, 128, 16, 1024, 2, 3, 1);
        assertEquals(2L * 9 * 64 * 64 / 16, mid.decoderMacsPerPixel() - base.decoderMacsPerPixel());
    }

    @Test
    void outOfRangeBlocksAreRefused() {
        assertThrows(IOException.class, () -> VqVaeConfig.parse("decoderMidBlocks=17\n"));
    }

    /** The shapes a model file is checked against (without ND4J) are the ones the graph asks for. */
    @Test
    void tensorShapesAreWhatTheGraphAsksFor() {
        for (VqVaeConfig c : new VqVaeConfig[] {VqVaeConfig.tiny(), VqVaeConfig.defaults(),
                new VqVaeConfig("x", 8, 12, 16, 4, 32, 0, 0, 0), new VqVaeConfig("y", 4, 8, 8, 2, 8, 3, 2, 2)}) {
            java.util.List<String> graph = new java.util.ArrayList<>();
            for (VqVaeGraph.ParamSpec spec : VqVaeGraph.parameterSpecs(c)) {
                graph.add(spec.name() + java.util.Arrays.toString(spec.shape()));
            }
            java.util.List<String> listed = new java.util.ArrayList<>();
            c.tensorShapes().forEach((name, shape) -> listed.add(name + java.util.Arrays.toString(shape)));
            assertEquals(graph, listed, c.toString());
        }
    }
}

package io.vqi.codec;

import io.vqi.image.ImagePlanes;
import io.vqi.format.VqiContainer;
import io.vqi.format.VqiContainerWriter;
import io.vqi.core.ProgressListener;
import io.vqi.core.ProgressListener.Stage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The progress a listener hears inside one image: per stage it never falls, ends complete, and hearing it changes
 * nothing in the file or the picture. Tiled, windowed and refined, so that parallel tiles add up.
 */
class ProgressTest {

    /** 40x24 in 16-pixel tiles (3x2 tiles, 5x3 grid) decoded in 2-cell windows (3x2 windows). */
    static final Tiling SMALL = new Tiling(100, 16, 2);

    /** Every call, in order, checked for overlap: calls must come one at a time. */
    static final class Recorder implements ProgressListener {
        record Call(Stage stage, long done, long total) {
        }

        final List<Call> calls = new ArrayList<>();
        private boolean inside;

        @Override
        public void progress(Stage stage, long done, long total) {
            synchronized (this) {
                assertTrue(!inside, "calls overlap");
                inside = true;
            }
            try {
                Thread.yield();
                calls.add(new Call(stage, done, total));
            } finally {
                synchronized (this) {
                    inside = false;
                }
            }
        }

        /** Each stage's calls: totals fixed, done never falling and never above total, the last complete. */
        Map<Stage, Long> checkMonotoneAndComplete() {
            Map<Stage, Long> totals = new EnumMap<>(Stage.class);
            Map<Stage, Long> last = new EnumMap<>(Stage.class);
            for (Call c : calls) {
                Long total = totals.putIfAbsent(c.stage(), c.total());
                assertEquals(total == null ? c.total() : total, c.total(), () -> "total changed: " + c);
                long before = last.getOrDefault(c.stage(), 0L);
                assertTrue(c.done() >= before && c.done() <= c.total(), () -> "out of order: " + c + " " + calls);
                last.put(c.stage(), c.done());
            }
            totals.forEach((stage, total) -> assertEquals(total, last.get(stage), () -> stage + " incomplete"));
            return totals;
        }
    }

    @Test
    void aTiledWindowedRefinedDecodeReportsMonotoneCompleteProgress() throws IOException {
        ImagePlanes p = RefinementTest.planes(40, 24, 11);
        VqiContainer c = VqiCodec.toContainer(p, RefinementTest.MODEL, RefinementTest.LAYER, 3, SMALL, false);
        assertEquals(6, c.header().tileCount());
        Recorder heard = new Recorder();
        ImagePlanes decoded = VqiCodec.decompressPlanes(c, ModelRegistry.of(List.of(RefinementTest.MODEL), List.of(RefinementTest.LAYER), true), SMALL, heard);
        Map<Stage, Long> totals = heard.checkMonotoneAndComplete();
        assertEquals(Map.of(Stage.DECODING_INDICES, 9L, Stage.DECODING_REFINEMENT, 6L, Stage.RENDERING, 6L),
                totals, "the tiles' grid rows (3 across, 2 + 1 rows down), 6 tiles, 3x2 windows of 2 cells");
        // The refinement's walk overlaps the rendering, so their calls interleave; each stage still begins in
        // pipeline order (regression: the windows' first call once raced ahead of the walk's).
        List<Stage> order = heard.calls.stream().map(Recorder.Call::stage).distinct().toList();
        assertEquals(List.of(Stage.DECODING_INDICES, Stage.DECODING_REFINEMENT, Stage.RENDERING), order);
        assertArrayEquals(VqiCodec.decompressPlanes(c, ModelRegistry.of(List.of(RefinementTest.MODEL), List.of(RefinementTest.LAYER), true), SMALL).rgb(), decoded.rgb(), "listening changes nothing");
    }

    @Test
    void aCompressionReportsEachStageCompleteAndWritesTheSameFile() throws IOException {
        ImagePlanes p = RefinementTest.planes(40, 24, 12);
        Recorder heard = new Recorder();
        VqiContainer c = VqiCodec.toContainer(p, RefinementTest.MODEL, RefinementTest.LAYER, 2,
                Tiling.DEFAULT, true, heard);
        Map<Stage, Long> totals = heard.checkMonotoneAndComplete();
        assertEquals(1L, totals.get(Stage.ENCODING));
        assertEquals(3L, totals.get(Stage.CODING_INDICES));
        assertEquals(1L, totals.get(Stage.REFINING));
        assertEquals(1L, totals.get(Stage.RENDERING), "the colour plane's candidate, one window");
        assertArrayEquals(VqiContainerWriter.toBytes(VqiCodec.toContainer(p, RefinementTest.MODEL,
                RefinementTest.LAYER, 2, Tiling.DEFAULT, true)), VqiContainerWriter.toBytes(c));
    }

    @Test
    void aTiledCompressionAddsItsTilesUp() throws IOException {
        ImagePlanes p = RefinementTest.planes(40, 24, 13);
        Recorder heard = new Recorder();
        VqiCodec.toContainer(p, RefinementTest.MODEL, null, 1, SMALL, true, heard);
        Map<Stage, Long> totals = heard.checkMonotoneAndComplete();
        assertEquals(Map.of(Stage.ENCODING, 6L, Stage.CODING_INDICES, 9L), totals,
                "6 tiles; 2 rows of tiles, 2 + 1 grid rows each, 3 tiles across");
    }
}

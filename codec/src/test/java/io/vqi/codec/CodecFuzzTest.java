package io.vqi.codec;

import io.vqi.format.AlphaChunk;
import io.vqi.format.ChunkMutator;
import io.vqi.format.ChunkType;
import io.vqi.format.ColorModel;
import io.vqi.image.ImagePlanes;
import io.vqi.format.MalformedContainerException;
import io.vqi.format.Outcomes;
import io.vqi.format.VqiContainer;
import io.vqi.format.VqiContainerReader;
import io.vqi.format.VqiHeader;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vqi.core.CorruptStreamException;
import org.junit.jupiter.api.Timeout;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes the decode path (issue 14): container, ancillary chunks, prior and range decoder, refinement layer and
 * synthesis, with the random tiny model and layer of {@link FuzzSeeds} so that an execution costs milliseconds. Files
 * come from {@link ChunkMutator} (valid CRCs). The outcome is a typed refusal in one line
 * ({@link CorruptStreamException}, {@link UnsupportedModelException}, {@link InsufficientMemoryException}) or an image
 * of the declared size whose alpha and profile match the file; decoding in small windows gives the same image to
 * within one level (TilingTest). Anything else, a hang past the timeout or an {@link Error}, is a finding.
 */
class CodecFuzzTest {

    /** Windows of 3 cells: many windows and margins even for the seeds' small grids. */
    private static final Tiling SMALL_WINDOWS = new Tiling(100, 16, 3);

    @Timeout(10)
    @FuzzTest
    void decode(FuzzedDataProvider data) throws IOException {
        check(ChunkMutator.mutate(data, FuzzSeeds.decodable()));
    }

    static void check(byte[] file) throws IOException {
        VqiContainer container;
        try {
            container = VqiContainerReader.read(file);
        } catch (MalformedContainerException e) {
            Outcomes.oneLine(e);
            return;
        }
        ImagePlanes planes;
        try {
            planes = decode(container, Tiling.DEFAULT);
        } catch (CorruptStreamException | UnsupportedModelException | InsufficientMemoryException e) {
            Outcomes.oneLine(e);
            return;
        }
        VqiHeader h = container.header();
        assertEquals(h.width(), planes.width(), "width");
        assertEquals(h.height(), planes.height(), "height");
        assertEquals(h.pixelCount(), planes.rgb().length, "pixels");
        assertEquals(h.colorModel() == ColorModel.GRAY, planes.gray(), "colour model");
        assertEquals(AlphaChunk.isPresent(container), planes.alpha() != null, "alpha plane");
        assertEquals(!container.ancillary(ChunkType.ICCP).isEmpty(), planes.icc() != null, "ICC profile");
        BufferedImage image = planes.toImage();
        image.getRGB(0, 0);
        image.getRGB(h.width() - 1, h.height() - 1);
        int[] windowed = decode(container, SMALL_WINDOWS).rgb();
        int worst = 0;
        for (int i = 0; i < windowed.length; i++) {
            for (int shift = 0; shift < 24; shift += 8) {
                worst = Math.max(worst, Math.abs((windowed[i] >> shift & 0xff) - (planes.rgb()[i] >> shift & 0xff)));
            }
        }
        assertTrue(worst <= 1, "decoding in windows differs by " + worst + " levels");
    }

    private static ImagePlanes decode(VqiContainer container, Tiling tiling) throws IOException {
        return VqiCodec.decompressPlanes(container, ModelRegistry.of(List.of(FuzzSeeds.MODEL), List.of(FuzzSeeds.LAYER), true), tiling);
    }
}

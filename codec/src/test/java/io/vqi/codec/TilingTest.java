package io.vqi.codec;

import io.vqi.format.CodeChunk;
import io.vqi.format.ColorModel;
import io.vqi.image.ImagePlanes;
import io.vqi.format.ModelRef;
import io.vqi.format.VqiContainer;
import io.vqi.format.VqiContainerReader;
import io.vqi.format.VqiContainerWriter;
import io.vqi.format.VqiHeader;
import io.vqi.model.ModelBundle;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static io.vqi.codec.VqiCodecTest.MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Images above the one-piece size are coded in tiles and decoded as one grid in windows. Small numbers stand in for
 * the real ones (one piece up to 2^24 pixels, 2048-pixel tiles, 256-cell windows) so that a tiny model runs it fast.
 */
class TilingTest {
    private static final Tiling SMALL = new Tiling(1000, 32, 4);
    private static final Tiling ONE_WINDOW = new Tiling(1000, 32, 1000);

    private static ImagePlanes planes(int w, int h) {
        return ImagePlanes.of(VqiCodecTest.image(w, h, java.awt.image.BufferedImage.TYPE_INT_RGB, w * 31L + h));
    }

    @Test
    void aLargeImageIsCutIntoTilesInRasterOrder() throws IOException {
        VqiContainer container = VqiCodec.toContainer(planes(100, 70), MODEL, SMALL);
        VqiHeader h = container.header();
        assertEquals(32, h.tileWidth());
        assertEquals(32, h.tileHeight());
        assertEquals(4 * 3, h.tileCount());
        assertEquals(9, h.latentRows()); // the whole image's grid: ceil(70 / 8)
        assertEquals(13, h.latentCols());
        List<CodeChunk> codes = container.codeChunks();
        assertEquals(12, codes.size());
        for (int t = 0; t < codes.size(); t++) {
            assertEquals(t, codes.get(t).tile());
        }
    }

    @Test
    void aSmallImageStaysOneTile() throws IOException {
        VqiContainer container = VqiCodec.toContainer(planes(30, 20), MODEL, SMALL);
        assertEquals(1, container.header().tileCount());
        assertEquals(30, container.header().tileWidth());
    }

    @Test
    void tiledFilesRoundTripThroughBytesAndDecodeWithoutSeams() throws IOException {
        byte[] file = VqiContainerWriter.toBytes(VqiCodec.toContainer(planes(100, 70), MODEL, SMALL));
        VqiContainer read = VqiContainerReader.read(file);
        ImagePlanes windows = VqiCodec.decompressPlanes(read, ModelRegistry.of(List.of(MODEL), List.of(), true), SMALL);
        ImagePlanes whole = VqiCodec.decompressPlanes(read, ModelRegistry.of(List.of(MODEL), List.of(), true), ONE_WINDOW);
        assertEquals(100, windows.width());
        assertEquals(70, windows.height());
        // Windows of 4 cells with their margins decode what one window does (up to float rounding of a level).
        int worst = 0;
        for (int i = 0; i < whole.rgb().length; i++) {
            for (int shift = 0; shift < 24; shift += 8) {
                worst = Math.max(worst, Math.abs((whole.rgb()[i] >> shift & 0xff) - (windows.rgb()[i] >> shift & 0xff)));
            }
        }
        assertTrue(worst <= 1, "largest difference " + worst);
        // And the default decode of the same file agrees too (its windows hold the whole grid here).
        assertEquals(70 * 100, VqiCodec.decompressPlanes(file, ModelRegistry.of(List.of(MODEL), List.of(), true)).rgb().length);
    }

    @Test
    void anImageWhosePixelsWouldNotFitTheHeapIsRefusedBeforeDecoding() throws IOException {
        VqiCodec.checkHeap(1000, 1000, 12_000_000); // exactly fits
        InsufficientMemoryException e = assertThrows(InsufficientMemoryException.class,
                () -> VqiCodec.checkHeap(16384, 16384, 1L << 30));
        assertTrue(e.getMessage().contains("raise -Xmx"), e.getMessage());
    }

    @Test
    void tilesThatDoNotLineUpWithTheLatentCellsAreRefused() throws IOException {
        ModelBundle model = MODEL;
        VqiHeader header = VqiHeader.builder().size(24, 24).colorModel(ColorModel.RGB).quality(1)
                .model(new ModelRef(model.modelId(), model.sha256())).latentGrid(3, 3).stages(1)
                .tileSize(12, 12).build();
        byte[] code = VqiCodec.toContainer(planes(12, 12), model).code(0, 0).data();
        List<CodeChunk> codes = List.of(new CodeChunk(0, 0, code), new CodeChunk(0, 1, code),
                new CodeChunk(0, 2, code), new CodeChunk(0, 3, code));
        VqiContainer container = VqiContainer.ofCodes(header, codes);
        UnsupportedModelException e = assertThrows(UnsupportedModelException.class,
                () -> VqiCodec.decompressPlanes(container, ModelRegistry.of(List.of(model), List.of(), true)));
        assertTrue(e.getMessage().contains("do not line up"), e.getMessage());
    }
}

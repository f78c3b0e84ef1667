package io.vqi.imageio;

import io.vqi.codec.ModelRegistry;

import io.vqi.model.ModelBundle;
import io.vqi.model.TestModels;
import io.vqi.model.VqVaeConfig;
import io.vqi.codec.ModelZoo;
import io.vqi.format.ColorModel;
import io.vqi.codec.VqiCodec;
import io.vqi.format.VqiContainerReader;
import io.vqi.format.VqiHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.imageio.IIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.metadata.IIOMetadataFormatImpl;
import javax.imageio.spi.ImageWriterSpi;
import java.awt.image.BufferedImage;
import java.awt.image.RenderedImage;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

import static io.vqi.imageio.TestFixtures.GRAY_30x20;
import static io.vqi.imageio.TestFixtures.MODEL;
import static io.vqi.imageio.TestFixtures.OTHER_MODEL;
import static io.vqi.imageio.TestFixtures.RGB_37x23;
import static io.vqi.imageio.TestFixtures.RGB_64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The writer contract for {@code .vqi}, plus model choice, the quality mapping and what the writer refuses. */
class VqiImageWriterTest extends ImageWriterContractTest<VqiImageWriter> {

    @Override
    protected ImageWriterSpi createProvider() {
        return new VqiImageWriterSpi();
    }

    @Override
    protected VqiImageWriter createWriter() {
        VqiImageWriter writer = (VqiImageWriter) new VqiImageWriterSpi().createWriterInstance(null);
        writer.setModels(List.of(MODEL));
        return writer;
    }

    @Override
    protected List<RenderedImage> testImages() {
        return List.of(RGB_64, RGB_37x23, GRAY_30x20,
                TestFixtures.image(17, 9, BufferedImage.TYPE_BYTE_BINARY, 4),
                TestFixtures.image(20, 12, BufferedImage.TYPE_INT_BGR, 5));
    }

    @Override
    protected List<String> formatNames() {
        return List.of("vqi", "VQI");
    }

    @Override
    protected List<String> suffixes() {
        return List.of("vqi");
    }

    @Override
    protected List<String> mimeTypes() {
        return List.of("image/x-vqi");
    }

    @Override
    protected BufferedImage readBack(byte[] file) throws IOException {
        return VqiCodec.decompress(file, ModelRegistry.of(List.of(MODEL, OTHER_MODEL), List.of(), true));
    }

    @Override
    protected ImageTypeSpecifier unsupportedType() {
        return ImageTypeSpecifier.createInterleaved(new TestFixtures.NaiveCmyk(), new int[] {0, 1, 2, 3},
                java.awt.image.DataBuffer.TYPE_BYTE, false, false);
    }

    private static VqiHeader headerOf(byte[] file) {
        try {
            return VqiContainerReader.readHeader(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static VqiImageWriter writerWith(ModelBundle... models) {
        VqiImageWriter writer = new VqiImageWriter(new VqiImageWriterSpi());
        writer.setModels(List.of(models));
        return writer;
    }

    @Test
    void writesExactlyWhatVqiCodecWrites() throws IOException {
        for (BufferedImage image : List.of(RGB_64, RGB_37x23, GRAY_30x20)) {
            assertArrayEquals(VqiCodec.compress(image, MODEL), write(image, null));
        }
    }

    @Test
    void aFileStreamGetsTheSameBytesAsMemory() throws IOException {
        byte[] file = writeToFile(createWriter(), RGB_37x23, tempDir.resolve("same.vqi"));
        assertArrayEquals(write(RGB_37x23, null), file);
    }

    @Test
    void grayStaysGray() throws IOException {
        assertEquals(ColorModel.GRAY, headerOf(write(GRAY_30x20, null)).colorModel());
        assertEquals(ColorModel.RGB, headerOf(write(RGB_37x23, null)).colorModel());
    }

    // Model choice

    @Test
    void withoutAnyModelTheWriterSaysSo() throws IOException {
        VqiImageWriter writer = new VqiImageWriter(new VqiImageWriterSpi(), ModelRegistry.none());
        IIOException e = assertThrows(IIOException.class,
                () -> write(writer, new IIOImage(RGB_64, null, null), null));
        assertTrue(e.getMessage().contains("no model available"), e.getMessage());
        VqiImageWriteParam param = writer.getDefaultWriteParam();
        assertNull(param.getCompressionTypes());
        assertTrue(param.getModel().isEmpty());
        assertNull(writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(RGB_64), param));
    }

    @Test
    void theParamsModelWins() throws IOException {
        VqiImageWriteParam param = new VqiImageWriteParam(Locale.ROOT);
        param.setModel(OTHER_MODEL);
        byte[] file = write(writerWith(MODEL), new IIOImage(RGB_64, null, null), param);
        assertEquals(OTHER_MODEL.modelId(), headerOf(file).model().id());
        assertEquals(64, readBack(file).getWidth());
    }

    @Test
    void compressionTypesAreTheAvailableModelIdsAndChooseTheModel() throws IOException {
        VqiImageWriter writer = writerWith(MODEL, OTHER_MODEL);
        VqiImageWriteParam param = writer.getDefaultWriteParam();
        List<String> types = List.of(param.getCompressionTypes());
        assertEquals(List.of(MODEL.modelId(), OTHER_MODEL.modelId()), types.subList(0, 2));
        assertEquals(ImageWriteParam.MODE_EXPLICIT, param.getCompressionMode());
        assertEquals(MODEL.modelId(), param.getCompressionType(), "the writer's default comes first");
        param.setCompressionType(OTHER_MODEL.modelId());
        assertEquals(OTHER_MODEL, param.getModel().orElseThrow());
        assertEquals(OTHER_MODEL.modelId(),
                headerOf(write(writer, new IIOImage(RGB_37x23, null, null), param)).model().id());
    }

    @Test
    void modeDefaultUsesTheWritersFirstModel() throws IOException {
        VqiImageWriter writer = writerWith(OTHER_MODEL, MODEL);
        VqiImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionType(MODEL.modelId());
        param.setCompressionMode(ImageWriteParam.MODE_DEFAULT);
        assertTrue(param.getModel().isEmpty());
        assertEquals(OTHER_MODEL.modelId(),
                headerOf(write(writer, new IIOImage(RGB_37x23, null, null), param)).model().id());
    }

    @Test
    void modeCopyFromMetadataReusesTheSourcesModel() throws IOException {
        byte[] source = TestFixtures.compress(RGB_37x23, OTHER_MODEL);
        VqiImageReader reader = new VqiImageReader(new VqiImageReaderSpi());
        reader.setModels(List.of(OTHER_MODEL));
        reader.setInput(ImageReaderContractTest.memoryStream(source));
        IIOImage image = reader.readAll(0, null);

        VqiImageWriter writer = writerWith(MODEL, OTHER_MODEL);
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_COPY_FROM_METADATA);
        IIOImage converted = new IIOImage(image.getRenderedImage(), null, writer.convertImageMetadata(
                image.getMetadata(), ImageTypeSpecifier.createFromRenderedImage(image.getRenderedImage()), param));
        assertEquals(OTHER_MODEL.modelId(), headerOf(write(writer, converted, param)).model().id());
    }

    @Test
    void modeDisabledCannotBeHonoured() {
        VqiImageWriter writer = createWriter();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_DISABLED);
        assertThrows(IIOException.class, () -> write(writer, new IIOImage(RGB_64, null, null), param));
    }

    /** Issue 14, finding 3: a side beyond the format's limit is refused before the encoder, as an IIOException. */
    @Test
    void aSideLongerThanTheFormatHoldsIsAnIioException() {
        BufferedImage tall = new BufferedImage(1, 65536, BufferedImage.TYPE_BYTE_GRAY);
        IIOException e = assertThrows(IIOException.class,
                () -> write(createWriter(), new IIOImage(tall, null, null), null));
        assertTrue(e.getMessage().contains("side longer than the 65535"), e.getMessage());
    }

    @Test
    void aModelWithoutPriorIsRefused() {
        ModelBundle noPrior = TestModels.random(VqVaeConfig.tiny(), 5);
        assertThrows(IllegalArgumentException.class, () -> new VqiImageWriteParam(Locale.ROOT).setModel(noPrior));
        assertThrows(IIOException.class,
                () -> write(writerWith(noPrior), new IIOImage(RGB_64, null, null), null));
    }

    // Quality

    @ParameterizedTest
    @CsvSource({"0.0,1,1", "0.5,1,1", "1.0,1,1", "0.0,4,1", "0.24,4,1", "0.25,4,2", "0.5,4,3", "0.99,4,4",
            "1.0,4,4", "0.0,255,1", "1.0,255,255"})
    void qualityMapsToLevelsInEqualIntervals(float quality, int levels, int expected) {
        assertEquals(expected, VqiImageWriteParam.qualityLevel(quality, levels));
    }

    @Test
    void qualityOutsideTheUnitIntervalIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> VqiImageWriteParam.qualityLevel(-0.1f, 1));
        assertThrows(IllegalArgumentException.class, () -> VqiImageWriteParam.qualityLevel(Float.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> VqiImageWriteParam.qualityLevel(0.5f, 0));
    }

    @Test
    void todayEveryQualityIsLevelOneAndTheFileSaysSo() throws IOException {
        VqiImageWriter writer = createWriter();
        VqiImageWriteParam param = writer.getDefaultWriteParam();
        assertArrayEquals(new float[] {0f, 1f}, param.getCompressionQualityValues());
        assertEquals(1, param.getCompressionQualityDescriptions().length);
        assertFalse(param.isCompressionLossless());
        for (float q : new float[] {0f, 0.3f, 1f}) {
            param.setCompressionQuality(q);
            assertEquals(1, param.getQualityLevel());
            assertEquals(1, headerOf(write(writer, new IIOImage(RGB_37x23, null, null), param)).quality());
        }
    }

    /**
     * The embedded model's quality levels through ImageIO: a fresh param gives the default level (as the JDK's JPEG
     * param gives 0.75, not 1.0), 0 gives level 1 (the base layer) and 1 the best, and the file records the level.
     */
    @Test
    void theDefaultModelsLevelsAreChosenByCompressionQuality() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(ModelZoo.defaultRefinement().isPresent(),
                "this build embeds no refinement layer");
        int levels = io.vqi.codec.VqiCodec.qualities(ModelZoo.defaultModel());
        VqiImageWriter writer = new VqiImageWriter(new VqiImageWriterSpi());
        VqiImageWriteParam param = writer.getDefaultWriteParam();
        assertEquals(levels, param.levels());
        assertEquals(levels + 1, param.getCompressionQualityValues().length);
        assertEquals(io.vqi.codec.VqiCodec.DEFAULT_QUALITY, param.getQualityLevel());
        param.setCompressionQuality(0f);
        assertEquals(1, headerOf(write(writer, new IIOImage(RGB_37x23, null, null), param)).quality());
        param.setCompressionQuality(1f);
        assertEquals(levels, headerOf(write(writer, new IIOImage(RGB_37x23, null, null), param)).quality());
    }

    // Refusals

    @Test
    void cmykImagesAreRefusedWithTheReason() {
        IIOException e = assertThrows(IIOException.class, () -> write(unsupportedType().createBufferedImage(8, 8),
                null));
        assertTrue(e.getMessage().contains("neither RGB nor gray"), e.getMessage());
    }

    @Test
    void sourceBandsAreRefused() {
        VqiImageWriter writer = createWriter();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setSourceBands(new int[] {0});
        assertThrows(IIOException.class, () -> write(writer, new IIOImage(RGB_64, null, null), param));
    }

    /** Checked on the image the writer codes: the tiny random model maps many images to the same codes. */
    @ParameterizedTest
    @CsvSource({"0,0,64,64,1,1,0,0", "5,4,30,20,2,2,1,0", "0,0,64,64,3,5,2,4", "60,10,40,40,1,3,0,1"})
    void regionAndSubsamplingSelectThePixelsToCode(int x, int y, int w, int h, int px, int py, int ox, int oy)
            throws IOException {
        ImageWriteParam param = createWriter().getDefaultWriteParam();
        java.awt.Rectangle region = new java.awt.Rectangle(x, y, w, h);
        param.setSourceRegion(region);
        param.setSourceSubsampling(px, py, ox, oy);
        BufferedImage expected = ImageReaderContractTest.subsample(RGB_64,
                region.intersection(new java.awt.Rectangle(64, 64)), new int[] {px, py, ox, oy});
        BufferedImage actual = VqiImageWriter.sourceImage(RGB_64, param);
        assertEquals(RGB_64.getColorModel(), actual.getColorModel());
        TestFixtures.assertSameSamples(expected.getRaster(), actual.getRaster());
    }

    @Test
    void withoutRegionOrSubsamplingTheImageIsCodedAsItIs() throws IOException {
        assertSame(RGB_64, VqiImageWriter.sourceImage(RGB_64, null));
        assertSame(RGB_64, VqiImageWriter.sourceImage(RGB_64, createWriter().getDefaultWriteParam()));
    }

    @Test
    void aRenderedImageThatIsNotBufferedIsCopiedFromItsOwnCoordinates() throws IOException {
        BufferedImage base = TestFixtures.image(20, 10, BufferedImage.TYPE_INT_RGB, 8);
        RenderedImage shifted = new ShiftedImage(base, 7, -3);
        BufferedImage copy = VqiImageWriter.sourceImage(shifted, null);
        TestFixtures.assertSameSamples(base.getRaster(), copy.getRaster());
        ImageWriteParam param = createWriter().getDefaultWriteParam();
        param.setSourceRegion(new java.awt.Rectangle(2, 1, 5, 4));
        TestFixtures.assertSameSamples(base.getRaster().createChild(2, 1, 5, 4, 0, 0, null),
                VqiImageWriter.sourceImage(shifted, param).getRaster());
        assertArrayEquals(VqiCodec.compress(base, MODEL), write(shifted, null));
    }

    /** A {@link BufferedImage}'s pixels seen from another origin, as tiled or JAI images are. */
    private record ShiftedImage(BufferedImage image, int minX, int minY) implements RenderedImage {
        @Override
        public java.util.Vector<RenderedImage> getSources() {
            return null;
        }

        @Override
        public Object getProperty(String name) {
            return java.awt.Image.UndefinedProperty;
        }

        @Override
        public String[] getPropertyNames() {
            return null;
        }

        @Override
        public java.awt.image.ColorModel getColorModel() {
            return image.getColorModel();
        }

        @Override
        public java.awt.image.SampleModel getSampleModel() {
            return image.getSampleModel();
        }

        @Override
        public int getWidth() {
            return image.getWidth();
        }

        @Override
        public int getHeight() {
            return image.getHeight();
        }

        @Override
        public int getMinX() {
            return minX;
        }

        @Override
        public int getMinY() {
            return minY;
        }

        @Override
        public int getNumXTiles() {
            return 1;
        }

        @Override
        public int getNumYTiles() {
            return 1;
        }

        @Override
        public int getMinTileX() {
            return 0;
        }

        @Override
        public int getMinTileY() {
            return 0;
        }

        @Override
        public int getTileWidth() {
            return image.getWidth();
        }

        @Override
        public int getTileHeight() {
            return image.getHeight();
        }

        @Override
        public int getTileGridXOffset() {
            return minX;
        }

        @Override
        public int getTileGridYOffset() {
            return minY;
        }

        @Override
        public java.awt.image.Raster getTile(int tileX, int tileY) {
            return getData();
        }

        @Override
        public java.awt.image.Raster getData() {
            return image.getRaster().createTranslatedChild(minX, minY);
        }

        @Override
        public java.awt.image.Raster getData(java.awt.Rectangle rect) {
            java.awt.image.WritableRaster out = image.getRaster().createCompatibleWritableRaster(rect.x, rect.y,
                    rect.width, rect.height);
            out.setRect(getData().createChild(rect.x, rect.y, rect.width, rect.height, rect.x, rect.y, null));
            return out;
        }

        @Override
        public java.awt.image.WritableRaster copyData(java.awt.image.WritableRaster raster) {
            raster.setRect(getData());
            return raster;
        }
    }

    // Metadata

    @Test
    void defaultImageMetadataNamesTheModelAndQuality() {
        VqiImageWriter writer = writerWith(MODEL);
        VqiImageMetadata metadata = (VqiImageMetadata) writer.getDefaultImageMetadata(
                ImageTypeSpecifier.createFromRenderedImage(GRAY_30x20), writer.getDefaultWriteParam());
        assertNotNull(metadata);
        assertEquals(MODEL.modelId(), metadata.modelId());
        assertEquals(1, metadata.quality());
        assertEquals(ColorModel.GRAY, metadata.colorModel());
        assertTrue(metadata.bitsPerPixel().isEmpty());
        assertEquals(MODEL.modelId(), VqiImageReaderTest.child(VqiImageReaderTest.child(
                        metadata.getAsTree(IIOMetadataFormatImpl.standardMetadataFormatName), "Compression"),
                "CompressionTypeName").getAttribute("value"));
        assertNull(writer.getDefaultStreamMetadata(null));
    }
}

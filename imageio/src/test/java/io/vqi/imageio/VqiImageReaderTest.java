package io.vqi.imageio;

import io.vqi.format.VqiFormat;
import io.vqi.codec.ModelRegistry;

import io.vqi.codec.InsufficientMemoryException;
import io.vqi.core.CorruptStreamException;
import io.vqi.testdata.TestData;
import io.vqi.format.CodeChunk;
import io.vqi.format.ColorModel;
import io.vqi.format.MalformedContainerException;
import io.vqi.format.ModelRef;
import io.vqi.codec.UnsupportedModelException;
import io.vqi.codec.VqiCodec;
import io.vqi.format.VqiContainer;
import io.vqi.format.VqiContainerWriter;
import io.vqi.format.VqiHeader;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Node;

import javax.imageio.IIOException;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.metadata.IIOMetadataFormatImpl;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.spi.ImageReaderSpi;
import java.awt.Dimension;
import java.awt.Point;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.vqi.imageio.TestFixtures.GRAY_30x20_FILE;
import static io.vqi.imageio.TestFixtures.MODEL;
import static io.vqi.imageio.TestFixtures.OTHER_MODEL;
import static io.vqi.imageio.TestFixtures.RGB_37x23_FILE;
import static io.vqi.imageio.TestFixtures.RGB_64_FILE;
import static io.vqi.imageio.TestFixtures.assertSameSamples;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reader contract for {@code .vqi}, plus what is particular to it: models, limits, laziness, metadata. */
class VqiImageReaderTest extends ImageReaderContractTest<VqiImageReader> {

    @Override
    protected ImageReaderSpi createProvider() {
        return new VqiImageReaderSpi();
    }

    @Override
    protected VqiImageReader createReader() {
        VqiImageReader reader = (VqiImageReader) new VqiImageReaderSpi().createReaderInstance(null);
        reader.setModels(List.of(MODEL));
        return reader;
    }

    @Override
    protected List<TestData> testData() {
        return List.of(new TestData("rgb-64x64.vqi", RGB_64_FILE, new Dimension(64, 64)),
                new TestData("rgb-37x23.vqi", RGB_37x23_FILE, new Dimension(37, 23)),
                new TestData("gray-30x20.vqi", GRAY_30x20_FILE, new Dimension(30, 20)));
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

    private static VqiImageReader readerOf(byte[] file) {
        VqiImageReader reader = new VqiImageReader(new VqiImageReaderSpi());
        reader.setModels(List.of(MODEL));
        reader.setInput(memoryStream(file));
        return reader;
    }

    /**
     * Issue 14, finding 4: one reader driven from two threads at once (each setting the input, then reading) reported
     * "corrupt data at byte N" on a valid file (21 of 80 calls in the fuzzer; 10 of these 2000 before the fix): the
     * threads moved one stream's position under each other. Calls are serialised now, so every call sees one
     * complete input, and the file is never blamed.
     */
    @Test
    void oneReaderUsedFromTwoThreadsAtOnceNeverBlamesTheFile() throws Exception {
        BufferedImage expected = readerOf(RGB_37x23_FILE).read(0);
        VqiImageReader shared = readerOf(RGB_37x23_FILE);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<BufferedImage>> calls = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                boolean decode = i % 100 == 0; // the others only read and check the file, where the stream is busiest
                calls.add(pool.submit(() -> {
                    shared.setInput(memoryStream(RGB_37x23_FILE));
                    assertEquals(37, shared.getWidth(0));
                    shared.getImageTypes(0);
                    shared.getImageMetadata(0);
                    return decode ? shared.read(0) : expected;
                }));
            }
            List<String> failures = new ArrayList<>();
            for (Future<BufferedImage> call : calls) {
                try {
                    assertSameSamples(expected.getRaster(), call.get().getRaster());
                } catch (ExecutionException e) {
                    failures.add(e.getCause().toString());
                }
            }
            assertEquals(List.of(), failures, failures.size() + " of " + calls.size() + " calls failed");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void thereIsExactlyOneImage() throws IOException {
        VqiImageReader reader = readerOf(RGB_64_FILE);
        assertEquals(1, reader.getNumImages(true));
        assertEquals(1, reader.getNumImages(false));
        assertNull(reader.getStreamMetadata());
    }

    @Test
    void decodesExactlyWhatVqiCodecDecodes() throws IOException {
        for (byte[] file : List.of(RGB_64_FILE, RGB_37x23_FILE, GRAY_30x20_FILE)) {
            BufferedImage expected = VqiCodec.decompress(file, ModelRegistry.of(List.of(MODEL), List.of(), true));
            BufferedImage actual = readerOf(file).read(0);
            assertEquals(expected.getType(), actual.getType());
            assertSameSamples(expected.getRaster(), actual.getRaster());
        }
    }

    @Test
    void grayFilesReadAsEightBitGray() throws IOException {
        VqiImageReader reader = readerOf(GRAY_30x20_FILE);
        List<ImageTypeSpecifier> types = new java.util.ArrayList<>();
        reader.getImageTypes(0).forEachRemaining(types::add);
        assertEquals(List.of(ImageTypeSpecifier.createFromBufferedImageType(BufferedImage.TYPE_BYTE_GRAY)), types);
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, reader.read(0).getType());
    }

    @Test
    void theHeaderIsReadLazilyAndAloneSoADamagedBodyFailsOnlyWhenItsChunksAreNeeded() throws IOException {
        byte[] damaged = RGB_64_FILE.clone();
        damaged[damaged.length - 20] ^= 0x40; // inside the CODE chunk: its CRC no longer matches
        VqiImageReader reader = readerOf(damaged);
        assertEquals(64, reader.getWidth(0));
        assertEquals(64, reader.getHeight(0));
        // The image types depend on the alph and iccp chunks, so they read (and check) the whole file.
        assertThrows(IIOException.class, () -> reader.getImageTypes(0));
        IIOException e = assertThrows(IIOException.class, () -> reader.read(0));
        MalformedContainerException cause = assertInstanceOf(MalformedContainerException.class, e.getCause());
        assertTrue(cause.getMessage().contains("CRC"), cause.getMessage());
        assertThrows(IIOException.class, () -> reader.getImageMetadata(0));
    }

    @Test
    void aDamagedSignatureIsNotDecodableAndFailsWithItsOffset() throws IOException {
        byte[] damaged = RGB_64_FILE.clone();
        damaged[4] = '\n'; // CR LF turned into LF LF, as a text-mode transfer would
        try (var stream = memoryStream(damaged)) {
            assertFalse(new VqiImageReaderSpi().canDecodeInput(stream));
        }
        IIOException e = assertThrows(IIOException.class, () -> readerOf(damaged).getWidth(0));
        assertEquals(0, assertInstanceOf(MalformedContainerException.class, e.getCause()).offset());
    }

    @Test
    void bytesAfterIendAreRefused() {
        byte[] longer = Arrays.copyOf(RGB_64_FILE, RGB_64_FILE.length + 1);
        assertThrows(IIOException.class, () -> readerOf(longer).read(0));
    }

    /**
     * A 46-byte-scale file claiming 16384 × 16384 pixels: legal for the container, but three bytes cannot code four
     * million indices. Before the destination (a gigabyte) exists, either the heap check refuses it (a JVM with
     * less than 3 GiB of heap) or the range decoder fails within a few symbols.
     */
    @Test
    void aTinyFileDeclaringHugeDimensionsFailsOnItsCodesBeforeAllocation() throws IOException {
        VqiHeader header = VqiHeader.builder().size(16384, 16384).colorModel(ColorModel.RGB).quality(1)
                .model(new ModelRef(MODEL.modelId(), MODEL.sha256())).latentGrid(2048, 2048).build();
        byte[] file = VqiContainerWriter.toBytes(VqiContainer.ofCodes(header,
                List.of(new CodeChunk(0, 0, new byte[] {1, 2, 3}))));
        VqiImageReader reader = readerOf(file);
        assertEquals(16384, reader.getWidth(0));
        IIOException e = assertThrows(IIOException.class, () -> reader.read(0));
        if (e.getCause() instanceof io.vqi.codec.InsufficientMemoryException) {
            assertTrue(e.getMessage().contains("raise -Xmx"), e.getMessage());
        } else {
            assertInstanceOf(io.vqi.core.CorruptStreamException.class, e.getCause());
            assertTrue(e.getMessage().contains("past the end"), e.getMessage());
        }
    }

    @Test
    void aDestinationOffsetAskingForAHugeImageIsRejectedBeforeAllocation() {
        VqiImageReader reader = readerOf(RGB_64_FILE);
        ImageReadParam param = reader.getDefaultReadParam();
        param.setDestinationOffset(new Point(60_000, 60_000));
        IIOException e = assertThrows(IIOException.class, () -> reader.read(0, param));
        assertTrue(e.getMessage().contains("destination 60064x60064 is more than the " + VqiFormat.MAX_PIXELS + " pixels"), e.getMessage());
    }

    @Test
    void aFileFromAnotherModelIsRefusedWithItsName() {
        byte[] file = TestFixtures.compress(TestFixtures.RGB_37x23, OTHER_MODEL);
        IIOException e = assertThrows(IIOException.class, () -> readerOf(file).read(0));
        assertInstanceOf(UnsupportedModelException.class, e.getCause());
        assertTrue(e.getMessage().contains(OTHER_MODEL.modelId()), e.getMessage());
    }

    @Test
    void withoutModelsOnlyTheEmbeddedDefaultIsTried() throws IOException {
        VqiImageReader reader = new VqiImageReader(new VqiImageReaderSpi(), ModelRegistry.none());
        reader.setInput(memoryStream(RGB_64_FILE));
        assertEquals(64, reader.getWidth(0));
        assertThrows(IIOException.class, () -> reader.read(0));
        reader.setModels(List.of(OTHER_MODEL, MODEL));
        assertEquals(64, reader.read(0).getWidth());
    }

    @Test
    void resetForgetsTheModels() {
        VqiImageReader reader = readerOf(RGB_64_FILE);
        reader.reset();
        assertEquals(List.of(), reader.getModels());
    }

    // Metadata

    @Test
    void nativeMetadataNamesModelQualityGridAndRate() throws IOException {
        VqiImageMetadata metadata = readerOf(RGB_64_FILE).getImageMetadata(0);
        assertEquals(MODEL.modelId(), metadata.modelId());
        assertEquals(MODEL.sha256Hex().substring(0, 16), metadata.weightsSha256Hex(), "format 2 keeps 8 bytes");
        assertEquals(1, metadata.quality());
        assertEquals(ColorModel.RGB, metadata.colorModel());
        assertEquals("2." + RGB_64_FILE[17], metadata.formatVersion()); // the file's own version bytes
        assertEquals(RGB_64_FILE.length, metadata.fileLength().orElseThrow());
        assertEquals(8.0 * RGB_64_FILE.length / (64 * 64), metadata.bitsPerPixel().orElseThrow(), 1e-12);

        Node root = metadata.getAsTree(VqiProviderInfo.NATIVE_IMAGE_METADATA_FORMAT_NAME);
        assertEquals(VqiProviderInfo.NATIVE_IMAGE_METADATA_FORMAT_NAME, root.getNodeName());
        IIOMetadataNode image = child(root, "Image");
        assertEquals("64", image.getAttribute("width"));
        assertEquals("64", image.getAttribute("height"));
        assertEquals("RGB", image.getAttribute("colorModel"));
        assertEquals("8", image.getAttribute("bitDepth"));
        assertEquals("2." + RGB_64_FILE[17], image.getAttribute("formatVersion"));
        IIOMetadataNode model = child(root, "Model");
        assertEquals(MODEL.modelId(), model.getAttribute("id"));
        assertEquals(MODEL.sha256Hex().substring(0, 16), model.getAttribute("weightsSha256"));
        IIOMetadataNode coding = child(root, "Coding");
        assertEquals("1", coding.getAttribute("quality"));
        assertEquals("8", coding.getAttribute("latentRows")); // 64 / 8: the tiny model downsamples by 8
        assertEquals("8", coding.getAttribute("latentCols"));
        assertEquals("1", coding.getAttribute("stages"));
        assertEquals("1", coding.getAttribute("tiles"));
        assertEquals(Integer.toString(RGB_64_FILE.length), coding.getAttribute("fileLength"));
        assertEquals(8.0 * RGB_64_FILE.length / 4096, Double.parseDouble(coding.getAttribute("bitsPerPixel")), 1e-12);
    }

    @Test
    void standardMetadataHasChromaCompressionAndVersion() throws IOException {
        Node rgb = readerOf(RGB_37x23_FILE).getImageMetadata(0).getAsTree(IIOMetadataFormatImpl.standardMetadataFormatName);
        assertEquals("RGB", child(child(rgb, "Chroma"), "ColorSpaceType").getAttribute("name"));
        assertEquals("3", child(child(rgb, "Chroma"), "NumChannels").getAttribute("value"));
        assertEquals(MODEL.modelId(), child(child(rgb, "Compression"), "CompressionTypeName").getAttribute("value"));
        assertEquals("FALSE", child(child(rgb, "Compression"), "Lossless").getAttribute("value"));
        assertEquals(RGB_37x23_FILE[16] + "." + RGB_37x23_FILE[17], child(child(rgb, "Document"), "FormatVersion").getAttribute("value"));
        assertEquals("8 8 8", child(child(rgb, "Data"), "BitsPerSample").getAttribute("value"));
        assertEquals("Normal", child(child(rgb, "Dimension"), "ImageOrientation").getAttribute("value"));

        Node gray = readerOf(GRAY_30x20_FILE).getImageMetadata(0).getAsTree(IIOMetadataFormatImpl.standardMetadataFormatName);
        assertEquals("GRAY", child(child(gray, "Chroma"), "ColorSpaceType").getAttribute("name"));
        assertEquals("1", child(child(gray, "Chroma"), "NumChannels").getAttribute("value"));
    }

    @Test
    void metadataIsReadOnlyAndKnowsOnlyItsFormats() throws IOException {
        VqiImageMetadata metadata = readerOf(RGB_64_FILE).getImageMetadata(0);
        assertTrue(metadata.isReadOnly());
        Node tree = metadata.getAsTree(VqiProviderInfo.NATIVE_IMAGE_METADATA_FORMAT_NAME);
        assertThrows(IllegalStateException.class,
                () -> metadata.mergeTree(VqiProviderInfo.NATIVE_IMAGE_METADATA_FORMAT_NAME, tree));
        assertThrows(IllegalStateException.class, metadata::reset);
        assertThrows(IllegalArgumentException.class, () -> metadata.getAsTree("no_such_format"));
        assertEquals(VqiImageMetadataFormat.getInstance(),
                metadata.getMetadataFormat(VqiProviderInfo.NATIVE_IMAGE_METADATA_FORMAT_NAME));
    }

    /** Issue 15 item 2: the decoder's rows and windows move the progress between 10 % and 90 %, never back. */
    @Test
    void progressFollowsTheDecoderInsideTheImage() throws IOException {
        VqiImageReader reader = readerOf(RGB_64_FILE);
        ProgressEvents events = ProgressEvents.listeningTo(reader);
        reader.read(0);
        events.assertCompleteSequence();
        assertTrue(events.percentages.stream().anyMatch(p -> p > 10f && p < 40f), "rows: " + events.percentages);
        assertTrue(events.percentages.contains(50f), "the windows start at 50 %: " + events.percentages);
    }

    @Test
    void metadataDoesNotDecodePixels() throws IOException {
        VqiImageReader reader = readerOf(RGB_64_FILE);
        ProgressEvents events = ProgressEvents.listeningTo(reader);
        reader.getImageMetadata(0);
        assertEquals(List.of(), events.events);
    }

    static IIOMetadataNode child(Node parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeName().equals(name)) {
                return (IIOMetadataNode) n;
            }
        }
        throw new AssertionError(parent.getNodeName() + " has no child " + name);
    }
}

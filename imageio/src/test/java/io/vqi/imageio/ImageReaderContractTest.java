package io.vqi.imageio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static io.vqi.imageio.TestFixtures.assertSameSamples;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every {@link ImageReader} must do, whatever the format (the TwelveMonkeys {@code ImageReaderAbstractTest}
 * idea, our own smaller copy). A format supplies its provider, a configured reader, names, and test files with their
 * sizes; expected pixels come from the reader's own full decode, against which regions, subsampling and destinations
 * are checked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ImageReaderContractTest<R extends ImageReader> {

    /** One test file: its bytes and the size the reader must report. */
    record TestData(String name, byte[] bytes, Dimension size) {
        @Override
        public String toString() {
            return name;
        }
    }

    protected abstract ImageReaderSpi createProvider();

    /** A reader ready to decode every test file (models, options and the like already set). */
    protected abstract R createReader();

    protected abstract List<TestData> testData();

    protected abstract List<String> formatNames();

    protected abstract List<String> suffixes();

    protected abstract List<String> mimeTypes();

    @TempDir
    Path tempDir;

    static ImageInputStream memoryStream(byte[] bytes) {
        return new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes));
    }

    R readerFor(TestData data) {
        R reader = createReader();
        reader.setInput(memoryStream(data.bytes()));
        return reader;
    }

    BufferedImage fullRead(TestData data) throws IOException {
        R reader = readerFor(data);
        try {
            return reader.read(0);
        } finally {
            reader.dispose();
        }
    }

    BufferedImage readWith(TestData data, Function<R, ImageReadParam> param) throws IOException {
        R reader = readerFor(data);
        try {
            return reader.read(0, param.apply(reader));
        } finally {
            reader.dispose();
        }
    }

    TestData first() {
        return testData().get(0);
    }

    // Registration

    @Test
    void providerIsFoundByEveryFormatName() {
        for (String name : formatNames()) {
            assertProviderAmong(ImageIO.getImageReadersByFormatName(name), "format name " + name);
        }
    }

    @Test
    void providerIsFoundByEverySuffix() {
        for (String suffix : suffixes()) {
            assertProviderAmong(ImageIO.getImageReadersBySuffix(suffix), "suffix " + suffix);
        }
    }

    @Test
    void providerIsFoundByEveryMimeType() {
        for (String mime : mimeTypes()) {
            assertProviderAmong(ImageIO.getImageReadersByMIMEType(mime), "MIME type " + mime);
        }
    }

    private void assertProviderAmong(Iterator<ImageReader> readers, String what) {
        Class<?> expected = createProvider().getClass();
        List<Class<?>> found = new ArrayList<>();
        readers.forEachRemaining(r -> found.add(r.getOriginatingProvider().getClass()));
        assertTrue(found.contains(expected), "no " + expected.getSimpleName() + " for " + what + ": " + found);
    }

    @Test
    void providerDeclaresNamesAndStreamInput() {
        ImageReaderSpi spi = createProvider();
        assertEquals(formatNames(), Arrays.asList(spi.getFormatNames()));
        assertEquals(suffixes(), Arrays.asList(spi.getFileSuffixes()));
        assertEquals(mimeTypes(), Arrays.asList(spi.getMIMETypes()));
        assertTrue(Arrays.asList(spi.getInputTypes()).contains(ImageInputStream.class));
        assertNotNull(spi.getDescription(null));
        assertNotNull(spi.getVendorName());
        assertNotNull(spi.getVersion());
        R reader = createReader();
        assertTrue(spi.isOwnReader(reader));
        assertEquals(spi.getClass(), reader.getOriginatingProvider().getClass());
    }

    // canDecodeInput

    @ParameterizedTest
    @MethodSource("testData")
    void canDecodeInputAcceptsTheFileAndConsumesNothing(TestData data) throws IOException {
        try (ImageInputStream stream = memoryStream(data.bytes())) {
            assertTrue(createProvider().canDecodeInput(stream));
            assertEquals(0, stream.getStreamPosition());
            byte[] all = new byte[data.bytes().length];
            stream.readFully(all);
            assertArrayEquals(data.bytes(), all);
        }
    }

    @Test
    void canDecodeInputResetsToAPositionInsideTheStream() throws IOException {
        byte[] junk = {1, 2, 3, 4, 5};
        byte[] bytes = new byte[junk.length + first().bytes().length];
        System.arraycopy(junk, 0, bytes, 0, junk.length);
        System.arraycopy(first().bytes(), 0, bytes, junk.length, first().bytes().length);
        try (ImageInputStream stream = memoryStream(bytes)) {
            stream.seek(junk.length);
            assertTrue(createProvider().canDecodeInput(stream));
            assertEquals(junk.length, stream.getStreamPosition());
        }
    }

    @Test
    void canDecodeInputRefusesOtherDataAndResets() throws IOException {
        byte[] valid = first().bytes();
        byte[] random = new byte[64];
        new Random(7).nextBytes(random);
        List<byte[]> others = List.of(new byte[0], Arrays.copyOf(valid, 1), Arrays.copyOf(valid, 3),
                random, pngBytes());
        for (byte[] other : others) {
            try (ImageInputStream stream = memoryStream(other)) {
                assertFalse(createProvider().canDecodeInput(stream), Arrays.toString(Arrays.copyOf(other, 8)));
                assertEquals(0, stream.getStreamPosition());
            }
        }
    }

    private static byte[] pngBytes() throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    @Test
    void canDecodeInputRefusesWhatIsNotAStream() throws IOException {
        assertFalse(createProvider().canDecodeInput("not a stream"));
        assertFalse(createProvider().canDecodeInput(first().bytes()));
    }

    @Test
    void canDecodeInputRefusesNull() {
        assertThrows(IllegalArgumentException.class, () -> createProvider().canDecodeInput(null));
    }

    // Input and index checks

    @Test
    void everyQueryWithoutInputThrowsIllegalState() {
        R reader = createReader();
        assertThrows(IllegalStateException.class, () -> reader.read(0));
        assertThrows(IllegalStateException.class, () -> reader.getWidth(0));
        assertThrows(IllegalStateException.class, () -> reader.getHeight(0));
        assertThrows(IllegalStateException.class, () -> reader.getNumImages(false));
        assertThrows(IllegalStateException.class, () -> reader.getImageTypes(0));
        assertThrows(IllegalStateException.class, () -> reader.getImageMetadata(0));
    }

    @Test
    void inputOfTheWrongTypeIsRefused() {
        R reader = createReader();
        assertThrows(IllegalArgumentException.class, () -> reader.setInput("not a stream"));
        assertThrows(IllegalArgumentException.class, () -> reader.setInput(first().bytes()));
    }

    @Test
    void indicesOutsideTheImagesThrowIndexOutOfBounds() throws IOException {
        R reader = readerFor(first());
        int past = reader.getNumImages(true);
        for (int index : new int[] {-1, past}) {
            assertThrows(IndexOutOfBoundsException.class, () -> reader.read(index));
            assertThrows(IndexOutOfBoundsException.class, () -> reader.getWidth(index));
            assertThrows(IndexOutOfBoundsException.class, () -> reader.getHeight(index));
            assertThrows(IndexOutOfBoundsException.class, () -> reader.getImageTypes(index));
            assertThrows(IndexOutOfBoundsException.class, () -> reader.getImageMetadata(index));
        }
    }

    @Test
    void thereIsAtLeastOneImage() throws IOException {
        R reader = readerFor(first());
        assertTrue(reader.getNumImages(true) >= 1);
        int counted = reader.getNumImages(false);
        assertTrue(counted == -1 || counted >= 1);
    }

    // Header queries

    @ParameterizedTest
    @MethodSource("testData")
    void sizeAndTypesAreKnownBeforeReadingPixels(TestData data) throws IOException {
        R reader = readerFor(data);
        ProgressEvents events = ProgressEvents.listeningTo(reader);
        assertEquals(data.size().width, reader.getWidth(0));
        assertEquals(data.size().height, reader.getHeight(0));
        assertTrue(reader.getImageTypes(0).hasNext());
        assertNotNull(reader.getRawImageType(0));
        assertEquals(List.of(), events.events, "a header query started decoding");
    }

    // Reading

    @ParameterizedTest
    @MethodSource("testData")
    void readsFromAMemoryStreamInTheFirstImageType(TestData data) throws IOException {
        R reader = readerFor(data);
        BufferedImage image = reader.read(0);
        assertEquals(data.size(), new Dimension(image.getWidth(), image.getHeight()));
        ImageTypeSpecifier firstType = reader.getImageTypes(0).next();
        assertEquals(firstType.getColorModel(), image.getColorModel());
        assertEquals(firstType.getSampleModel().getNumBands(), image.getSampleModel().getNumBands());
    }

    @ParameterizedTest
    @MethodSource("testData")
    void readsTheSameFromAFileStream(TestData data) throws IOException {
        Path file = tempDir.resolve(data.name() + ".bin");
        Files.write(file, data.bytes());
        BufferedImage expected = fullRead(data);
        for (ImageInputStream stream : List.of(new FileImageInputStream(file.toFile()),
                ImageIO.createImageInputStream(file.toFile()))) {
            try (stream) {
                R reader = createReader();
                reader.setInput(stream, true, true);
                assertSameSamples(expected.getRaster(), reader.read(0).getRaster());
                reader.dispose();
            }
        }
    }

    @Test
    void readingTwiceGivesTheSameImage() throws IOException {
        R reader = readerFor(first());
        BufferedImage once = reader.read(0);
        BufferedImage twice = reader.read(0, reader.getDefaultReadParam());
        assertSameSamples(once.getRaster(), twice.getRaster());
    }

    @Test
    void aNewInputForgetsTheOldOne() throws IOException {
        R reader = createReader();
        for (TestData data : testData()) {
            reader.setInput(memoryStream(data.bytes()));
            assertEquals(data.size().width, reader.getWidth(0), data.name());
            BufferedImage image = reader.read(0);
            assertEquals(data.size().height, image.getHeight(), data.name());
        }
    }

    @Test
    void truncatedInputIsAnIOException() {
        byte[] bytes = first().bytes();
        for (int length : new int[] {bytes.length / 2, bytes.length - 1}) {
            R reader = createReader();
            reader.setInput(memoryStream(Arrays.copyOf(bytes, length)));
            assertThrows(IOException.class, () -> reader.read(0), "cut at " + length);
        }
    }

    // ImageReadParam

    static List<Rectangle> regions(Dimension size) {
        int w = size.width;
        int h = size.height;
        return List.of(new Rectangle(0, 0, w, h), new Rectangle(0, 0, w / 2 + 1, h / 2 + 1),
                new Rectangle(w / 3, h / 4, w / 2, h / 2), new Rectangle(w - 5, h - 3, 40, 40),
                new Rectangle(w / 2, 0, 1, h), new Rectangle(0, h - 1, w, 1));
    }

    static final int[][] SUBSAMPLINGS = {{1, 1, 0, 0}, {2, 2, 0, 0}, {3, 1, 1, 0}, {1, 4, 0, 2}, {5, 3, 2, 1},
            {2, 2, 1, 1}};

    @ParameterizedTest
    @MethodSource("testData")
    void sourceRegionsMatchTheFullImage(TestData data) throws IOException {
        BufferedImage full = fullRead(data);
        for (Rectangle region : regions(data.size())) {
            BufferedImage part = readWith(data, r -> {
                ImageReadParam p = r.getDefaultReadParam();
                p.setSourceRegion(region);
                return p;
            });
            Rectangle clipped = region.intersection(new Rectangle(data.size()));
            assertSameSamples(full.getRaster().createChild(clipped.x, clipped.y, clipped.width, clipped.height,
                    0, 0, null), part.getRaster());
        }
    }

    @ParameterizedTest
    @MethodSource("testData")
    void subsamplingMatchesTheFullImage(TestData data) throws IOException {
        BufferedImage full = fullRead(data);
        for (int[] s : SUBSAMPLINGS) {
            BufferedImage sub = readWith(data, r -> {
                ImageReadParam p = r.getDefaultReadParam();
                p.setSourceSubsampling(s[0], s[1], s[2], s[3]);
                return p;
            });
            assertSameImage(subsample(full, new Rectangle(data.size()), s), sub, Arrays.toString(s));
        }
    }

    @ParameterizedTest
    @MethodSource("testData")
    void regionAndSubsamplingTogetherMatchTheFullImage(TestData data) throws IOException {
        BufferedImage full = fullRead(data);
        for (Rectangle region : regions(data.size())) {
            for (int[] s : SUBSAMPLINGS) {
                Rectangle clipped = region.intersection(new Rectangle(data.size()));
                if (s[2] >= clipped.width || s[3] >= clipped.height) {
                    continue; // nothing left to read: the standard helpers refuse an empty region
                }
                BufferedImage sub = readWith(data, r -> {
                    ImageReadParam p = r.getDefaultReadParam();
                    p.setSourceRegion(region);
                    p.setSourceSubsampling(s[0], s[1], s[2], s[3]);
                    return p;
                });
                assertSameImage(subsample(full, clipped, s), sub, region + " " + Arrays.toString(s));
            }
        }
    }

    /**
     * The reference: pixel (i, j) of the result is pixel (region.x + offX + i·periodX, region.y + offY + j·periodY),
     * for as many i, j as stay inside the region (javax.imageio.IIOParam's definition).
     */
    static BufferedImage subsample(BufferedImage full, Rectangle region, int[] s) {
        int periodX = s[0];
        int periodY = s[1];
        int x0 = region.x + s[2];
        int y0 = region.y + s[3];
        int w = (region.x + region.width - x0 + periodX - 1) / periodX;
        int h = (region.y + region.height - y0 + periodY - 1) / periodY;
        BufferedImage out = new BufferedImage(full.getColorModel(),
                full.getRaster().createCompatibleWritableRaster(w, h), false, null);
        int bands = full.getRaster().getNumBands();
        int[] pixel = new int[bands];
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                full.getRaster().getPixel(x0 + i * periodX, y0 + j * periodY, pixel);
                out.getRaster().setPixel(i, j, pixel);
            }
        }
        return out;
    }

    private static void assertSameImage(BufferedImage expected, BufferedImage actual, String what) {
        assertEquals(new Dimension(expected.getWidth(), expected.getHeight()),
                new Dimension(actual.getWidth(), actual.getHeight()), what);
        TestFixtures.assertSameSamples(expected.getRaster(), actual.getRaster());
    }

    @Test
    void destinationOffsetShiftsTheImage() throws IOException {
        BufferedImage full = fullRead(first());
        Point offset = new Point(3, 2);
        BufferedImage shifted = readWith(first(), r -> {
            ImageReadParam p = r.getDefaultReadParam();
            p.setDestinationOffset(offset);
            return p;
        });
        assertEquals(full.getWidth() + offset.x, shifted.getWidth());
        assertEquals(full.getHeight() + offset.y, shifted.getHeight());
        assertSameSamples(full.getRaster(), shifted.getRaster().createChild(offset.x, offset.y, full.getWidth(),
                full.getHeight(), 0, 0, null));
        assertEquals(0, shifted.getRaster().getSample(0, 0, 0), "the margin stays empty");
    }

    @Test
    void negativeDestinationOffsetCutsTheSource() throws IOException {
        BufferedImage full = fullRead(first());
        BufferedImage cut = readWith(first(), r -> {
            ImageReadParam p = r.getDefaultReadParam();
            p.setDestinationOffset(new Point(-2, -1));
            return p;
        });
        assertSameSamples(full.getRaster().createChild(2, 1, full.getWidth() - 2, full.getHeight() - 1, 0, 0, null),
                cut.getRaster());
    }

    @Test
    void anExplicitDestinationIsFilledInPlace() throws IOException {
        BufferedImage full = fullRead(first());
        BufferedImage destination = new BufferedImage(full.getColorModel(),
                full.getRaster().createCompatibleWritableRaster(full.getWidth() + 10, full.getHeight() + 6),
                false, null);
        Graphics2D g = destination.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, destination.getWidth(), destination.getHeight());
        g.dispose();
        int marker = destination.getRaster().getSample(0, 0, 0);
        Point offset = new Point(4, 5);
        BufferedImage result = readWith(first(), r -> {
            ImageReadParam p = r.getDefaultReadParam();
            p.setDestination(destination);
            p.setDestinationOffset(offset);
            return p;
        });
        assertSame(destination, result);
        assertSameSamples(full.getRaster(), result.getRaster().createChild(offset.x, offset.y, full.getWidth(),
                full.getHeight(), 0, 0, null));
        assertEquals(marker, result.getRaster().getSample(0, 0, 0), "outside the region stays untouched");
        assertEquals(marker, result.getRaster().getSample(destination.getWidth() - 1, destination.getHeight() - 1,
                0), "outside the region stays untouched");
    }

    @Test
    void aSmallerDestinationGetsTheTopLeftCorner() throws IOException {
        BufferedImage full = fullRead(first());
        BufferedImage destination = new BufferedImage(full.getColorModel(),
                full.getRaster().createCompatibleWritableRaster(full.getWidth() / 2, full.getHeight() / 3),
                false, null);
        BufferedImage result = readWith(first(), r -> {
            ImageReadParam p = r.getDefaultReadParam();
            p.setDestination(destination);
            return p;
        });
        assertSameSamples(full.getRaster().createChild(0, 0, destination.getWidth(), destination.getHeight(), 0, 0,
                null), result.getRaster());
    }

    @ParameterizedTest
    @MethodSource("testData")
    void everyOfferedDestinationTypeGivesTheSameColours(TestData data) throws IOException {
        BufferedImage full = fullRead(data);
        R reader = readerFor(data);
        for (Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0); types.hasNext(); ) {
            ImageTypeSpecifier type = types.next();
            ImageReadParam p = reader.getDefaultReadParam();
            p.setDestinationType(type);
            BufferedImage image = reader.read(0, p);
            assertEquals(type.getColorModel(), image.getColorModel());
            for (int y = 0; y < full.getHeight(); y += 3) {
                for (int x = 0; x < full.getWidth(); x += 3) {
                    assertEquals(full.getRGB(x, y), image.getRGB(x, y), "(" + x + ", " + y + ") as " + type);
                }
            }
        }
    }

    @Test
    void aDestinationTypeNotOfferedIsRefused() throws IOException {
        R reader = readerFor(first());
        ImageTypeSpecifier odd = ImageTypeSpecifier.createFromBufferedImageType(BufferedImage.TYPE_4BYTE_ABGR_PRE);
        reader.getImageTypes(0).forEachRemaining(t -> assertFalse(t.equals(odd), "test needs a type not offered"));
        ImageReadParam p = reader.getDefaultReadParam();
        p.setDestinationType(odd);
        assertThrows(IIOException.class, () -> reader.read(0, p));
    }

    // Listeners, abort, dispose

    @Test
    void listenersHearStartedProgressCompleteInOrder() throws IOException {
        R reader = readerFor(first());
        ProgressEvents events = ProgressEvents.listeningTo(reader);
        reader.read(0);
        events.assertCompleteSequence();
    }

    @Test
    void aRemovedListenerHearsNothing() throws IOException {
        R reader = readerFor(first());
        ProgressEvents removed = new ProgressEvents();
        ProgressEvents all = new ProgressEvents();
        reader.addIIOReadProgressListener(removed.reading);
        reader.addIIOReadProgressListener(all.reading);
        reader.removeIIOReadProgressListener(removed.reading);
        reader.read(0);
        assertEquals(List.of(), removed.events);
        all.assertCompleteSequence();
        reader.removeAllIIOReadProgressListeners();
        int heard = all.events.size();
        reader.read(0);
        assertEquals(heard, all.events.size(), "heard after removeAllIIOReadProgressListeners");
    }

    @Test
    void abortFromTheListenerStopsTheRead() throws IOException {
        R reader = readerFor(first());
        ProgressEvents events = new ProgressEvents(source -> ((ImageReader) source).abort());
        reader.addIIOReadProgressListener(events.reading);
        reader.read(0); // returns what it has, without throwing
        events.assertAbortedSequence();
    }

    @Test
    void anAbortBeforeReadingDoesNotStopTheNextRead() throws IOException {
        R reader = readerFor(first());
        ProgressEvents events = ProgressEvents.listeningTo(reader);
        reader.abort();
        reader.read(0);
        events.assertCompleteSequence();
    }

    @Test
    void disposeWorksBeforeAndAfterReading() throws IOException {
        createReader().dispose();
        R reader = readerFor(first());
        reader.read(0);
        reader.dispose();
    }

    @Test
    void resetForgetsTheInput() throws IOException {
        R reader = readerFor(first());
        reader.getWidth(0);
        reader.reset();
        assertThrows(IllegalStateException.class, () -> reader.getWidth(0));
    }

    // Metadata

    @ParameterizedTest
    @MethodSource("testData")
    void metadataTreesConformToTheirFormats(TestData data) throws IOException {
        R reader = readerFor(data);
        IIOMetadata stream = reader.getStreamMetadata();
        if (stream != null) {
            MetadataTrees.assertAllTreesConform(stream);
        }
        IIOMetadata image = reader.getImageMetadata(0);
        if (image != null) {
            MetadataTrees.assertAllTreesConform(image);
        }
    }

    @Test
    void theDefaultReadParamIsUsable() throws IOException {
        R reader = readerFor(first());
        ImageReadParam p = reader.getDefaultReadParam();
        assertNotNull(p);
        assertSameSamples(fullRead(first()).getRaster(), reader.read(0, p).getRaster());
    }

    /** For subclasses: a test file written to {@link #tempDir}. */
    File fileOf(TestData data) throws IOException {
        Path file = tempDir.resolve(data.name());
        Files.write(file, data.bytes());
        return file.toFile();
    }
}

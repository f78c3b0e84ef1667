package io.vqi.imageio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.spi.ImageWriterSpi;
import javax.imageio.stream.FileImageOutputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Dimension;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every {@link ImageWriter} must do, whatever the format. A format supplies its provider, a configured writer,
 * names, images it can write, and a way to read its output back (its reader).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ImageWriterContractTest<W extends ImageWriter> {

    protected abstract ImageWriterSpi createProvider();

    /** A writer ready to write every test image (models, options and the like already set). */
    protected abstract W createWriter();

    protected abstract List<RenderedImage> testImages();

    protected abstract List<String> formatNames();

    protected abstract List<String> suffixes();

    protected abstract List<String> mimeTypes();

    /** Decodes what the writer wrote. */
    protected abstract BufferedImage readBack(byte[] file) throws IOException;

    /** A type the writer must refuse, or null if it takes everything. */
    protected abstract ImageTypeSpecifier unsupportedType();

    @TempDir
    Path tempDir;

    /** Writes with {@code param} (may be null) to memory. */
    byte[] write(W writer, IIOImage image, ImageWriteParam param) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, image, param);
        }
        return bytes.toByteArray();
    }

    byte[] write(RenderedImage image, ImageWriteParam param) throws IOException {
        W writer = createWriter();
        try {
            return write(writer, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    RenderedImage first() {
        return testImages().get(0);
    }

    static Dimension sizeOf(RenderedImage image) {
        return new Dimension(image.getWidth(), image.getHeight());
    }

    // Registration

    @Test
    void providerIsFoundByEveryFormatName() {
        for (String name : formatNames()) {
            assertProviderAmong(ImageIO.getImageWritersByFormatName(name), "format name " + name);
        }
    }

    @Test
    void providerIsFoundByEverySuffix() {
        for (String suffix : suffixes()) {
            assertProviderAmong(ImageIO.getImageWritersBySuffix(suffix), "suffix " + suffix);
        }
    }

    @Test
    void providerIsFoundByEveryMimeType() {
        for (String mime : mimeTypes()) {
            assertProviderAmong(ImageIO.getImageWritersByMIMEType(mime), "MIME type " + mime);
        }
    }

    private void assertProviderAmong(Iterator<ImageWriter> writers, String what) {
        Class<?> expected = createProvider().getClass();
        List<Class<?>> found = new ArrayList<>();
        writers.forEachRemaining(w -> found.add(w.getOriginatingProvider().getClass()));
        assertTrue(found.contains(expected), "no " + expected.getSimpleName() + " for " + what + ": " + found);
    }

    @Test
    void providerDeclaresNamesAndStreamOutput() {
        ImageWriterSpi spi = createProvider();
        assertEquals(formatNames(), Arrays.asList(spi.getFormatNames()));
        assertEquals(suffixes(), Arrays.asList(spi.getFileSuffixes()));
        assertEquals(mimeTypes(), Arrays.asList(spi.getMIMETypes()));
        assertTrue(Arrays.asList(spi.getOutputTypes()).contains(ImageOutputStream.class));
        assertNotNull(spi.getDescription(null));
        W writer = createWriter();
        assertTrue(spi.isOwnWriter(writer));
        assertEquals(spi.getClass(), writer.getOriginatingProvider().getClass());
    }

    @ParameterizedTest
    @MethodSource("testImages")
    void providerCanEncodeEveryTestImage(RenderedImage image) {
        assertTrue(createProvider().canEncodeImage(image));
    }

    @Test
    void anUnsupportedTypeIsRefusedAndImageIOFallsThrough() throws IOException {
        ImageTypeSpecifier type = unsupportedType();
        if (type == null) {
            return;
        }
        assertFalse(createProvider().canEncodeImage(type));
        BufferedImage image = type.createBufferedImage(8, 8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertFalse(ImageIO.write(image, formatNames().get(0), bytes), "ImageIO found a writer for " + type);
    }

    // Output and argument checks

    @Test
    void writingWithoutOutputThrowsIllegalState() {
        W writer = createWriter();
        assertThrows(IllegalStateException.class, () -> writer.write(first()));
    }

    @Test
    void outputOfTheWrongTypeIsRefused() {
        W writer = createWriter();
        assertThrows(IllegalArgumentException.class, () -> writer.setOutput("not a stream"));
        assertThrows(IllegalArgumentException.class, () -> writer.setOutput(new ByteArrayOutputStream()));
    }

    @Test
    void aNullImageIsRefused() throws IOException {
        W writer = createWriter();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(new ByteArrayOutputStream())) {
            writer.setOutput(out);
            assertThrows(IllegalArgumentException.class, () -> writer.write((IIOImage) null));
        }
    }

    @Test
    void rastersAreRefusedUnlessSupported() throws IOException {
        W writer = createWriter();
        if (writer.canWriteRasters()) {
            return;
        }
        BufferedImage image = (BufferedImage) first();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(new ByteArrayOutputStream())) {
            writer.setOutput(out);
            assertThrows(UnsupportedOperationException.class,
                    () -> writer.write(new IIOImage(image.getRaster(), null, null)));
        }
    }

    // Writing

    @ParameterizedTest
    @MethodSource("testImages")
    void writesToMemoryAndReadsBackTheSize(RenderedImage image) throws IOException {
        byte[] file = write(image, null);
        assertTrue(file.length > 0);
        BufferedImage back = readBack(file);
        assertEquals(sizeOf(image), sizeOf(back));
    }

    @Test
    void writesToAFileStream() throws IOException {
        byte[] file = writeToFile(createWriter(), first(), tempDir.resolve("out.bin"));
        assertEquals(sizeOf(first()), sizeOf(readBack(file)));
    }

    /** Writes {@code image} to {@code file} through a {@link FileImageOutputStream}; the file's bytes. */
    protected static byte[] writeToFile(ImageWriter writer, RenderedImage image, Path file) throws IOException {
        try (FileImageOutputStream out = new FileImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.write(image);
        }
        return Files.readAllBytes(file);
    }

    @Test
    void theDefaultWriteParamWorks() throws IOException {
        W writer = createWriter();
        ImageWriteParam param = writer.getDefaultWriteParam();
        assertNotNull(param);
        byte[] file = write(writer, new IIOImage(first(), null, null), param);
        assertEquals(sizeOf(first()), sizeOf(readBack(file)));
    }

    @Test
    void everyCompressionTypeAndQualityWorks() throws IOException {
        W writer = createWriter();
        ImageWriteParam param = writer.getDefaultWriteParam();
        if (!param.canWriteCompressed()) {
            return;
        }
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        String[] types = param.getCompressionTypes();
        assertNotNull(types);
        for (String type : types) {
            param.setCompressionType(type);
            for (float quality : new float[] {0f, 0.5f, 1f}) {
                param.setCompressionQuality(quality);
                byte[] file = write(writer, new IIOImage(first(), null, null), param);
                assertEquals(sizeOf(first()), sizeOf(readBack(file)), type + " at " + quality);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> param.setCompressionType("no such type"));
        assertThrows(IllegalArgumentException.class, () -> param.setCompressionQuality(1.5f));
    }

    @Test
    void sourceRegionAndSubsamplingShapeTheOutput() throws IOException {
        Dimension size = sizeOf(first());
        W writer = createWriter();
        ImageWriteParam region = writer.getDefaultWriteParam();
        region.setSourceRegion(new Rectangle(3, 2, size.width / 2, size.height / 2));
        assertEquals(new Dimension(size.width / 2, size.height / 2),
                sizeOf(readBack(write(writer, new IIOImage(first(), null, null), region))));

        ImageWriteParam subsampled = writer.getDefaultWriteParam();
        subsampled.setSourceSubsampling(2, 3, 1, 0);
        assertEquals(new Dimension((size.width - 1 + 1) / 2, (size.height + 2) / 3),
                sizeOf(readBack(write(writer, new IIOImage(first(), null, null), subsampled))));
    }

    // Listeners, abort, dispose

    @Test
    void listenersHearStartedProgressCompleteInOrder() throws IOException {
        W writer = createWriter();
        ProgressEvents events = ProgressEvents.listeningTo(writer);
        write(writer, new IIOImage(first(), null, null), null);
        events.assertCompleteSequence();
    }

    @Test
    void abortFromTheListenerStopsTheWrite() throws IOException {
        W writer = createWriter();
        ProgressEvents events = new ProgressEvents(source -> ((ImageWriter) source).abort());
        writer.addIIOWriteProgressListener(events.writing);
        write(writer, new IIOImage(first(), null, null), null);
        events.assertAbortedSequence();
    }

    @Test
    void anAbortBeforeWritingDoesNotStopTheNextWrite() throws IOException {
        W writer = createWriter();
        ProgressEvents events = ProgressEvents.listeningTo(writer);
        writer.abort();
        write(writer, new IIOImage(first(), null, null), null);
        events.assertCompleteSequence();
    }

    @Test
    void disposeWorksBeforeAndAfterWriting() throws IOException {
        createWriter().dispose();
        W writer = createWriter();
        write(writer, new IIOImage(first(), null, null), null);
        writer.dispose();
    }

    // Metadata

    @Test
    void defaultMetadataConformsToItsFormats() {
        W writer = createWriter();
        ImageTypeSpecifier type = ImageTypeSpecifier.createFromRenderedImage(first());
        IIOMetadata stream = writer.getDefaultStreamMetadata(null);
        if (stream != null) {
            MetadataTrees.assertAllTreesConform(stream);
        }
        IIOMetadata image = writer.getDefaultImageMetadata(type, writer.getDefaultWriteParam());
        if (image != null) {
            MetadataTrees.assertAllTreesConform(image);
        }
    }
}

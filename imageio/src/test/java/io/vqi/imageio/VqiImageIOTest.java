package io.vqi.imageio;

import io.vqi.codec.ModelRegistry;

import io.vqi.model.ModelBundle;
import io.vqi.codec.VqiCodec;
import io.vqi.format.VqiContainerReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.spi.IIORegistry;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

import static io.vqi.imageio.TestFixtures.MODEL;
import static io.vqi.imageio.TestFixtures.OTHER_MODEL;
import static io.vqi.imageio.TestFixtures.RGB_37x23;
import static io.vqi.imageio.TestFixtures.RGB_64;
import static io.vqi.imageio.TestFixtures.GRAY_30x20;
import static io.vqi.imageio.TestFixtures.assertSameSamples;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plugin through ImageIO's static API, with nothing configured but the classpath: lookups by name, suffix and MIME
 * type, and {@code ImageIO.write}/{@code ImageIO.read} round trips, the model handed over by the system property.
 */
class VqiImageIOTest {

    @TempDir
    Path tempDir;

    @AfterEach
    void clearProperty() {
        System.clearProperty(ConfiguredModels.PROPERTY);
    }

    private Path modelFile(String name, io.vqi.model.ModelBundle model) throws IOException {
        Path file = tempDir.resolve(name);
        model.write(file);
        return file;
    }

    private static byte[] writeWith(ImageWriter writer, BufferedImage image) throws IOException {
        ((VqiImageWriter) writer).setModels(List.of(MODEL));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(image);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static BufferedImage readWith(ImageReader reader, byte[] file) throws IOException {
        ((VqiImageReader) reader).setModels(List.of(MODEL));
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(file))) {
            reader.setInput(in);
            return reader.read(0);
        } finally {
            reader.dispose();
        }
    }

    private static void roundTrip(Function<String, Iterator<ImageWriter>> writers,
                                  Function<String, Iterator<ImageReader>> readers, String key) throws IOException {
        Iterator<ImageWriter> w = writers.apply(key);
        assertTrue(w.hasNext(), "no writer for " + key);
        byte[] file = writeWith(w.next(), RGB_37x23);
        assertArrayEquals(VqiCodec.compress(RGB_37x23, MODEL), file);
        Iterator<ImageReader> r = readers.apply(key);
        assertTrue(r.hasNext(), "no reader for " + key);
        assertSameSamples(VqiCodec.decompress(file, ModelRegistry.of(List.of(MODEL), List.of(), true)).getRaster(), readWith(r.next(), file).getRaster());
    }

    @Test
    void roundTripThroughFormatNames() throws IOException {
        for (String name : List.of("vqi", "VQI")) {
            roundTrip(ImageIO::getImageWritersByFormatName, ImageIO::getImageReadersByFormatName, name);
        }
    }

    @Test
    void roundTripThroughTheSuffix() throws IOException {
        roundTrip(ImageIO::getImageWritersBySuffix, ImageIO::getImageReadersBySuffix, "vqi");
    }

    @Test
    void roundTripThroughTheMimeType() throws IOException {
        roundTrip(ImageIO::getImageWritersByMIMEType, ImageIO::getImageReadersByMIMEType, "image/x-vqi");
    }

    @Test
    void imageIOListsTheNamesSuffixAndMimeType() {
        assertTrue(Arrays.asList(ImageIO.getReaderFormatNames()).containsAll(List.of("vqi", "VQI")));
        assertTrue(Arrays.asList(ImageIO.getWriterFormatNames()).containsAll(List.of("vqi", "VQI")));
        assertTrue(Arrays.asList(ImageIO.getReaderFileSuffixes()).contains("vqi"));
        assertTrue(Arrays.asList(ImageIO.getWriterFileSuffixes()).contains("vqi"));
        assertTrue(Arrays.asList(ImageIO.getReaderMIMETypes()).contains("image/x-vqi"));
        assertTrue(Arrays.asList(ImageIO.getWriterMIMETypes()).contains("image/x-vqi"));
    }

    @Test
    void readerAndWriterFindEachOther() {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("vqi").next();
        ImageReader reader = ImageIO.getImageReader(writer);
        assertInstanceOf(VqiImageReader.class, reader);
        assertInstanceOf(VqiImageWriter.class, ImageIO.getImageWriter(reader));
    }

    @Test
    void imageIOFindsTheReaderFromTheBytesAlone() throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(TestFixtures.RGB_64_FILE))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            assertTrue(readers.hasNext());
            assertInstanceOf(VqiImageReader.class, readers.next());
            assertEquals(0, in.getStreamPosition());
        }
    }

    @Test
    void imageIOWriteThenReadAFileWithTheModelFromTheSystemProperty() throws IOException {
        System.setProperty(ConfiguredModels.PROPERTY, modelFile("test.vqm", MODEL).toString());
        for (BufferedImage image : List.of(RGB_64, GRAY_30x20)) {
            File file = tempDir.resolve("image.vqi").toFile();
            assertTrue(ImageIO.write(image, "vqi", file));
            byte[] bytes = Files.readAllBytes(file.toPath());
            String writtenBy = VqiContainerReader.readHeader(bytes).model().id();
            assertEquals(MODEL.modelId(), writtenBy, "a configured model comes before the embedded one");

            BufferedImage read = ImageIO.read(file);
            assertNotNull(read, "ImageIO found no reader");
            assertSameSamples(VqiCodec.decompress(bytes, ModelRegistry.of(List.of(MODEL), List.of(), true)).getRaster(), read.getRaster());
            assertEquals(image.getWidth(), read.getWidth());
        }
    }

    @Test
    void theSystemPropertyTakesSeveralFilesAndTheFirstWrites() throws IOException {
        System.setProperty(ConfiguredModels.PROPERTY, modelFile("a.vqm", OTHER_MODEL) + File.pathSeparator
                + modelFile("b.vqm", MODEL));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(RGB_37x23, "vqi", out));
        assertEquals(OTHER_MODEL.modelId(), VqiContainerReader.readHeader(out.toByteArray()).model().id());
        assertEquals(37, ImageIO.read(new ByteArrayInputStream(TestFixtures.RGB_37x23_FILE)).getWidth(),
                "a file of the second model decodes too");
    }

    @Test
    void aMissingModelFileInThePropertyIsAnIOExceptionNamingIt() {
        System.setProperty(ConfiguredModels.PROPERTY, tempDir.resolve("missing.vqm").toString());
        IOException e = assertThrows(IOException.class, () -> ImageIO.read(
                new ByteArrayInputStream(TestFixtures.RGB_64_FILE)));
        assertTrue(e.getMessage().contains("missing.vqm"), e.getMessage());
    }

    @Test
    void imageIOWriteWithoutAnyModelFailsLoudly() {
        // A provider of the same class replaces the registered one: this one's writers start from no model.
        IIORegistry.getDefaultInstance().registerServiceProvider(new VqiImageWriterSpi(ModelRegistry.none()));
        try {
            IIOException e = assertThrows(IIOException.class,
                    () -> ImageIO.write(RGB_64, "vqi", new ByteArrayOutputStream()));
            assertTrue(e.getMessage().contains("no model available"), e.getMessage());
        } finally {
            IIORegistry.getDefaultInstance().registerServiceProvider(new VqiImageWriterSpi());
        }
    }

    @Test
    void imageIOWriteAndReadKeepAlpha() throws IOException {
        System.setProperty(ConfiguredModels.PROPERTY, modelFile("test.vqm", MODEL).toString());
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_ARGB);
        for (int i = 0; i < 64; i++) {
            image.setRGB(i % 8, i / 8, (i * 4) << 24 | 0x336699);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, "vqi", bytes));
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(bytes.toByteArray()));
        assertTrue(back.getColorModel().hasAlpha());
        for (int i = 0; i < 64; i++) {
            assertEquals(i * 4, back.getRGB(i % 8, i / 8) >>> 24, "alpha of pixel " + i);
        }
    }
}

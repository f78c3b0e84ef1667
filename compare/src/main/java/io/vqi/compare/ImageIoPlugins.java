package io.vqi.compare;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;

/**
 * ImageIO plugins picked by class name, and in-memory write and read. Picking by class matters because other
 * plugins for the same format may be on the classpath (TwelveMonkeys' JPEG reader and writer, in the CLI), and the
 * comparison must say exactly which implementation it measured.
 */
final class ImageIoPlugins {
    private ImageIoPlugins() {
    }

    /**
     * A writer and reader of one format, each picked by class name; what the ImageIO-based runners share (the skip
     * reason when either is missing, in-memory coding, disposal).
     */
    static final class Pair implements AutoCloseable {
        private final String label;
        private final String writerClass;
        private final Optional<ImageWriter> writer;
        private final Optional<ImageReader> reader;

        Pair(String format, String label, String writerClass, String readerClass) {
            this.label = label;
            this.writerClass = writerClass;
            this.writer = ImageIoPlugins.writer(format, writerClass);
            this.reader = ImageIoPlugins.reader(format, readerClass);
        }

        /** Why the pair cannot run: one of them is not registered with ImageIO. */
        Optional<String> skipReason() {
            if (writer.isEmpty() || reader.isEmpty()) {
                return Optional.of(label + " (" + writerClass + ") is not registered with ImageIO");
            }
            return Optional.empty();
        }

        ImageWriter writer() throws IOException {
            return writer.orElseThrow(() -> new IOException(skipReason().orElseThrow()));
        }

        byte[] write(BufferedImage image, ImageWriteParam param) throws IOException {
            return ImageIoPlugins.write(writer(), image, param);
        }

        BufferedImage read(byte[] data) throws IOException {
            return ImageIoPlugins.read(reader.orElseThrow(() -> new IOException(skipReason().orElseThrow())), data);
        }

        @Override
        public void close() {
            writer.ifPresent(ImageWriter::dispose);
            reader.ifPresent(ImageReader::dispose);
        }
    }

    static Optional<ImageWriter> writer(String format, String className) {
        return pick(ImageIO.getImageWritersByFormatName(format), className);
    }

    static Optional<ImageReader> reader(String format, String className) {
        return pick(ImageIO.getImageReadersByFormatName(format), className);
    }

    private static <T> Optional<T> pick(Iterator<T> candidates, String className) {
        while (candidates.hasNext()) {
            T plugin = candidates.next();
            if (plugin.getClass().getName().equals(className)) {
                return Optional.of(plugin);
            }
        }
        return Optional.empty();
    }

    /** The bytes {@code writer} produces for {@code image}; memory-cached streams, so no temporary files. */
    static byte[] write(ImageWriter writer, BufferedImage image, ImageWriteParam param) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.reset();
        }
        return bytes.toByteArray();
    }

    /**
     * The first image in {@code data}, read by {@code reader}. The reader is not {@code reset()} afterwards: the
     * next {@code setInput} replaces the stream anyway, and jai-imageio's J2KImageReader throws a
     * NullPointerException from {@code reset()} (it calls {@code setInput(null)}, which it cannot handle).
     */
    static BufferedImage read(ImageReader reader, byte[] data) throws IOException {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
            reader.setInput(in, true, true);
            return reader.read(0);
        }
    }
}

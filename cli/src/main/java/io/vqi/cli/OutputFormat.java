package io.vqi.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The image formats {@code decompress} writes, with the file extensions that select them. */
enum OutputFormat {
    PNG("png", true, "png"),
    JPEG("jpeg", false, "jpg", "jpeg"),
    BMP("bmp", false, "bmp"),
    TIFF("tiff", true, "tif", "tiff");

    private final String imageIoName;
    private final boolean alpha;
    private final List<String> extensions;

    OutputFormat(String imageIoName, boolean alpha, String... extensions) {
        this.imageIoName = imageIoName;
        this.alpha = alpha;
        this.extensions = List.of(extensions);
    }

    /** The name ImageIO knows the format by, also its name on the command line and in JSON. */
    String imageIoName() {
        return imageIoName;
    }

    /** Whether the format can store an alpha channel. */
    boolean hasAlpha() {
        return alpha;
    }

    /** The extension of files {@code decompress} names itself, without the dot. */
    String extension() {
        return extensions.get(0);
    }

    /** The format a file name's extension selects, if any (case-insensitive). */
    static Optional<OutputFormat> byFileName(Path file) {
        String extension = file.getFileName() == null ? "" : Batch.extension(file);
        for (OutputFormat format : values()) {
            if (format.extensions.contains(extension)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** {@code --format}: a format's name or any of its extensions, case-insensitive. */
    static final class Converter implements ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            String v = value.toLowerCase(Locale.ROOT);
            for (OutputFormat format : values()) {
                if (format.imageIoName.equals(v) || format.extensions.contains(v)) {
                    return format;
                }
            }
            throw new TypeConversionException("'" + value + "' is not one of png, jpeg, bmp, tiff");
        }
    }

    /** The values shell completion offers for {@code --format}. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            List<String> names = new ArrayList<>();
            for (OutputFormat format : values()) {
                names.add(format.imageIoName);
            }
            return names.iterator();
        }
    }
}

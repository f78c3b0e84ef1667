package io.vqi.compare;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code results.csv}: one row per image, codec and setting, with exactly the columns of {@link #COLUMNS}.
 *
 * <p>Format: UTF-8, {@code \n} line ends, a header line, numbers in {@link Locale#ROOT} with a fixed number of
 * decimals (bpp 6, psnr 4, msssim 6, times 3). Non-finite numbers are written {@code inf} (a lossless PSNR),
 * {@code -inf} and {@code nan} (MS-SSIM of an image below 176 px a side), spellings that Python's {@code float},
 * pandas and R's {@code read.csv} all accept. Text fields are quoted as RFC 4180 says when they contain a comma,
 * quote or line break (only image file names can).
 */
public final class ResultsCsv {
    public static final List<String> COLUMNS = List.of("codec", "setting", "image", "width", "height", "bytes",
            "bpp", "psnr", "msssim", "enc_ms", "dec_ms");
    public static final String HEADER = String.join(",", COLUMNS);

    private ResultsCsv() {
    }

    public static void write(List<Measurement> rows, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(rows, out);
        }
    }

    public static void write(List<Measurement> rows, Writer out) throws IOException {
        out.write(HEADER);
        out.write('\n');
        for (Measurement m : rows) {
            out.write(row(m));
            out.write('\n');
        }
    }

    /** One data line, without the line end. */
    public static String row(Measurement m) {
        return String.join(",", text(m.codec()), text(m.setting()), text(m.image()),
                Integer.toString(m.width()), Integer.toString(m.height()), Long.toString(m.bytes()),
                number(m.bpp(), 6), number(m.psnr(), 4), number(m.msssim(), 6),
                number(m.encMs(), 3), number(m.decMs(), 3));
    }

    /** {@code value} with {@code decimals} places, or {@code inf}, {@code -inf}, {@code nan}. */
    public static String number(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    static String text(String s) {
        if (s.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}

package io.vqi.compare;

import java.nio.file.Path;
import java.util.List;

/**
 * The codecs measured through their reference command-line tools, with the sweep and the exact arguments. Flags
 * are the ones Debian 12's builds accept (libwebp 1.2, libavif 0.11, libjxl 0.7) and that newer releases still
 * take.
 */
public enum ExternalCodec {
    /** {@code cwebp -m 6} as in ANCHORS.md; setting = quality 0-100. */
    WEBP("webp", "cwebp", "dwebp", "webp", "webp",
            List.of(5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95), "quality 0-100"),
    /**
     * {@code avifenc} with 4:4:4 and one fixed AV1 quantizer ({@code --min q --max q}: libavif 0.11 has no
     * {@code -q}); setting = quantizer 0-63, lower is better; one worker thread, speed 6.
     */
    AVIF("avif", "avifenc", "avifdec", "avif", "libavif-bin",
            List.of(60, 55, 50, 45, 40, 35, 30, 25, 20, 15, 10), "AV1 quantizer 0-63, lower is better"),
    /** {@code cjxl -q}, default effort; setting = quality 0-100 (100 would be lossless). */
    JXL("jxl", "cjxl", "djxl", "jxl", "libjxl-tools",
            List.of(10, 20, 30, 40, 50, 60, 70, 80, 90, 95), "quality 0-100");

    private final String codecName;
    private final String encoder;
    private final String decoder;
    private final String extension;
    private final String debianPackage;
    private final List<Setting> settings;
    private final String settingMeaning;

    ExternalCodec(String codecName, String encoder, String decoder, String extension, String debianPackage,
                  List<Integer> settings, String settingMeaning) {
        this.codecName = codecName;
        this.encoder = encoder;
        this.decoder = decoder;
        this.extension = extension;
        this.debianPackage = debianPackage;
        this.settings = settings.stream().map(Setting::of).toList();
        this.settingMeaning = settingMeaning;
    }

    public String codecName() {
        return codecName;
    }

    /** The encoder's executable name, looked up on PATH. */
    public String encoder() {
        return encoder;
    }

    /** The decoder's executable name, looked up on PATH. */
    public String decoder() {
        return decoder;
    }

    /** The suffix of the encoded file (some tools pick the container from it). */
    public String extension() {
        return extension;
    }

    /** The Debian package that provides both tools, for the skip message. */
    public String debianPackage() {
        return debianPackage;
    }

    /** The sweep, lowest quality first. */
    public List<Setting> settings() {
        return settings;
    }

    /** The command lines in short, for the report. */
    public String commandSummary() {
        return switch (this) {
            case WEBP -> "cwebp -m 6 -q S / dwebp";
            case AVIF -> "avifenc -j 1 -s 6 -y 444 --min S --max S / avifdec";
            case JXL -> "cjxl -q S / djxl";
        };
    }

    public String settingMeaning() {
        return settingMeaning;
    }

    /** The encoder's command line, PNG {@code in} to {@code out}. */
    List<String> encodeCommand(Path tool, Path in, Path out, Setting setting) {
        String value = setting.label();
        return switch (this) {
            case WEBP -> List.of(tool.toString(), "-quiet", "-m", "6", "-q", value, in.toString(), "-o",
                    out.toString());
            case AVIF -> List.of(tool.toString(), "-j", "1", "-s", "6", "-y", "444", "--min", value, "--max", value,
                    in.toString(), out.toString());
            case JXL -> List.of(tool.toString(), in.toString(), out.toString(), "-q", value);
        };
    }

    /** The decoder's command line, {@code in} to PNG {@code out}. */
    List<String> decodeCommand(Path tool, Path in, Path out) {
        return switch (this) {
            case WEBP -> List.of(tool.toString(), in.toString(), "-o", out.toString());
            case AVIF, JXL -> List.of(tool.toString(), in.toString(), out.toString());
        };
    }
}

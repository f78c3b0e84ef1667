package io.vqi.format;

import java.nio.charset.StandardCharsets;

/**
 * A four-letter chunk type. As in PNG, the case of the first letter carries the one rule a reader needs for a type
 * it does not know: uppercase means critical (refuse the file), lowercase means ancillary (skip the chunk).
 */
public record ChunkType(String name) {
    /** The header; the first chunk of every file. */
    public static final ChunkType HEAD = new ChunkType("HEAD");
    /** Entropy-coded codebook indices for one (stage, tile). */
    public static final ChunkType CODE = new ChunkType("CODE");
    /** End marker; the last chunk of every file, empty payload. */
    public static final ChunkType IEND = new ChunkType("IEND");
    /** Reserved: ICC colour profile (contents specified by a later minor version). */
    public static final ChunkType ICCP = new ChunkType("iccp");
    /** Reserved: losslessly compressed alpha plane (contents specified by a later minor version). */
    public static final ChunkType ALPH = new ChunkType("alph");
    /** Refinement layer data of one tile (version 1.1): the quality levels above the base layer. */
    public static final ChunkType RFIN = new ChunkType("rfin");
    /** Low-resolution colour correction of the decoded picture (version 1.2). */
    public static final ChunkType CORR = new ChunkType("corr");
    /** Edge strip: a correction of the picture's outer pixels, after the colour correction (version 1.3). */
    public static final ChunkType EDGE = new ChunkType("edge");
    /** EXIF metadata (version 1.2): the TIFF-structured EXIF block, as PNG's {@code eXIf} chunk holds it. */
    public static final ChunkType EXIF = new ChunkType("exif");
    /** XMP metadata (version 1.2): an XMP packet, UTF-8 XML text. */
    public static final ChunkType XMPD = new ChunkType("xmpd");
    /** Reserved: free-form metadata (contents specified by a later minor version). */
    public static final ChunkType META = new ChunkType("meta");

    public ChunkType {
        if (name == null || name.length() != 4 || !name.chars().allMatch(ChunkType::isLetter)) {
            throw new IllegalArgumentException("chunk type must be 4 ASCII letters, got " + quote(name));
        }
    }

    public static ChunkType of(String name) {
        return new ChunkType(name);
    }

    /** Critical chunks (uppercase first letter) must be understood; an unknown one makes the file unreadable. */
    public boolean isCritical() {
        return name.charAt(0) <= 'Z';
    }

    /** Ancillary chunks (lowercase first letter) may be skipped by a reader that does not know them. */
    public boolean isAncillary() {
        return !isCritical();
    }

    @Override
    public String toString() {
        return name;
    }

    /** The 4 bytes on the wire. */
    byte[] bytes() {
        return name.getBytes(StandardCharsets.US_ASCII);
    }

    /** True if {@code b} may appear in a chunk type: A-Z or a-z. */
    static boolean isLetter(int b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z');
    }

    private static String quote(String name) {
        return name == null ? "null" : "'" + name + "'";
    }
}

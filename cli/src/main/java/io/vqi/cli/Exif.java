package io.vqi.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The EXIF Orientation tag, the one piece of EXIF that changes what the pixels mean: cameras store the sensor's rows
 * and let the viewer turn them. ImageIO readers return the stored rows, so {@code compress} turns the image itself,
 * and then sets the tag to 1 in the EXIF it keeps, so that a viewer does not turn it a second time. A small parser
 * of the TIFF structure rather than a metadata library: it reads only IFD0, checks every offset against the block,
 * and answers 1 (as stored) for anything it does not understand.
 */
final class Exif {
    /** Orientation 1: the stored rows are upright. */
    static final int UPRIGHT = 1;

    private static final int ORIENTATION_TAG = 0x0112;
    private static final int TYPE_SHORT = 3;
    /** An XMP {@code tiff:Orientation} property, as an attribute or an element; group 1 is the digit. */
    private static final Pattern XMP_ORIENTATION =
            Pattern.compile("tiff:Orientation(?:\\s*=\\s*[\"']|>)\\s*([1-8])");

    private Exif() {
    }

    /**
     * Orientation 1..8 of the image file {@code file} (JPEG, PNG, WebP: see {@link InputMetadata}); 1 if it has no
     * EXIF or no valid orientation tag.
     */
    static int orientation(byte[] file) {
        return blockOrientation(InputMetadata.read(file).exif());
    }

    /** Orientation 1..8 of an EXIF block (TIFF structure, may be null); 1 if it has no valid orientation tag. */
    static int blockOrientation(byte[] exif) {
        int at = orientationValue(exif);
        return at < 0 ? UPRIGHT : u16(exif, at, exif[0] == 'I');
    }

    /**
     * {@code exif} with its orientation tag's value set to 1, every other byte as it was (the same array if there is
     * no valid tag or it is 1 already).
     */
    static byte[] upright(byte[] exif) {
        int at = orientationValue(exif);
        if (at < 0 || blockOrientation(exif) == UPRIGHT) {
            return exif;
        }
        byte[] copy = exif.clone();
        boolean little = exif[0] == 'I';
        copy[at] = (byte) (little ? 1 : 0);
        copy[at + 1] = (byte) (little ? 0 : 1);
        return copy;
    }

    /** {@code xmp} (UTF-8) with its {@code tiff:Orientation} property set to 1; the same array if it has none. */
    static byte[] uprightXmp(byte[] xmp) {
        // ISO-8859-1 maps bytes to chars one to one, so the other bytes stay exactly as they were.
        String text = new String(xmp, java.nio.charset.StandardCharsets.ISO_8859_1);
        Matcher m = XMP_ORIENTATION.matcher(text);
        if (!m.find() || m.group(1).equals("1")) {
            return xmp;
        }
        byte[] copy = xmp.clone();
        copy[m.start(1)] = '1';
        return copy;
    }

    /**
     * The offset in {@code exif} of the orientation tag's value, if IFD0 has the tag as a single SHORT in 1..8;
     * else -1.
     */
    private static int orientationValue(byte[] b) {
        if (b == null || b.length < 8) {
            return -1;
        }
        boolean little;
        if (b[0] == 'I' && b[1] == 'I') {
            little = true;
        } else if (b[0] == 'M' && b[1] == 'M') {
            little = false;
        } else {
            return -1;
        }
        if (u16(b, 2, little) != 42) {
            return -1;
        }
        long ifd = u32(b, 4, little);
        if (ifd + 2 > b.length) {
            return -1;
        }
        int count = u16(b, (int) ifd, little);
        for (int i = 0; i < count; i++) {
            long entry = ifd + 2 + 12L * i;
            if (entry + 12 > b.length) {
                return -1;
            }
            int e = (int) entry;
            if (u16(b, e, little) == ORIENTATION_TAG) {
                if (u16(b, e + 2, little) != TYPE_SHORT || u32(b, e + 4, little) != 1) {
                    return -1;
                }
                int value = u16(b, e + 8, little); // a single SHORT sits left-justified in the value field
                return value >= 1 && value <= 8 ? e + 8 : -1;
            }
        }
        return -1;
    }

    static int u8(byte[] b, int i) {
        return b[i] & 0xff;
    }

    static int u16(byte[] b, int i, boolean little) {
        return little ? u8(b, i) | u8(b, i + 1) << 8 : u8(b, i) << 8 | u8(b, i + 1);
    }

    static long u32(byte[] b, int i, boolean little) {
        long lo = u16(b, little ? i : i + 2, little);
        long hi = u16(b, little ? i + 2 : i, little);
        return hi << 16 | lo;
    }
}

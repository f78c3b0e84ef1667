package io.vqi.cli;

/**
 * The EXIF Orientation tag of a JPEG file, the one piece of EXIF that changes what the pixels mean: cameras store
 * the sensor's rows and let the viewer turn them. ImageIO readers return the stored rows, so {@code compress} turns
 * the image itself. A small parser of the APP1 segment rather than a metadata library: it reads only IFD0, checks
 * every offset against the segment, and answers 1 (as stored) for anything it does not understand.
 */
final class Exif {
    /** Orientation 1: the stored rows are upright. */
    static final int UPRIGHT = 1;

    private static final int ORIENTATION_TAG = 0x0112;
    private static final int TYPE_SHORT = 3;
    private static final byte[] EXIF_ID = {'E', 'x', 'i', 'f', 0, 0};

    private Exif() {
    }

    /** Orientation 1..8 of the JPEG in {@code file}; 1 if it is not a JPEG or has no valid orientation tag. */
    static int orientation(byte[] file) {
        if (file.length < 4 || u8(file, 0) != 0xFF || u8(file, 1) != 0xD8) {
            return UPRIGHT;
        }
        int pos = 2;
        while (pos + 4 <= file.length) {
            if (u8(file, pos) != 0xFF) {
                return UPRIGHT; // not at a marker: the file is damaged, the reader will say so
            }
            int marker = u8(file, pos + 1);
            if (marker == 0xFF) {
                pos++; // fill byte
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) {
                return UPRIGHT; // start of scan or end of image: the metadata segments are behind us
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                pos += 2; // markers without a length
                continue;
            }
            int length = u16(file, pos + 2, false);
            if (length < 2 || pos + 2 + length > file.length) {
                return UPRIGHT;
            }
            if (marker == 0xE1 && isExif(file, pos + 4, length - 2)) {
                return tiffOrientation(file, pos + 4 + EXIF_ID.length, pos + 2 + length);
            }
            pos += 2 + length;
        }
        return UPRIGHT;
    }

    private static boolean isExif(byte[] b, int start, int length) {
        if (length < EXIF_ID.length) {
            return false;
        }
        for (int i = 0; i < EXIF_ID.length; i++) {
            if (b[start + i] != EXIF_ID[i]) {
                return false; // another APP1, e.g. XMP
            }
        }
        return true;
    }

    /** The orientation in the TIFF structure at {@code [tiff, end)}; offsets inside it count from {@code tiff}. */
    private static int tiffOrientation(byte[] b, int tiff, int end) {
        if (end - tiff < 8) {
            return UPRIGHT;
        }
        boolean little;
        if (b[tiff] == 'I' && b[tiff + 1] == 'I') {
            little = true;
        } else if (b[tiff] == 'M' && b[tiff + 1] == 'M') {
            little = false;
        } else {
            return UPRIGHT;
        }
        if (u16(b, tiff + 2, little) != 42) {
            return UPRIGHT;
        }
        long ifd = tiff + u32(b, tiff + 4, little);
        if (ifd + 2 > end) {
            return UPRIGHT;
        }
        int count = u16(b, (int) ifd, little);
        for (int i = 0; i < count; i++) {
            long entry = ifd + 2 + 12L * i;
            if (entry + 12 > end) {
                return UPRIGHT;
            }
            int e = (int) entry;
            if (u16(b, e, little) == ORIENTATION_TAG) {
                if (u16(b, e + 2, little) != TYPE_SHORT || u32(b, e + 4, little) != 1) {
                    return UPRIGHT;
                }
                int value = u16(b, e + 8, little); // a single SHORT sits left-justified in the value field
                return value >= 1 && value <= 8 ? value : UPRIGHT;
            }
        }
        return UPRIGHT;
    }

    private static int u8(byte[] b, int i) {
        return b[i] & 0xff;
    }

    private static int u16(byte[] b, int i, boolean little) {
        return little ? u8(b, i) | u8(b, i + 1) << 8 : u8(b, i) << 8 | u8(b, i + 1);
    }

    private static long u32(byte[] b, int i, boolean little) {
        long lo = u16(b, little ? i : i + 2, little);
        long hi = u16(b, little ? i + 2 : i, little);
        return hi << 16 | lo;
    }
}

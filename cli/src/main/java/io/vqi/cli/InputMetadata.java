package io.vqi.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The EXIF block and the XMP packet of an input file, found in its bytes: JPEG APP1 segments, PNG {@code eXIf} and
 * {@code iTXt XML:com.adobe.xmp} chunks, WebP {@code EXIF} and {@code XMP } chunks, and a TIFF's XMP tag (700). The
 * file's own structure is walked, not an ImageIO reader's metadata tree, so the answer does not depend on which
 * reader decodes the pixels. Every length and offset is checked against the file; a damaged structure ends the
 * search with what was found so far (the reader then says what is wrong with the image, if anything).
 */
final class InputMetadata {
    private static final byte[] JPEG_EXIF = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] JPEG_XMP = "http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] JPEG_EXTENDED_XMP =
            "http://ns.adobe.com/xmp/extension/\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final String PNG_XMP_KEYWORD = "XML:com.adobe.xmp";
    /** Largest XMP inflated from a compressed PNG iTXt chunk: the format's chunk limit, 64 MiB. */
    private static final int MAX_XMP = io.vqi.format.VqiFormat.MAX_CHUNK_LENGTH;
    private static final int TIFF_XMP_TAG = 700;
    private static final int TIFF_EXIF_IFD_TAG = 34665;

    private InputMetadata() {
    }

    /**
     * What was found.
     *
     * @param exif  the EXIF block (TIFF structure, without JPEG's {@code Exif\0\0}), or null
     * @param xmp   the main XMP packet, or null
     * @param notes what the file has that is not kept, one line each
     */
    record Found(byte[] exif, byte[] xmp, List<String> notes) {
    }

    static Found read(byte[] file) {
        Found found = new Found(null, null, new ArrayList<>());
        if (startsWith(file, 0, new byte[] {(byte) 0xFF, (byte) 0xD8})) {
            return jpeg(file);
        }
        if (startsWith(file, 0, PNG_SIGNATURE)) {
            return png(file);
        }
        if (startsWith(file, 0, "RIFF".getBytes(StandardCharsets.ISO_8859_1))
                && startsWith(file, 8, "WEBP".getBytes(StandardCharsets.ISO_8859_1))) {
            return webp(file);
        }
        if (startsWith(file, 0, new byte[] {'I', 'I', 42, 0}) || startsWith(file, 0, new byte[] {'M', 'M', 0, 42})) {
            return tiff(file);
        }
        return found;
    }

    private static Found jpeg(byte[] file) {
        byte[] exif = null;
        byte[] xmp = null;
        List<String> notes = new ArrayList<>();
        int pos = 2;
        while (pos + 4 <= file.length) {
            if (Exif.u8(file, pos) != 0xFF) {
                break; // not at a marker: the file is damaged, the reader will say so
            }
            int marker = Exif.u8(file, pos + 1);
            if (marker == 0xFF) {
                pos++; // fill byte
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) {
                break; // start of scan or end of image: the metadata segments are behind us
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                pos += 2; // markers without a length
                continue;
            }
            int length = Exif.u16(file, pos + 2, false);
            if (length < 2 || pos + 2 + length > file.length) {
                break;
            }
            int start = pos + 4;
            int end = pos + 2 + length;
            if (marker == 0xE1 && exif == null && startsWith(file, start, JPEG_EXIF)) {
                exif = Arrays.copyOfRange(file, start + JPEG_EXIF.length, end);
            } else if (marker == 0xE1 && xmp == null && startsWith(file, start, JPEG_XMP)) {
                xmp = Arrays.copyOfRange(file, start + JPEG_XMP.length, end);
            } else if (marker == 0xE1 && startsWith(file, start, JPEG_EXTENDED_XMP) && notes.isEmpty()) {
                notes.add("extended XMP (XMP over 64 KB, in further APP1 segments) dropped; the main XMP packet "
                        + "is kept");
            }
            pos = end;
        }
        return new Found(exif, xmp, notes);
    }

    private static Found png(byte[] file) {
        byte[] exif = null;
        byte[] xmp = null;
        List<String> notes = new ArrayList<>();
        long pos = PNG_SIGNATURE.length;
        while (pos + 12 <= file.length) {
            int p = (int) pos;
            long length = Exif.u32(file, p, false);
            String type = new String(file, p + 4, 4, StandardCharsets.ISO_8859_1);
            if (pos + 12 + length > file.length || type.equals("IEND")) {
                break;
            }
            int data = p + 8;
            int end = (int) (data + length);
            if (type.equals("eXIf") && exif == null) {
                exif = Arrays.copyOfRange(file, data, end);
            } else if (type.equals("iTXt") && xmp == null) {
                xmp = pngXmp(file, data, end, notes);
            }
            pos = end + 4L;
        }
        return new Found(exif, xmp, notes);
    }

    /** The text of an iTXt chunk whose keyword is {@code XML:com.adobe.xmp}, inflated if need be; else null. */
    private static byte[] pngXmp(byte[] file, int start, int end, List<String> notes) {
        int keywordEnd = indexOf(file, start, end, (byte) 0);
        if (keywordEnd < 0 || !new String(file, start, keywordEnd - start, StandardCharsets.ISO_8859_1)
                .equals(PNG_XMP_KEYWORD) || keywordEnd + 3 > end) {
            return null;
        }
        boolean compressed = file[keywordEnd + 1] != 0;
        int language = indexOf(file, keywordEnd + 3, end, (byte) 0);
        int translated = language < 0 ? -1 : indexOf(file, language + 1, end, (byte) 0);
        if (translated < 0) {
            return null;
        }
        byte[] text = Arrays.copyOfRange(file, translated + 1, end);
        if (!compressed) {
            return text;
        }
        try {
            return inflate(text);
        } catch (DataFormatException e) {
            notes.add("XMP dropped: its compressed iTXt chunk cannot be inflated");
            return null;
        }
    }

    private static Found webp(byte[] file) {
        byte[] exif = null;
        byte[] xmp = null;
        long pos = 12;
        while (pos + 8 <= file.length) {
            int p = (int) pos;
            String type = new String(file, p, 4, StandardCharsets.ISO_8859_1);
            long length = Exif.u32(file, p + 4, true);
            if (pos + 8 + length > file.length) {
                break;
            }
            int data = p + 8;
            int end = (int) (data + length);
            if (type.equals("EXIF") && exif == null) {
                // Some writers keep JPEG's identifier in front of the TIFF structure.
                exif = Arrays.copyOfRange(file, startsWith(file, data, JPEG_EXIF) ? data + JPEG_EXIF.length : data, end);
            } else if (type.equals("XMP ") && xmp == null) {
                xmp = Arrays.copyOfRange(file, data, end);
            }
            pos = end + (length & 1); // chunks are padded to an even length
        }
        return new Found(exif, xmp, new ArrayList<>());
    }

    /** A TIFF's XMP (tag 700 in IFD0); its EXIF IFD is not a block that can be lifted out, so it is noted instead. */
    private static Found tiff(byte[] file) {
        boolean little = file[0] == 'I';
        List<String> notes = new ArrayList<>();
        if (file.length < 8) {
            return new Found(null, null, notes);
        }
        byte[] xmp = null;
        long ifd = Exif.u32(file, 4, little);
        if (ifd + 2 > file.length) {
            return new Found(null, null, notes);
        }
        int count = Exif.u16(file, (int) ifd, little);
        for (int i = 0; i < count; i++) {
            long entry = ifd + 2 + 12L * i;
            if (entry + 12 > file.length) {
                break;
            }
            int e = (int) entry;
            int tag = Exif.u16(file, e, little);
            int type = Exif.u16(file, e + 2, little);
            long n = Exif.u32(file, e + 4, little);
            if (tag == TIFF_XMP_TAG && (type == 1 || type == 7) && n > 0) { // BYTE or UNDEFINED
                long at = n <= 4 ? e + 8 : Exif.u32(file, e + 8, little);
                if (at + n <= file.length) {
                    xmp = Arrays.copyOfRange(file, (int) at, (int) (at + n));
                }
            } else if (tag == TIFF_EXIF_IFD_TAG) {
                notes.add("EXIF of a TIFF input is not kept (its XMP is)");
            }
        }
        return new Found(null, xmp, notes);
    }

    private static byte[] inflate(byte[] zlib) throws DataFormatException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(zlib);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[1 << 16];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DataFormatException("truncated zlib stream");
                }
                if ((long) out.size() + n > MAX_XMP) {
                    throw new DataFormatException("more than " + MAX_XMP + " bytes");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }

    private static boolean startsWith(byte[] b, int at, byte[] prefix) {
        return at >= 0 && at + prefix.length <= b.length
                && Arrays.equals(b, at, at + prefix.length, prefix, 0, prefix.length);
    }

    private static int indexOf(byte[] b, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }
}

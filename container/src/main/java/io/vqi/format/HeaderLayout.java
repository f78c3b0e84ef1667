package io.vqi.format;

import static io.vqi.format.HeaderField.BIT_DEPTH;
import static io.vqi.format.HeaderField.CHANNELS;
import static io.vqi.format.HeaderField.COLOR_MODEL;
import static io.vqi.format.HeaderField.FIXED_LENGTH;
import static io.vqi.format.HeaderField.HEIGHT;
import static io.vqi.format.HeaderField.LATENT_COLS;
import static io.vqi.format.HeaderField.LATENT_ROWS;
import static io.vqi.format.HeaderField.MODEL_ID;
import static io.vqi.format.HeaderField.MODEL_ID_LENGTH;
import static io.vqi.format.HeaderField.QUALITY;
import static io.vqi.format.HeaderField.STAGES;
import static io.vqi.format.HeaderField.TILE_HEIGHT;
import static io.vqi.format.HeaderField.TILE_WIDTH;
import static io.vqi.format.HeaderField.VERSION_MAJOR;
import static io.vqi.format.HeaderField.VERSION_MINOR;
import static io.vqi.format.HeaderField.WEIGHTS_SHA256;
import static io.vqi.format.HeaderField.WIDTH;

import io.vqi.core.WeightsHash;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Encodes and decodes the {@code HEAD} payload (SPEC.md §4): the only code that knows its byte layouts, version 1's
 * fixed one ({@link HeaderField}'s offsets) and version 2's compact one.
 */
final class HeaderLayout {
    /** Version 2's sizes are unsigned LEB128 of at most this many bytes: 21 bits hold every limit. */
    static final int MAX_VARINT_BYTES = 3;

    private HeaderLayout() {
    }

    /** The payload of {@code header} in its format's newest minor version this library writes. */
    static byte[] encode(VqiHeader header) {
        return encode(header, header.isV1() ? 0 : VqiFormat.VERSION_MINOR);
    }

    static byte[] encode(VqiHeader header, int minor) {
        return header.isV1() ? encodeV1(header, minor) : encodeV2(header, minor);
    }

    private static byte[] encodeV1(VqiHeader header, int minor) {
        byte[] id = header.model().id().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer payload = ByteBuffer.allocate(FIXED_LENGTH + id.length);
        VERSION_MAJOR.write(payload, VqiFormat.V1_MAJOR);
        VERSION_MINOR.write(payload, minor);
        COLOR_MODEL.write(payload, header.colorModel().code());
        CHANNELS.write(payload, header.channels());
        WIDTH.write(payload, header.width());
        HEIGHT.write(payload, header.height());
        BIT_DEPTH.write(payload, header.bitDepth());
        QUALITY.write(payload, header.quality());
        STAGES.write(payload, header.stages());
        LATENT_ROWS.write(payload, header.latentRows());
        LATENT_COLS.write(payload, header.latentCols());
        TILE_WIDTH.write(payload, header.tileWidth());
        TILE_HEIGHT.write(payload, header.tileHeight());
        payload.put(WEIGHTS_SHA256.offset, header.model().weightsSha256());
        MODEL_ID_LENGTH.write(payload, id.length);
        payload.put(MODEL_ID.offset, id);
        return payload.array();
    }

    /**
     * Version 2: major, minor, colour model, bit depth, quality (a byte each), then width, height, stage count,
     * latent rows, latent cols, tile width, tile height as unsigned LEB128, then the first 8 bytes of the weights'
     * SHA-256, the model id's length and the id.
     */
    private static byte[] encodeV2(VqiHeader header, int minor) {
        byte[] id = header.model().id().getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.write(VqiFormat.VERSION_MAJOR);
        out.write(minor);
        out.write(header.colorModel().code());
        out.write(header.bitDepth());
        out.write(header.quality());
        for (int v : new int[] {header.width(), header.height(), header.stages(), header.latentRows(),
                header.latentCols(), header.tileWidth(), header.tileHeight()}) {
            writeVarint(out, v);
        }
        out.writeBytes(header.model().weightsSha256());
        out.write(id.length);
        out.writeBytes(id);
        return out.toByteArray();
    }

    /** Unsigned LEB128: seven bits a byte, least significant first, the high bit set on every byte but the last. */
    static void writeVarint(ByteArrayOutputStream out, int value) {
        while (value >= 0x80) {
            out.write((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write(value);
    }

    /**
     * Decodes a HEAD payload whose CRC has been checked. Throws {@link HeaderField.HeaderFieldException} for a bad
     * field and a plain {@link IllegalArgumentException} for a bad payload length.
     */
    static VqiHeader decode(byte[] bytes) {
        ByteBuffer payload = ByteBuffer.wrap(bytes);
        // The version comes first, and is checked first, in every version of the format.
        if (bytes.length < 2) {
            throw new IllegalArgumentException("HEAD payload of " + bytes.length + " bytes has no version");
        }
        int major = (int) VERSION_MAJOR.read(payload);
        int minor = (int) VERSION_MINOR.read(payload);
        if (major == VqiFormat.V1_MAJOR) {
            return decodeV1(bytes, payload, minor);
        }
        if (major != VqiFormat.VERSION_MAJOR) {
            throw VERSION_MAJOR.violation("unsupported format version " + major + "." + minor
                    + ": this reader supports major versions " + VqiFormat.V1_MAJOR + " and "
                    + VqiFormat.VERSION_MAJOR + (major > VqiFormat.VERSION_MAJOR ? " (file is newer)" : ""));
        }
        return decodeV2(bytes, minor);
    }

    private static VqiHeader decodeV1(byte[] bytes, ByteBuffer payload, int minor) {
        if (bytes.length < FIXED_LENGTH) {
            throw new IllegalArgumentException("HEAD payload of " + bytes.length + " bytes is shorter than the "
                    + FIXED_LENGTH + " bytes of version 1's fixed fields");
        }
        int colorCode = (int) COLOR_MODEL.read(payload);
        ColorModel colorModel = ColorModel.fromCode(colorCode)
                .orElseThrow(() -> COLOR_MODEL.violation("unknown colour model code " + colorCode));
        int channels = (int) CHANNELS.read(payload);
        if (channels != colorModel.channels()) {
            throw CHANNELS.violation("channels " + channels + " does not match colour model " + colorModel
                    + " (" + colorModel.channels() + ")");
        }
        int width = WIDTH.check(WIDTH.read(payload));
        int height = HEIGHT.check(HEIGHT.read(payload));
        int bitDepth = (int) BIT_DEPTH.read(payload);
        int quality = QUALITY.check(QUALITY.read(payload));
        int stages = STAGES.check(STAGES.read(payload));
        int latentRows = LATENT_ROWS.check(LATENT_ROWS.read(payload));
        int latentCols = LATENT_COLS.check(LATENT_COLS.read(payload));
        int tileWidth = TILE_WIDTH.check(TILE_WIDTH.read(payload));
        int tileHeight = TILE_HEIGHT.check(TILE_HEIGHT.read(payload));
        byte[] sha256 = new byte[WEIGHTS_SHA256.size];
        payload.get(WEIGHTS_SHA256.offset, sha256);
        int idLength = MODEL_ID_LENGTH.check(MODEL_ID_LENGTH.read(payload));
        int v10Length = FIXED_LENGTH + idLength;
        if (bytes.length < v10Length) {
            throw new IllegalArgumentException("HEAD payload of " + bytes.length + " bytes is too short for a "
                    + idLength + "-character model id (needs " + v10Length + ")");
        }
        // Extra bytes are fields of a newer minor version, which we ignore; in a file of our own minor version
        // (or older) they can only be a writer bug.
        if (minor <= VqiFormat.V1_MINOR && bytes.length != v10Length) {
            throw new IllegalArgumentException("HEAD payload of " + bytes.length + " bytes: version 1."
                    + minor + " defines exactly " + v10Length);
        }
        // ISO-8859-1 maps each byte to one char, so a non-ASCII byte is reported as itself by ModelRef.
        String id = new String(bytes, MODEL_ID.offset, idLength, StandardCharsets.ISO_8859_1);
        ModelRef model = new ModelRef(id, sha256);
        return new VqiHeader(width, height, colorModel, bitDepth, quality, model, latentRows, latentCols, stages,
                tileWidth, tileHeight, VqiFormat.V1_MAJOR);
    }

    private static VqiHeader decodeV2(byte[] bytes, int minor) {
        Cursor in = new Cursor(bytes);
        int colorCode = in.u8(COLOR_MODEL);
        ColorModel colorModel = ColorModel.fromCode(colorCode).orElseThrow(() ->
                COLOR_MODEL.violationAt(in.start(COLOR_MODEL), "unknown colour model code " + colorCode));
        // (version 2 has no channels field: the colour model says it)
        int bitDepth = in.u8(BIT_DEPTH);
        int quality = in.checked(QUALITY, in.u8(QUALITY));
        int width = in.checked(WIDTH, in.varint(WIDTH));
        int height = in.checked(HEIGHT, in.varint(HEIGHT));
        int stages = in.checked(STAGES, in.varint(STAGES));
        int latentRows = in.checked(LATENT_ROWS, in.varint(LATENT_ROWS));
        int latentCols = in.checked(LATENT_COLS, in.varint(LATENT_COLS));
        int tileWidth = in.checked(TILE_WIDTH, in.varint(TILE_WIDTH));
        int tileHeight = in.checked(TILE_HEIGHT, in.varint(TILE_HEIGHT));
        byte[] hash = in.bytes(WEIGHTS_SHA256, WeightsHash.PREFIX_LENGTH);
        int idLength = in.checked(MODEL_ID_LENGTH, in.u8(MODEL_ID_LENGTH));
        in.bytes(MODEL_ID, idLength);
        // Extra bytes are fields of a newer minor version, which we ignore; in a file of our own minor version
        // (or older) they can only be a writer bug.
        if (minor <= VqiFormat.VERSION_MINOR && in.position() != bytes.length) {
            throw new IllegalArgumentException("HEAD payload of " + bytes.length + " bytes: version 2." + minor
                    + " defines exactly " + in.position());
        }
        String id = new String(bytes, in.start(MODEL_ID), idLength, StandardCharsets.ISO_8859_1);
        try {
            return new VqiHeader(width, height, colorModel, bitDepth, quality, new ModelRef(id, hash), latentRows,
                    latentCols, stages, tileWidth, tileHeight, VqiFormat.VERSION_MAJOR);
        } catch (HeaderField.HeaderFieldException e) {
            // A rule the header's constructor checks (a cross-field one, say), blamed on where its field starts here.
            throw e.field.violationAt(in.start(e.field), e.getMessage());
        }
    }

    /** Reads version 2's fields in order, recording where each starts so that a failure is blamed there. */
    private static final class Cursor {
        private final byte[] bytes;
        private final int[] starts = new int[HeaderField.values().length];
        private int position = 2;

        Cursor(byte[] bytes) {
            this.bytes = bytes;
            starts[VERSION_MINOR.ordinal()] = 1;
        }

        int position() {
            return position;
        }

        /** The payload offset where {@code field} starts in this file (0 for one not read yet). */
        int start(HeaderField field) {
            return starts[field.ordinal()];
        }

        int u8(HeaderField field) {
            starts[field.ordinal()] = position;
            need(field, 1);
            return bytes[position++] & 0xFF;
        }

        byte[] bytes(HeaderField field, int n) {
            starts[field.ordinal()] = position;
            need(field, n);
            byte[] out = Arrays.copyOfRange(bytes, position, position + n);
            position += n;
            return out;
        }

        /** A minimal LEB128 of at most {@link #MAX_VARINT_BYTES} bytes: one value has one encoding. */
        int varint(HeaderField field) {
            int start = position;
            starts[field.ordinal()] = start;
            int value = 0;
            for (int i = 0; ; i++) {
                if (i == MAX_VARINT_BYTES) {
                    throw field.violationAt(start, field.label + " takes more than " + MAX_VARINT_BYTES + " bytes");
                }
                need(field, 1);
                int b = bytes[position++] & 0xFF;
                value |= (b & 0x7F) << (7 * i);
                if (b < 0x80) {
                    if (b == 0 && i > 0) {
                        throw field.violationAt(start, field.label + " is not in its shortest form");
                    }
                    return value;
                }
            }
        }

        /** {@code value} of {@code field}, just read, checked against the field's range. */
        int checked(HeaderField field, long value) {
            try {
                return field.check(value);
            } catch (HeaderField.HeaderFieldException e) {
                throw field.violationAt(start(field), e.getMessage());
            }
        }

        private void need(HeaderField field, int n) {
            if (bytes.length - position < n) {
                throw new IllegalArgumentException("HEAD payload of " + bytes.length + " bytes ends in the "
                        + field.label);
            }
        }
    }
}

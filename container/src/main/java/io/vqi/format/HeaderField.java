package io.vqi.format;

import java.nio.ByteBuffer;

/**
 * The {@code HEAD} fields with their fixed value ranges, so the writer, the reader and {@link VqiHeader}'s validation
 * cannot disagree, and the v1.0 payload layout: the single source of its offsets and sizes (SPEC.md §4.1 mirrors
 * it; offsets from the start of the HEAD payload, integers unsigned big-endian). Version 2's layout (§4.3) has the
 * same fields in the same order, most of them variable-length, without {@link #CHANNELS}: {@link HeaderLayout}.
 */
public enum HeaderField {
    VERSION_MAJOR("version major", 0, 1, 0, 255),
    VERSION_MINOR("version minor", 1, 1, 0, 255),
    COLOR_MODEL("colour model", 2, 1, 0, 255),
    CHANNELS("channels", 3, 1, 0, 255),
    WIDTH("width", 4, 4, 1, VqiFormat.MAX_DIMENSION),
    HEIGHT("height", 8, 4, 1, VqiFormat.MAX_DIMENSION),
    BIT_DEPTH("bit depth", 12, 1, 0, 255),
    QUALITY("quality", 13, 1, 1, 255),
    STAGES("stage count", 14, 2, 1, VqiFormat.MAX_STAGES),
    LATENT_ROWS("latent rows", 16, 4, 1, VqiFormat.MAX_DIMENSION),
    LATENT_COLS("latent cols", 20, 4, 1, VqiFormat.MAX_DIMENSION),
    TILE_WIDTH("tile width", 24, 4, 1, VqiFormat.MAX_DIMENSION),
    TILE_HEIGHT("tile height", 28, 4, 1, VqiFormat.MAX_DIMENSION),
    WEIGHTS_SHA256("weights SHA-256", 32, ModelRef.SHA256_LENGTH, 0, 0),
    MODEL_ID_LENGTH("model id length", 64, 1, 1, VqiFormat.MAX_MODEL_ID_LENGTH),
    MODEL_ID("model id", 65, 0, 0, 0);

    /** Bytes before the variable-length model id; a v1.0 payload is {@code FIXED_LENGTH + model id length}. */
    public static final int FIXED_LENGTH = 65;

    final String label;
    public final int offset;
    final int size;
    private final long min;
    private final long max;

    HeaderField(String label, int offset, int size, long min, long max) {
        this.label = label;
        this.offset = offset;
        this.size = size;
        this.min = min;
        this.max = max;
    }

    /** Checks the field's fixed range and returns the value as an int. */
    int check(long value) {
        if (value > max) {
            throw violation(label + " " + value + " exceeds limit " + max);
        }
        if (value < min) {
            throw violation(label + " " + value + " is below minimum " + min);
        }
        return (int) value;
    }

    /** Reads this unsigned integer field. */
    long read(ByteBuffer payload) {
        return switch (size) {
            case 1 -> Byte.toUnsignedLong(payload.get(offset));
            case 2 -> Short.toUnsignedLong(payload.getShort(offset));
            case 4 -> Integer.toUnsignedLong(payload.getInt(offset));
            default -> throw new IllegalStateException(this + " is not an integer field");
        };
    }

    /** Writes this unsigned integer field. */
    void write(ByteBuffer payload, long value) {
        switch (size) {
            case 1 -> payload.put(offset, (byte) value);
            case 2 -> payload.putShort(offset, (short) value);
            case 4 -> payload.putInt(offset, (int) value);
            default -> throw new IllegalStateException(this + " is not an integer field");
        }
    }

    /** A bad value of this field, at its v1.0 offset. */
    HeaderFieldException violation(String reason) {
        return new HeaderFieldException(this, offset, reason);
    }

    /** A bad value of this field, which starts at payload offset {@code at} (in a variable-length layout). */
    HeaderFieldException violationAt(int at, String reason) {
        return new HeaderFieldException(this, at, reason);
    }

    /** An invalid header value, blamed on one field so that the reader can report the field's byte offset. */
    static final class HeaderFieldException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        final HeaderField field;
        /** Payload offset of the field in the file's layout. */
        final int offset;

        HeaderFieldException(HeaderField field, int offset, String reason) {
            super(reason);
            this.field = field;
            this.offset = offset;
        }
    }
}

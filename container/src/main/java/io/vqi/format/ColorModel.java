package io.vqi.format;

import java.util.Optional;

/**
 * The colour model of the samples the model codes. The wire code is stable and explicit, never the ordinal. Alpha is
 * not a colour model: it will travel in its own ancillary chunk ({@link ChunkType#ALPH}).
 */
public enum ColorModel {
    GRAY(1, 1),
    RGB(2, 3);

    private final int code;
    private final int channels;

    ColorModel(int code, int channels) {
        this.code = code;
        this.channels = channels;
    }

    /** The byte stored in the header. */
    public int code() {
        return code;
    }

    /** Colour channels the model codes for this colour model. */
    public int channels() {
        return channels;
    }

    /** The colour model stored as {@code code}, if this version defines one. */
    public static Optional<ColorModel> fromCode(int code) {
        for (ColorModel model : values()) {
            if (model.code == code) {
                return Optional.of(model);
            }
        }
        return Optional.empty();
    }
}

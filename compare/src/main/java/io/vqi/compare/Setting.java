package io.vqi.compare;

import java.math.BigDecimal;

/**
 * One point of a codec's sweep: the text that goes into the {@code setting} column and the number the codec is
 * driven with (a JPEG quality, a JPEG 2000 rate in bpp, an AV1 quantizer, a vqi level).
 *
 * @param label CSV-safe text: not blank, no comma, quote or line break
 * @param value the codec's own knob
 */
public record Setting(String label, double value) {
    public Setting {
        if (label.isBlank() || label.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
            throw new IllegalArgumentException("setting label must be plain text for the CSV, got \"" + label + "\"");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("setting value must be finite, got " + value);
        }
    }

    /** An integer knob labelled by its digits. */
    public static Setting of(int value) {
        return new Setting(Integer.toString(value), value);
    }

    /** A real knob labelled by its shortest plain decimal ("0.05", "2"). */
    public static Setting of(double value) {
        return new Setting(BigDecimal.valueOf(value).stripTrailingZeros().toPlainString(), value);
    }
}

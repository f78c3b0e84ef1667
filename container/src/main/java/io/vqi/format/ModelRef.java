package io.vqi.format;

import io.vqi.core.WeightsHash;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Which model wrote the codes: a stable id naming the whole decoding procedure (network, codebook, prior, CDF
 * quantisation, coder) and the SHA-256 of its weights, so that a decoder can refuse weights that are not the ones
 * the encoder used.
 *
 * @param id            1 to {@link VqiFormat#MAX_MODEL_ID_LENGTH} characters from {@code A-Z a-z 0-9 . _ -}
 * @param weightsSha256 the 32-byte SHA-256 of the weights, or its first 8 bytes (what a format 2 file keeps:
 *                      {@link WeightsHash})
 */
public record ModelRef(String id, byte[] weightsSha256) {
    public static final int SHA256_LENGTH = WeightsHash.SHA256_LENGTH;

    public ModelRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(weightsSha256, "weightsSha256");
        HeaderField.MODEL_ID_LENGTH.check(id.length());
        for (int i = 0; i < id.length(); i++) {
            if (!isIdChar(id.charAt(i))) {
                throw HeaderField.MODEL_ID.violation(String.format("model id has illegal character U+%04X at index %d",
                        (int) id.charAt(i), i));
            }
        }
        if (!WeightsHash.isValidLength(weightsSha256.length)) {
            throw new IllegalArgumentException("weights SHA-256 must be " + SHA256_LENGTH + " bytes (or its first "
                    + WeightsHash.PREFIX_LENGTH + "), got " + weightsSha256.length);
        }
        weightsSha256 = weightsSha256.clone();
    }

    /** From a 64-digit hex SHA-256 (or the 16 digits of its prefix). */
    public static ModelRef of(String id, String weightsSha256Hex) {
        return new ModelRef(id, HexFormat.of().parseHex(weightsSha256Hex));
    }

    /** A copy of the hash. */
    @Override
    public byte[] weightsSha256() {
        return weightsSha256.clone();
    }

    public String weightsSha256Hex() {
        return HexFormat.of().formatHex(weightsSha256);
    }

    /** True if {@code actualSha256} (the whole hash of the weights at hand) is the hash this file names. */
    public boolean matchesWeights(byte[] actualSha256) {
        return WeightsHash.names(weightsSha256, actualSha256);
    }

    /** This reference as a format 2 file keeps it: the hash cut to its first {@link WeightsHash#PREFIX_LENGTH} bytes. */
    public ModelRef prefix() {
        return weightsSha256.length == WeightsHash.PREFIX_LENGTH ? this
                : new ModelRef(id, Arrays.copyOf(weightsSha256, WeightsHash.PREFIX_LENGTH));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelRef other && id.equals(other.id) && Arrays.equals(weightsSha256, other.weightsSha256);
    }

    @Override
    public int hashCode() {
        return 31 * id.hashCode() + Arrays.hashCode(weightsSha256);
    }

    @Override
    public String toString() {
        return "ModelRef[" + id + ", sha256=" + weightsSha256Hex() + "]";
    }

    static boolean isIdChar(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '-';
    }
}

package io.vqi.core;

import java.util.Arrays;

/**
 * How a file names weights: by their SHA-256, whole (format 1) or its first {@link #PREFIX_LENGTH} bytes (format 2,
 * where the 24 bytes more cost a quality-1 file 0.5 % of its size and buy nothing: 64 bits already make an
 * accidental match between two sets of weights a 2^-64 event, and nothing in a file is protected against forgery).
 */
public final class WeightsHash {
    /** Bytes of the SHA-256 a format 2 file keeps. */
    public static final int PREFIX_LENGTH = 8;
    /** Bytes of a whole SHA-256. */
    public static final int SHA256_LENGTH = 32;

    private WeightsHash() {
    }

    /** True for the two lengths a file's hash can have. */
    public static boolean isValidLength(int length) {
        return length == PREFIX_LENGTH || length == SHA256_LENGTH;
    }

    /**
     * True if {@code named} (a file's hash, whole or prefix) names the weights whose whole SHA-256 is
     * {@code sha256}.
     */
    public static boolean names(byte[] named, byte[] sha256) {
        if (!isValidLength(named.length) || sha256.length != SHA256_LENGTH) {
            return false;
        }
        return Arrays.equals(named, 0, named.length, sha256, 0, named.length);
    }
}

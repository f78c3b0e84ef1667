package io.vqi.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A file's hash names weights whole or by its first 8 bytes, and by nothing else. */
class WeightsHashTest {
    static final byte[] SHA = new byte[32];

    static {
        for (int i = 0; i < SHA.length; i++) {
            SHA[i] = (byte) (i * 37 + 1);
        }
    }

    @Test
    void theWholeHashAndItsPrefixNameTheWeights() {
        assertTrue(WeightsHash.names(SHA.clone(), SHA));
        assertTrue(WeightsHash.names(Arrays.copyOf(SHA, 8), SHA));
    }

    @Test
    void anyOtherByteOrLengthDoesNot() {
        byte[] prefix = Arrays.copyOf(SHA, 8);
        prefix[7] ^= 1;
        assertFalse(WeightsHash.names(prefix, SHA));
        byte[] whole = SHA.clone();
        whole[31] ^= 1;
        assertFalse(WeightsHash.names(whole, SHA), "a whole hash compares every byte");
        assertFalse(WeightsHash.names(Arrays.copyOf(SHA, 4), SHA), "4 bytes are not a valid name");
        assertFalse(WeightsHash.names(Arrays.copyOf(SHA, 16), SHA));
        assertFalse(WeightsHash.names(new byte[0], SHA));
        assertFalse(WeightsHash.names(Arrays.copyOf(SHA, 8), Arrays.copyOf(SHA, 8)), "the weights' own hash is whole");
    }
}

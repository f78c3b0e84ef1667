package io.vqi.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.vqi.testdata.TestData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Damage to committed golden files: every truncation, every single-byte change in the header region, and seeded
 * random mutations. The reader must answer {@link MalformedContainerException} (or, for random mutations of
 * ancillary data that keep the CRC valid, a container), never another exception.
 */
class CorruptionTest {
    static Stream<String> goldenNames() {
        return Samples.golden().keySet().stream().sorted();
    }

    /** Signature plus the whole HEAD chunk: the bytes {@code readHeader} consumes. */
    static int headerRegion(byte[] file) {
        return Forge.HEAD_PAYLOAD + ((file[12] & 0xFF) << 24 | (file[13] & 0xFF) << 16 | (file[14] & 0xFF) << 8
                | (file[15] & 0xFF)) + 4;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenNames")
    void everyTruncationIsRefused(String name) throws IOException {
        byte[] file = TestData.bytes("golden/" + name);
        int header = headerRegion(file);
        for (int length = 0; length < file.length; length++) {
            byte[] prefix = Arrays.copyOf(file, length);
            String at = name + " cut to " + length + " bytes";
            assertMalformed(at, () -> VqiContainerReader.read(prefix));
            assertMalformed(at + " (stream)", () -> VqiContainerReader.read(new ByteArrayInputStream(prefix)));
            if (length < header) {
                assertMalformed(at + " (header)", () -> VqiContainerReader.readHeader(prefix));
            } else {
                assertEquals(VqiContainerReader.readHeader(file), VqiContainerReader.readHeader(prefix), at);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenNames")
    void everyByteChangeInTheHeaderRegionIsCaught(String name) {
        byte[] file = TestData.bytes("golden/" + name);
        for (int offset = 0; offset < headerRegion(file); offset++) {
            for (int xor = 1; xor < 256; xor++) {
                byte[] damaged = file.clone();
                damaged[offset] ^= (byte) xor;
                String at = name + " byte " + offset + " ^ 0x" + Integer.toHexString(xor);
                assertMalformed(at, () -> VqiContainerReader.read(damaged));
                assertMalformed(at + " (header)", () -> VqiContainerReader.readHeader(damaged));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenNames")
    void everyByteChangeAfterTheHeaderIsCaught(String name) {
        // CRC-32C covers every chunk, and a changed type or length moves the CRC; so all damage is visible.
        byte[] file = TestData.bytes("golden/" + name);
        for (int offset = headerRegion(file); offset < file.length; offset++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] damaged = file.clone();
                damaged[offset] ^= (byte) (1 << bit);
                assertMalformed(name + " byte " + offset + " bit " + bit, () -> VqiContainerReader.read(damaged));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenNames")
    void randomMutationsGiveOnlyMalformedContainerException(String name) {
        byte[] file = TestData.bytes("golden/" + name);
        SplittableRandom random = new SplittableRandom(name.hashCode());
        for (int round = 0; round < 3000; round++) {
            byte[] mutated = mutate(file, random);
            try {
                VqiContainerReader.read(mutated);
            } catch (MalformedContainerException expected) {
                // The only acceptable failure.
            } catch (RuntimeException e) {
                throw new AssertionError(name + " round " + round + ": " + e, e);
            }
        }
    }

    private static byte[] mutate(byte[] file, SplittableRandom random) {
        byte[] bytes = file.clone();
        switch (random.nextInt(4)) {
            case 0 -> {
                for (int i = random.nextInt(1, 5); i > 0; i--) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
            }
            case 1 -> bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length + 8));
            case 2 -> {
                int at = random.nextInt(bytes.length);
                int count = random.nextInt(1, 9);
                byte[] longer = new byte[bytes.length + count];
                System.arraycopy(bytes, 0, longer, 0, at);
                System.arraycopy(bytes, at, longer, at + count, bytes.length - at);
                bytes = longer;
            }
            default -> {
                // A plausible-looking length: large values test the limits, small ones the chunk rules.
                int at = random.nextInt(Math.max(1, bytes.length - 4));
                int value = random.nextBoolean() ? random.nextInt() : random.nextInt(256);
                for (int i = 0; i < 4 && at + i < bytes.length; i++) {
                    bytes[at + i] = (byte) (value >>> (24 - 8 * i));
                }
            }
        }
        return bytes;
    }

    interface Read {
        Object run() throws IOException;
    }

    static void assertMalformed(String what, Read read) {
        try {
            Object result = read.run();
            fail(what + ": accepted, read " + result);
        } catch (MalformedContainerException expected) {
            // Good.
        } catch (IOException | RuntimeException e) {
            throw new AssertionError(what + ": expected MalformedContainerException, got " + e, e);
        }
    }
}

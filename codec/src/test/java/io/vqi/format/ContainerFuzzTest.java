package io.vqi.format;

import io.vqi.codec.FuzzSeeds;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Fuzzes the container reader (issue 14). Whatever the bytes, the byte-array reader, the stream reader (also fed a
 * few bytes a read) and the header reader agree, and they either refuse the file with a one-line {@link MalformedContainerException} at the
 * same offset or return a container the writer writes back to bytes that read as the same container.
 *
 * <p>Without {@code JAZZER_FUZZ} each method replays its inputs under
 * {@code src/test/resources/io/vqi/format/ContainerFuzzTestInputs/<method>/} (seeds and findings); with it, it fuzzes
 * ({@code scripts/fuzz.sh}, docs/robustness.md).
 */
class ContainerFuzzTest {

    /** Raw bytes: the seeds are the golden files, so framing, CRC and truncation are what gets exercised. */
    @Timeout(10)
    @FuzzTest
    void rawBytes(byte[] file) throws IOException {
        check(file);
    }

    /** Structure-aware: chunks edited and written back with valid CRCs, so the checks behind the CRC get the bytes. */
    @Timeout(10)
    @FuzzTest
    void validCrcs(FuzzedDataProvider data) throws IOException {
        check(ChunkMutator.mutate(data, FuzzSeeds.all()));
    }

    static void check(byte[] file) throws IOException {
        Read array = Read.of(() -> VqiContainerReader.read(file));
        Read stream = Read.of(() -> VqiContainerReader.read(new ByteArrayInputStream(file)));
        Read trickle = Read.of(() -> VqiContainerReader.read(new Trickle(file)));
        VqiContainer fromArray = array.container();
        VqiContainer fromStream = stream.container();
        MalformedContainerException arrayError = array.error();
        MalformedContainerException streamError = stream.error();
        assertEquals(outcome(streamError), outcome(trickle.error()), "a stream that hands out a few bytes a read differs");
        assertEquals(fromStream, trickle.container(), "a stream that hands out a few bytes a read reads another container");
        VqiHeader header = null;
        try {
            header = VqiContainerReader.readHeader(file);
        } catch (MalformedContainerException e) {
            Outcomes.oneLine(e);
        }
        if (arrayError != null || streamError != null) {
            assertEquals(outcome(arrayError), outcome(streamError), "byte-array and stream readers disagree");
            return;
        }
        assertEquals(fromArray, fromStream, "byte-array and stream readers read different containers");
        assertEquals(fromArray.header(), header, "readHeader and read disagree on the header");
        byte[] rewritten = VqiContainerWriter.toBytes(fromArray);
        VqiContainer again = VqiContainerReader.read(rewritten);
        assertEquals(fromArray, again, "a container read back from its rewrite differs");
        assertArrayEquals(rewritten, VqiContainerWriter.toBytes(again), "rewriting is not stable");
    }

    /** What one reader made of the bytes: a container or the typed refusal (checked to be one line). */
    private record Read(VqiContainer container, MalformedContainerException error) {
        interface Reading {
            VqiContainer read() throws IOException;
        }

        static Read of(Reading reading) throws IOException {
            try {
                return new Read(reading.read(), null);
            } catch (MalformedContainerException e) {
                return new Read(null, Outcomes.oneLine(e));
            }
        }
    }

    /** A stream that hands out 1 to 7 bytes a read, as pipes and sockets do. */
    private static final class Trickle extends InputStream {
        private final byte[] bytes;
        private int pos;

        Trickle(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return pos < bytes.length ? bytes[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (pos >= bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, 1 + pos % 7), bytes.length - pos);
            System.arraycopy(bytes, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    private static String outcome(MalformedContainerException e) {
        return e == null ? "read" : "refused at byte " + e.offset();
    }
}

package io.vqi.format;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tiny files that claim huge sizes must be refused quickly and without allocating for the claim (TwelveMonkeys'
 * "declaring huge dimensions is rejected before allocation" regression, QOI's pixel cap). The allocation is measured
 * with HotSpot's per-thread allocation counter.
 */
class HostileInputTest {
    /** Far below any claim tested here (2^31 pixels, 2^26 or 2^31 bytes), far above the reader's bookkeeping. */
    private static final long ALLOCATION_BUDGET = 1 << 20;
    private static final Duration FAST = Duration.ofSeconds(2);

    private static com.sun.management.ThreadMXBean threads;

    @BeforeAll
    static void allocationCounter() throws Exception {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
                && bean.isThreadAllocatedMemorySupported()) {
            bean.setThreadAllocatedMemoryEnabled(true);
            threads = bean;
        }
        // Warm up: load the reader's classes so that class loading is not counted below.
        VqiContainerReader.read(Forge.validFile(new Forge.Head()));
    }

    @Test
    void headerClaiming2pow31By2pow31IsRefusedWithoutAllocating() {
        byte[] file = headerWith(h -> {
            h.width = 1L << 31;
            h.height = 1L << 31;
        });
        refusedCheaply(file, "width 2147483648 exceeds limit 65535");
    }

    @Test
    void headerClaimingTheLargestLegalSidesBeyondThePixelCapIsRefused() {
        refusedCheaply(headerWith(h -> {
            h.width = 65535;
            h.height = 65535;
        }), "pixels exceeds limit");
    }

    @Test
    void chunkLength2pow31Minus1InA100ByteFileIsRefusedWithoutAllocating() {
        refusedCheaply(MalformedContainerTest.hugeChunkIn100Bytes("HEAD"), "length 2147483647 exceeds limit");
        refusedCheaply(MalformedContainerTest.hugeChunkIn100Bytes("CODE"), "length 2147483647 exceeds limit");
    }

    @Test
    void legalButUntrueChunkLengthOnAStreamAllocatesOnlyWhatArrives() {
        // 2^26 is within the limit, and a stream's length is unknown: the reader must read in blocks, not trust it.
        byte[] file = Forge.file().head(new Forge.Head()).chunk("CODE", VqiFormat.MAX_CHUNK_LENGTH, new byte[100], 0)
                .bytes();
        refusedCheaply(file, "truncated: chunk 'CODE' payload needs 67108864 bytes");
    }

    private static byte[] headerWith(Consumer<Forge.Head> edit) {
        Forge.Head head = new Forge.Head();
        edit.accept(head);
        head.tileWidth = head.width; // one tile: the forged file then holds a single CODE chunk
        head.tileHeight = head.height;
        return Forge.validFile(head);
    }

    private static void refusedCheaply(byte[] file, String fragment) {
        for (boolean stream : new boolean[] {false, true}) {
            // Measured inside the timed thread: the allocation counter is per thread.
            Outcome outcome = assertTimeoutPreemptively(FAST, () -> {
                long before = allocated();
                MalformedContainerException e = assertThrows(MalformedContainerException.class, () -> {
                    if (stream) {
                        VqiContainerReader.read(new ByteArrayInputStream(file));
                    } else {
                        VqiContainerReader.read(file);
                    }
                });
                return new Outcome(e, allocated() - before);
            });
            assertTrue(outcome.error.getMessage().contains(fragment), outcome.error::getMessage);
            if (threads != null) {
                assertTrue(outcome.allocated < ALLOCATION_BUDGET,
                        "allocated " + outcome.allocated + " bytes (stream=" + stream + ")");
            }
        }
    }

    private record Outcome(MalformedContainerException error, long allocated) {
    }

    private static long allocated() {
        return threads == null ? 0 : threads.getCurrentThreadAllocatedBytes();
    }
}

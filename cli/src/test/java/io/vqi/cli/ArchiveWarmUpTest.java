package io.vqi.cli;

import io.vqi.codec.ModelZoo;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The launcher's archive is recorded from this run: if it failed, the archive would fall back to `--help`'s classes. */
class ArchiveWarmUpTest {

    @Test
    void compressesDecompressesAndInspectsItsPicture() throws Exception {
        Assumptions.assumeTrue(ModelZoo.hasDefault(), "needs the embedded model");
        assertEquals(0, ArchiveWarmUp.run());
    }
}

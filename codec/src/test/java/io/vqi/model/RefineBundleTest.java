package io.vqi.model;

import io.vqi.core.CorruptStreamException;
import io.vqi.prior.PriorConfig;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The refinement layer's file: round trip, hash check, and levels placed between the trained ones. */
class RefineBundleTest {

    static final ModelBundle BASE = TestModels.randomWithPrior(VqVaeConfig.tiny(),
            PriorConfig.tiny(VqVaeConfig.tiny().codebookSize()), 21);
    static final RefineBundle LAYER = TestModels.randomRefine(BASE, 5);

    static byte[] bytes(RefineBundle b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        b.write(out);
        return out.toByteArray();
    }

    @Test
    void roundTripKeepsEveryTensorAndTheHash() throws IOException {
        RefineBundle back = RefineBundle.read(new ByteArrayInputStream(bytes(LAYER)));
        assertEquals(LAYER.config(), back.config());
        assertEquals(LAYER.tensors(), back.tensors());
        assertEquals(LAYER.sha256Hex(), back.sha256Hex());
        assertEquals(BASE.sha256Hex(), back.config().baseSha256());
    }

    /** A layer file without its hash entry, or with another hash, is not a layer file. */
    @Test
    void aMissingOrWrongHashIsRefused() throws IOException {
        byte[] withoutHash = rewrite(bytes(LAYER), "sha256", null);
        assertThrows(CorruptStreamException.class, () -> RefineBundle.read(new ByteArrayInputStream(withoutHash)));
        byte[] wrongHash = rewrite(bytes(LAYER), "sha256", "00".repeat(32) + "\n");
        assertThrows(CorruptStreamException.class, () -> RefineBundle.read(new ByteArrayInputStream(wrongHash)));
    }

    @Test
    void levelsAtTheTrainedPositionsAreTheTrainedLevels() {
        RefineBundle same = LAYER.withLevels(new double[] {0, 1});
        assertArrayEquals(LAYER.tensorMap().get("ref.gain").data(), same.tensorMap().get("ref.gain").data());
        assertArrayEquals(LAYER.config().lambdas(), same.config().lambdas(), 1e-12);
        assertEquals(LAYER.sha256Hex(), same.sha256Hex());
    }

    @Test
    void levelsBetweenAndBeyondAreInterpolatedInLogSpace() {
        RefineBundle wider = LAYER.withLevels(new double[] {-1, 0, 0.5, 1, 2});
        assertEquals(5, wider.config().levels());
        float[] g = LAYER.tensorMap().get("ref.gain").data();
        float[] w = wider.tensorMap().get("ref.gain").data();
        int c = LAYER.config().channels();
        assertEquals((g[0] + g[c]) / 2, w[2 * c], 1e-3); // half precision
        assertEquals(2 * g[0] - g[c], w[0], 1e-3);
        double[] l = wider.config().lambdas();
        assertEquals(Math.sqrt(l[1] * l[3]), l[2], 1e-9);
        assertNotEquals(LAYER.sha256Hex(), wider.sha256Hex());
        assertThrows(IllegalArgumentException.class, () -> LAYER.withLevels(new double[] {1, 0}));
    }

    private static byte[] rewrite(byte[] zip, String entry, String body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipArchiveInputStream in = new ZipArchiveInputStream(new ByteArrayInputStream(zip));
             ZipArchiveOutputStream z = new ZipArchiveOutputStream(out)) {
            ZipArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                byte[] data = in.readAllBytes();
                if (e.getName().equals(entry)) {
                    if (body == null) {
                        continue;
                    }
                    data = body.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                }
                z.putArchiveEntry(new ZipArchiveEntry(e.getName()));
                z.write(data);
                z.closeArchiveEntry();
            }
        }
        assertTrue(out.size() > 0);
        return out.toByteArray();
    }
}

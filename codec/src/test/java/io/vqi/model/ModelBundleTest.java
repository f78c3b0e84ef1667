package io.vqi.model;

import io.vqi.core.CorruptStreamException;
import io.vqi.prior.PriorConfig;
import io.vqi.codec.ModelZoo;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelBundleTest {

    private static byte[] bytes(ModelBundle b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        b.write(out);
        return out.toByteArray();
    }

    @Test
    void saveLoadRoundTripIsBitIdentical() throws IOException {
        ModelBundle original = TestModels.random(VqVaeConfig.tiny(), 1).withCard("# card\n");
        byte[] written = bytes(original);
        ModelBundle loaded = ModelBundle.read(new ByteArrayInputStream(written));
        assertEquals(original.config(), loaded.config());
        assertEquals(original.tensors(), loaded.tensors(), "tensors must survive bit for bit");
        assertArrayEquals(original.sha256(), loaded.sha256());
        assertEquals(original.modelId(), loaded.modelId());
        assertEquals("# card\n", loaded.card());
        assertArrayEquals(written, bytes(loaded), "writing is reproducible");
    }

    @Test
    void modelIdChangesWhenAnyWeightChanges() {
        ModelBundle base = TestModels.random(VqVaeConfig.tiny(), 2);
        for (int t = 0; t < base.tensors().size(); t++) {
            List<Tensor> changed = new ArrayList<>(base.tensors());
            Tensor old = changed.get(t);
            float[] data = old.data().clone();
            data[data.length / 2] += 0.5f;
            changed.set(t, new Tensor(old.name(), old.shape(), data));
            ModelBundle other = ModelBundle.of(base.config(), changed, "");
            assertNotEquals(base.modelId(), other.modelId(), "changing " + old.name());
        }
    }

    @Test
    void modelIdChangesWithTheArchitecture() {
        ModelBundle a = TestModels.random(VqVaeConfig.tiny(), 3);
        VqVaeConfig c = VqVaeConfig.tiny();
        ModelBundle b = ModelBundle.of(new VqVaeConfig("other-name", c.c1(), c.c2(), c.c3(), c.latentDim(),
                c.codebookSize(), c.encoderBlocks(), c.decoderBlocks()), a.tensors(), "");
        assertNotEquals(a.sha256Hex(), b.sha256Hex());
    }

    @Test
    void tamperedWeightsAreRefused() throws IOException {
        byte[] written = bytes(TestModels.random(VqVaeConfig.tiny(), 4));
        // Flip a byte inside the stored (uncompressed-size-known) zip payload: either the zip layer or the hash
        // check must refuse it; it must never load silently.
        int flipped = 0;
        for (int i = 200; i < written.length - 200; i += 97) {
            byte[] copy = written.clone();
            copy[i] ^= 0x10;
            try {
                ModelBundle loaded = ModelBundle.read(new ByteArrayInputStream(copy));
                assertEquals(TestModels.random(VqVaeConfig.tiny(), 4).sha256Hex(), loaded.sha256Hex(),
                        "a bundle that loads must be the original");
            } catch (IOException expected) {
                flipped++;
            }
        }
        assertTrue(flipped > 0);
    }

    @Test
    void missingEntriesAreATypedError() {
        assertThrows(CorruptStreamException.class, () -> ModelBundle.read(new ByteArrayInputStream(new byte[0])));
    }

    /** Issue 14, finding 3: a bundle without its sha256 entry loaded with no integrity check at all. */
    @Test
    void bundleWithoutItsSha256EntryIsRefused() throws IOException {
        ModelBundle model = TestModels.randomWithPrior(VqVaeConfig.tiny(), PriorConfig.tiny(16), 20);
        Map<String, byte[]> entries = entries(bytes(model));
        entries.remove("sha256");
        CorruptStreamException e = assertThrows(CorruptStreamException.class,
                () -> ModelBundle.read(new ByteArrayInputStream(zip(entries))));
        assertTrue(e.getMessage().contains("sha256"), e.getMessage());
    }

    /**
     * Issue 14, finding 3: an edited {@code model.properties}, even with the hash recomputed to match (the hash is
     * not a signature), built networks that did not fit the tensors: an {@code IllegalArgumentException} deep in
     * the codec, exit 70. Now every such bundle is refused when it is read, as corrupt data.
     */
    @ParameterizedTest(name = "{0} -> {1}, hash {2}")
    @CsvSource({
        "decoderBlocks=1, decoderBlocks=2, recomputed",    // the decoder asks for tensors the file lacks
        "decoderBlocks=1, decoderBlocks=0, recomputed",    // the file holds tensors the architecture lacks
        "prior.channels=8, prior.channels=4, recomputed",
        "codebookSize=16, codebookSize=8, recomputed",     // codebook shape and prior alphabet disagree
        "prior.alphabet=16, prior.alphabet=8, recomputed",
        "decoderBlocks=1, decoderBlocks=x, recomputed",
        "decoderBlocks=1, decoderBlocks=99, recomputed",
        "prior.layers=1, prior.layers=-1, recomputed",
        "prior.kernelA=3, prior.kernelA=\\u00zz, recomputed",
        "decoderBlocks=1, decoderBlocks=2, kept",
        "decoderBlocks=1, decoderBlocks=2, removed",
    })
    void editedModelPropertiesAreCorruptData(String from, String to, String hash) throws IOException {
        ModelBundle model = TestModels.randomWithPrior(VqVaeConfig.tiny(), PriorConfig.tiny(16), 21);
        Map<String, byte[]> entries = entries(bytes(model));
        String text = new String(entries.get("model.properties"), StandardCharsets.UTF_8);
        assertTrue(text.contains(from + "\n"), text);
        String edited = text.replace(from + "\n", to + "\n");
        entries.put("model.properties", edited.getBytes(StandardCharsets.UTF_8));
        if (hash.equals("recomputed")) {
            entries.put("sha256", (HexFormat.of().formatHex(BundleFiles.hash(edited, entries.get("tensors.bin")))
                    + "\n").getBytes(StandardCharsets.US_ASCII));
        } else if (hash.equals("removed")) {
            entries.remove("sha256");
        }
        assertThrows(CorruptStreamException.class, () -> ModelBundle.read(new ByteArrayInputStream(zip(entries))));
    }

    @Test
    void theEmbeddedDefaultModelHoldsExactlyItsArchitecture() throws IOException {
        ModelBundle model = ModelZoo.defaultModel();
        ModelBundle.checkTensors(model.config(), model.prior(), model.tensors());
    }

    private static Map<String, byte[]> entries(byte[] bundle) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipArchiveInputStream zip = new ZipArchiveInputStream(new ByteArrayInputStream(bundle))) {
            for (ZipArchiveEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                BundleFiles.putEntry(zip, e.getKey(), e.getValue());
            }
        }
        return out.toByteArray();
    }
}

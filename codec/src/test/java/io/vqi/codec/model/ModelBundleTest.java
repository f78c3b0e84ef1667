package io.vqi.codec.model;

import io.vqi.codec.CorruptStreamException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

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
}

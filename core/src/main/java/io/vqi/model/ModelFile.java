package io.vqi.model;

import io.vqi.core.CorruptStreamException;
import io.vqi.prior.PriorConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The {@code .vqm} file of a {@link ModelBundle}: a zip with {@code model.properties} (the VQ-VAE's architecture and,
 * once trained, its prior's), {@code tensors.bin} ({@link TensorFormat}, half precision), {@code sha256}, and
 * {@code card.md} when there is one. Reading recomputes the hash and refuses a file whose {@code sha256} entry
 * disagrees or is missing, then checks the tensors against the architecture: every refusal is a
 * {@link CorruptStreamException}.
 */
public final class ModelFile {

    private ModelFile() {
    }

    public static void write(ModelBundle model, OutputStream out) throws IOException {
        BundleFiles.writeBundle(out, "model.properties", propertiesText(model.config(), model.prior()),
                model.tensors(), model.sha256Hex(), model.card());
    }

    /** Writes through a temporary file and a rename, so a crash never leaves half a model. */
    public static void write(ModelBundle model, Path file) throws IOException {
        BundleFiles.writeAtomically(file, out -> write(model, out));
    }

    public static ModelBundle read(Path file) throws IOException {
        return BundleFiles.read(file, ModelFile::read);
    }

    public static ModelBundle read(InputStream in) throws IOException {
        Map<String, byte[]> entries = BundleFiles.readEntries(in); // later entries: room to grow
        byte[] props = entries.get("model.properties");
        byte[] tensorBytes = entries.get("tensors.bin");
        String declaredHash = BundleFiles.text(entries, "sha256", null);
        String card = BundleFiles.text(entries, "card.md", "");
        if (props == null || tensorBytes == null) {
            throw new CorruptStreamException(0, "model bundle lacks model.properties or tensors.bin");
        }
        if (declaredHash == null) {
            // Without it nothing vouches for the weights, and a learned decoder cannot see its own corruption.
            throw new CorruptStreamException(0, "model bundle lacks its sha256 entry: a model file without its hash "
                    + "is not a model file");
        }
        String text = new String(props, StandardCharsets.UTF_8);
        VqVaeConfig config;
        PriorConfig prior;
        try {
            config = VqVaeConfig.parse(text);
            Properties p = new Properties();
            p.load(new StringReader(text));
            prior = PriorConfig.fromProperties(p);
        } catch (IOException | IllegalArgumentException e) { // NumberFormatException, a malformed unicode escape
            throw new CorruptStreamException(0, "model.properties: " + e.getMessage(), e);
        }
        byte[] actual = BundleFiles.checkHash(BundleFiles.hash(propertiesText(config, prior), tensorBytes), declaredHash,
                "model bundle");
        List<Tensor> tensors = TensorFormat.decode(tensorBytes);
        ModelBundle.checkTensors(config, prior, tensors);
        return new ModelBundle(config, prior, tensors, actual, card);
    }

    /** What {@code model.properties} holds, and what the hash covers with the tensors. */
    static String propertiesText(VqVaeConfig config, PriorConfig prior) {
        return config.toProperties() + (prior == null ? "" : prior.toProperties());
    }
}

package io.vqi.model;

import io.vqi.core.CorruptStreamException;
import io.vqi.prior.PixelCnnPrior;
import io.vqi.prior.PriorConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained model: the VQ-VAE's architecture and weights, its prior (null before the prior is trained), the hash that
 * names it, and its model card. Its file format is {@link ModelFile}.
 *
 * <p>The SHA-256 of {@code model.properties} followed by {@code tensors.bin} is the model's hash: it covers
 * everything that shapes the bitstream, so a retrained prior is a new model id; the model id is
 * {@code <name>-<first 8 hex digits>}.
 */
public record ModelBundle(VqVaeConfig config, PriorConfig prior, List<Tensor> tensors, byte[] sha256, String card) {

    public ModelBundle {
        tensors = List.copyOf(tensors);
        sha256 = sha256.clone();
        card = card == null ? "" : card;
    }

    /** A VQ-VAE without a prior (what a VQ-VAE training run exports). */
    public static ModelBundle of(VqVaeConfig config, List<Tensor> weights, String card) {
        return of(config, null, weights, card);
    }

    /** Builds a bundle from float weights; they are rounded to half precision, and the hash covers that. */
    public static ModelBundle of(VqVaeConfig config, PriorConfig prior, List<Tensor> weights, String card) {
        if (prior != null && prior.alphabet() != config.codebookSize()) {
            throw new IllegalArgumentException("prior alphabet " + prior.alphabet() + " is not the codebook size "
                    + config.codebookSize());
        }
        List<Tensor> rounded = TensorFormat.rounded(weights);
        return new ModelBundle(config, prior, rounded,
                BundleFiles.hash(ModelFile.propertiesText(config, prior), TensorFormat.encode(rounded)), card);
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    public String sha256Hex() {
        return HexFormat.of().formatHex(sha256);
    }

    /** Stable id written into every .vqi file: family name plus a hash prefix. */
    public String modelId() {
        return config.name() + "-" + sha256Hex().substring(0, 8);
    }

    public Map<String, Tensor> tensorMap() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (Tensor t : tensors) {
            m.put(t.name(), t);
        }
        return m;
    }

    public ModelBundle withCard(String newCard) {
        return new ModelBundle(config, prior, tensors, sha256, newCard);
    }

    /** Writes the {@code .vqm} file ({@link ModelFile}). */
    public void write(OutputStream out) throws IOException {
        ModelFile.write(this, out);
    }

    /** Writes the {@code .vqm} file atomically ({@link ModelFile}). */
    public void write(Path file) throws IOException {
        ModelFile.write(this, file);
    }

    /** Reads and verifies a {@code .vqm} file ({@link ModelFile}). */
    public static ModelBundle read(Path file) throws IOException {
        return ModelFile.read(file);
    }

    /** Reads and verifies a {@code .vqm} file ({@link ModelFile}). */
    public static ModelBundle read(InputStream in) throws IOException {
        return ModelFile.read(in);
    }

    /**
     * Refuses tensors that are not exactly the architecture's: one per name {@link VqVaeConfig#tensorShapes} and
     * {@link PixelCnnPrior#tensorShapes} list, with that shape, and nothing else. The hash only proves the file is
     * what its writer wrote; this proves the writer wrote a model, so that building the networks cannot fail later.
     */
    static void checkTensors(VqVaeConfig config, PriorConfig prior, List<Tensor> tensors)
            throws CorruptStreamException {
        if (prior != null && prior.alphabet() != config.codebookSize()) {
            throw new CorruptStreamException(0, "model.properties: prior alphabet " + prior.alphabet()
                    + " is not the codebook size " + config.codebookSize());
        }
        Map<String, long[]> wanted = new LinkedHashMap<>(config.tensorShapes());
        if (prior != null) {
            wanted.putAll(PixelCnnPrior.tensorShapes(prior));
        }
        for (Tensor t : tensors) {
            long[] shape = wanted.remove(t.name());
            if (shape == null) {
                throw new CorruptStreamException(0, "tensors.bin: tensor " + t.name() + " is not part of the "
                        + "architecture in model.properties (or appears twice)");
            }
            if (!Arrays.equals(shape, t.shape())) {
                throw new CorruptStreamException(0, "tensors.bin: tensor " + t.name() + " has shape "
                        + Arrays.toString(t.shape()) + ", model.properties needs " + Arrays.toString(shape));
            }
        }
        if (!wanted.isEmpty()) {
            throw new CorruptStreamException(0, "tensors.bin lacks tensor " + wanted.keySet().iterator().next()
                    + " of the architecture in model.properties");
        }
    }

    /** Whether this model can entropy-code (it has a prior), not only quantise. */
    public boolean hasPrior() {
        return prior != null;
    }

}

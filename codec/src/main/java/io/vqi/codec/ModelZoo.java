package io.vqi.codec;

import io.vqi.model.RefineBundle;

import io.vqi.model.ModelBundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Where models come from: the default model embedded in the jar, and model files the user names. A file is decoded
 * only by the model whose weights hash it records.
 */
public final class ModelZoo {

    /** Classpath location of the embedded default model. */
    public static final String DEFAULT_RESOURCE = "/io/vqi/codec/models/default.vqm";

    /** Classpath location of the default model's refinement layer (the quality levels above 1). */
    public static final String DEFAULT_REFINE_RESOURCE = "/io/vqi/codec/models/default.vqr";

    /**
     * Earlier refinement layers of the default model, kept so that files made with them still decode: the resource
     * is named after the layer id ({@code refine-} and the first 8 hex digits of its hash), and loaded only when a
     * file names it.
     */
    static final List<String> RETIRED_REFINE_RESOURCES = List.of("/io/vqi/codec/models/refine-2e1071a5.vqr");

    private static volatile ModelBundle defaultModel;
    private static volatile Optional<RefineBundle> defaultRefinement;

    private ModelZoo() {
    }

    /** Whether this build embeds a default model. */
    public static boolean hasDefault() {
        return ModelZoo.class.getResource(DEFAULT_RESOURCE) != null;
    }

    /** The embedded default model, loaded and hash-checked once. */
    public static ModelBundle defaultModel() {
        ModelBundle m = defaultModel;
        if (m == null) {
            synchronized (ModelZoo.class) {
                m = defaultModel;
                if (m == null) {
                    try (InputStream in = ModelZoo.class.getResourceAsStream(DEFAULT_RESOURCE)) {
                        if (in == null) {
                            throw new IllegalStateException("this build has no embedded default model");
                        }
                        m = ModelBundle.read(in);
                    } catch (IOException e) {
                        throw new UncheckedIOException("embedded default model is damaged: " + e.getMessage(), e);
                    }
                    defaultModel = m;
                }
            }
        }
        return m;
    }

    /** The embedded refinement layer, loaded and hash-checked once; empty when this build has none. */
    public static Optional<RefineBundle> defaultRefinement() {
        Optional<RefineBundle> r = defaultRefinement;
        if (r == null) {
            synchronized (ModelZoo.class) {
                r = defaultRefinement;
                if (r == null) {
                    try (InputStream in = ModelZoo.class.getResourceAsStream(DEFAULT_REFINE_RESOURCE)) {
                        r = in == null ? Optional.empty() : Optional.of(RefineBundle.read(in));
                    } catch (IOException e) {
                        throw new UncheckedIOException("embedded refinement layer is damaged: " + e.getMessage(), e);
                    }
                    defaultRefinement = r;
                }
            }
        }
        return r;
    }

    /** The refinement layer trained on {@code base}, if this build has one. */
    public static Optional<RefineBundle> refinementFor(ModelBundle base) {
        return defaultRefinement().filter(r -> r.config().baseSha256().equals(base.sha256Hex()));
    }

    /**
     * The embedded refinement layer whose hash is {@code sha256}: the default one, or a retired one of the same base
     * (loaded and hash-checked on demand).
     */
    public static Optional<RefineBundle> embeddedLayer(byte[] sha256) {
        Optional<RefineBundle> d = defaultRefinement().filter(r -> Arrays.equals(r.sha256(), sha256));
        if (d.isPresent()) {
            return d;
        }
        String id = "refine-" + HexFormat.of().formatHex(sha256, 0, 4) + ".vqr";
        for (String resource : RETIRED_REFINE_RESOURCES) {
            if (!resource.endsWith("/" + id)) {
                continue;
            }
            try (InputStream in = ModelZoo.class.getResourceAsStream(resource)) {
                if (in == null) {
                    return Optional.empty();
                }
                RefineBundle r = RefineBundle.read(in);
                return Arrays.equals(r.sha256(), sha256) ? Optional.of(r) : Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded refinement layer " + resource + " is damaged: "
                        + e.getMessage(), e);
            }
        }
        return Optional.empty();
    }

    public static ModelBundle load(Path file) throws IOException {
        return ModelBundle.read(file);
    }

    /** The default model first (when embedded), then the given ones. */
    public static List<ModelBundle> available(List<ModelBundle> extra) {
        List<ModelBundle> all = new ArrayList<>();
        if (hasDefault()) {
            all.add(defaultModel());
        }
        all.addAll(extra);
        return all;
    }

    /** The model whose weights hash is {@code sha256}, among the default and the given ones. */
    public static Optional<ModelBundle> find(byte[] sha256, List<ModelBundle> extra) {
        for (ModelBundle b : extra) {
            if (Arrays.equals(b.sha256(), sha256)) {
                return Optional.of(b);
            }
        }
        if (hasDefault() && Arrays.equals(defaultModel().sha256(), sha256)) {
            return Optional.of(defaultModel());
        }
        return Optional.empty();
    }

    public static String describe(String id, byte[] sha256) {
        return id + " (sha256 " + HexFormat.of().formatHex(sha256, 0, 8) + "...)";
    }
}

package io.vqi.codec;

import io.vqi.core.WeightsHash;
import io.vqi.model.ModelBundle;
import io.vqi.model.RefineBundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The resources embedded in the jar: the default model and its refinement layers, each loaded and hash-checked once.
 * {@link ModelRegistry} is where lookups happen.
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
    static final List<String> RETIRED_REFINE_RESOURCES = List.of("/io/vqi/codec/models/refine-2e1071a5.vqr",
            "/io/vqi/codec/models/refine-a595365e.vqr", "/io/vqi/codec/models/refine-1b220a40.vqr",
            "/io/vqi/codec/models/refine-78922a5e.vqr", "/io/vqi/codec/models/refine-b4f67d86.vqr",
            "/io/vqi/codec/models/refine-b66eac85.vqr");

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

    /**
     * The embedded refinement layer a file's hash (whole or prefix) names: the default one, or a retired one of the same base
     * (loaded and hash-checked on demand).
     */
    public static Optional<RefineBundle> embeddedLayer(byte[] sha256) {
        Optional<RefineBundle> d = defaultRefinement().filter(r -> WeightsHash.names(sha256, r.sha256()));
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
                return WeightsHash.names(sha256, r.sha256()) ? Optional.of(r) : Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded refinement layer " + resource + " is damaged: "
                        + e.getMessage(), e);
            }
        }
        return Optional.empty();
    }
}

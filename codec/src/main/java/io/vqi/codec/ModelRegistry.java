package io.vqi.codec;

import io.vqi.core.WeightsHash;
import io.vqi.model.ModelBundle;
import io.vqi.model.RefineBundle;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The models a codec may use: the default model embedded in the build with its refinement layers (when
 * {@code withEmbedded}), and models and layers from files. A file is decoded only by the model whose weights hash it
 * records. Immutable; the loaded networks ({@link ImageCodec}s) are built on demand, one per model and layer, and
 * released when unused.
 */
public final class ModelRegistry {

    private static final ModelRegistry EMBEDDED = new ModelRegistry(List.of(), List.of(), true);
    private static final ModelRegistry NONE = new ModelRegistry(List.of(), List.of(), false);

    private final List<ModelBundle> models;
    private final List<RefineBundle> layers;
    private final boolean withEmbedded;
    private final Codecs codecs = new Codecs();

    private ModelRegistry(List<ModelBundle> models, List<RefineBundle> layers, boolean withEmbedded) {
        this.models = List.copyOf(models);
        this.layers = List.copyOf(layers);
        this.withEmbedded = withEmbedded;
    }

    /** The embedded default model and its layers (current and retired) alone: one shared instance. */
    public static ModelRegistry embedded() {
        return EMBEDDED;
    }

    /** No model at all (the files' models can be added with {@link #withFiles}). */
    public static ModelRegistry none() {
        return NONE;
    }

    /** The given models and layers, and the embedded ones when {@code withEmbedded} and this build has them. */
    public static ModelRegistry of(List<ModelBundle> models, List<RefineBundle> layers, boolean withEmbedded) {
        if (models.isEmpty() && layers.isEmpty()) {
            return withEmbedded ? EMBEDDED : NONE;
        }
        return new ModelRegistry(models, layers, withEmbedded);
    }

    /** This registry with {@code models} and {@code layers} added (looked up before the ones it has). */
    public ModelRegistry withFiles(List<ModelBundle> models, List<RefineBundle> layers) {
        if (models.isEmpty() && layers.isEmpty()) {
            return this;
        }
        List<ModelBundle> m = new ArrayList<>(models);
        m.addAll(this.models);
        List<RefineBundle> l = new ArrayList<>(layers);
        l.addAll(this.layers);
        return new ModelRegistry(m, l, withEmbedded);
    }

    /** The default model, when this registry includes the embedded one and the build has it. */
    public Optional<ModelBundle> defaultModel() {
        return withEmbedded && ModelZoo.hasDefault() ? Optional.of(ModelZoo.defaultModel()) : Optional.empty();
    }

    /** The models from files, in their order (without the default). */
    public List<ModelBundle> fileModels() {
        return models;
    }

    /** The models from files first, then the default. */
    public List<ModelBundle> models() {
        List<ModelBundle> all = new ArrayList<>(models);
        defaultModel().ifPresent(all::add);
        return List.copyOf(all);
    }

    /**
     * The model whose weights a file's hash names (whole or its 8-byte prefix: {@link WeightsHash}): a file's
     * first, then the default.
     */
    public Optional<ModelBundle> find(byte[] sha256) {
        for (ModelBundle b : models) {
            if (WeightsHash.names(sha256, b.sha256())) {
                return Optional.of(b);
            }
        }
        return defaultModel().filter(d -> WeightsHash.names(sha256, d.sha256()));
    }

    /** The model with id {@code id}: a file's first, then the default. */
    public Optional<ModelBundle> byId(String id) {
        return models().stream().filter(m -> m.modelId().equals(id)).findFirst();
    }

    /** The refinement layer {@code base} codes its qualities above 1 with: a file's, else the embedded one. */
    public Optional<RefineBundle> refinementFor(ModelBundle base) {
        for (RefineBundle r : layers) {
            if (r.config().baseSha256().equals(base.sha256Hex())) {
                return Optional.of(r);
            }
        }
        return withEmbedded
                ? ModelZoo.defaultRefinement().filter(r -> r.config().baseSha256().equals(base.sha256Hex()))
                : Optional.empty();
    }

    /**
     * The refinement layer a file's hash (whole or prefix) names: a file's, else an embedded one (current or
     * retired).
     */
    public Optional<RefineBundle> layer(byte[] sha256) {
        for (RefineBundle r : layers) {
            if (WeightsHash.names(sha256, r.sha256())) {
                return Optional.of(r);
            }
        }
        return withEmbedded ? ModelZoo.embeddedLayer(sha256) : Optional.empty();
    }

    /** How messages name a model: its id and the start of its hash. */
    public static String describe(String id, byte[] sha256) {
        return id + " (sha256 " + HexFormat.of().formatHex(sha256, 0, 8) + "...)";
    }

    /**
     * The networks of {@code model} with {@code layer}, loaded once while in use. For the base layer alone (null) it
     * is the codec with the model's own refinement layer, when this registry has one: that codec codes and decodes
     * quality 1 exactly as a bare one (the layer's networks load only when a level above 1 asks for them), and a
     * second copy of the base networks would cost the load time and the memory again.
     */
    public ImageCodec codec(ModelBundle model, RefineBundle layer) {
        return codecs.get(model, layer != null ? layer : refinementFor(model).orElse(null));
    }

    /** How many loaded codecs this registry holds on to (not counting ones only callers still use). */
    int retainedCodecs() {
        return codecs.retained();
    }

    /**
     * The loaded codecs. A codec's SameDiff graphs take tens to hundreds of MiB, so only the {@value #KEEP} most
     * recently used stay loaded: enough for a model at quality 1 and above 1 plus one more model, what one CLI run
     * or ImageIO session uses; more models alternate rarely, and reloading costs a fraction of a second. A codec
     * still in use elsewhere is found through a weak reference, so there is never a second copy of it.
     */
    private static final class Codecs {
        static final int KEEP = 3;

        private final Map<String, ImageCodec> recent = new LinkedHashMap<>(8, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ImageCodec> eldest) {
                return size() > KEEP;
            }
        };
        private final Map<String, WeakReference<ImageCodec>> live = new HashMap<>();

        synchronized ImageCodec get(ModelBundle model, RefineBundle layer) {
            String key = model.sha256Hex() + (layer == null ? "" : "+" + layer.sha256Hex());
            ImageCodec c = recent.get(key);
            if (c == null) {
                WeakReference<ImageCodec> ref = live.get(key);
                c = ref == null ? null : ref.get();
                if (c == null) {
                    c = ImageCodec.create(model, layer);
                    live.values().removeIf(r -> r.get() == null);
                    live.put(key, new WeakReference<>(c));
                }
                recent.put(key, c);
            }
            return c;
        }

        synchronized int retained() {
            return recent.size();
        }
    }
}

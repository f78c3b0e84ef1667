package io.vqi.compare;

import io.vqi.model.ModelBundle;
import io.vqi.model.RefineBundle;
import io.vqi.codec.ModelRegistry;

import io.vqi.codec.VqiCodec;

import java.util.ArrayList;
import java.util.List;

/**
 * One vqi quality level: the model and quality that encode it and the label it gets in the CSV.
 *
 * @param label   the {@code setting} column, e.g. {@code 3}
 * @param model   the model bundle
 * @param layer   the refinement layer that codes the qualities above 1 (a layer file's), or null for the one this
 *                build embeds for the model
 * @param quality the quality level, 1 (base layer) up to the model's best
 */
public record VqiLevel(String label, ModelBundle model, RefineBundle layer, int quality) {
    public VqiLevel {
        new Setting(label, 0); // the same CSV rules as every other setting
        if (layer != null && !layer.config().baseSha256().equals(model.sha256Hex())) {
            throw new IllegalArgumentException("layer " + layer.layerId() + " is not made for model "
                    + model.modelId());
        }
        int qualities = layer != null ? VqiCodec.qualities(layer) : VqiCodec.qualities(model);
        if (quality < 1 || quality > qualities) {
            throw new IllegalArgumentException("quality " + quality + " is not one of model " + model.modelId());
        }
    }

    public VqiLevel(String label, ModelBundle model, int quality) {
        this(label, model, null, quality);
    }

    /** Every quality of the embedded default model (one curve), or no levels when this build embeds none. */
    public static List<VqiLevel> defaults() {
        return ModelRegistry.embedded().defaultModel().map(m -> numbered(List.of(m))).orElse(List.of());
    }

    /**
     * Every quality of each model, lowest first; labelled by the quality alone for one model, else
     * {@code <model number>.<quality>}.
     */
    public static List<VqiLevel> numbered(List<ModelBundle> models) {
        return numbered(models, List.of());
    }

    /**
     * As {@link #numbered(List)}, each model's qualities above 1 coded by the first of {@code layers} made for it,
     * else by the layer this build embeds for it.
     */
    public static List<VqiLevel> numbered(List<ModelBundle> models, List<RefineBundle> layers) {
        ModelRegistry registry = ModelRegistry.embedded().withFiles(List.of(), layers);
        List<VqiLevel> levels = new ArrayList<>();
        for (int m = 0; m < models.size(); m++) {
            ModelBundle model = models.get(m);
            RefineBundle layer = registry.refinementFor(model).orElse(null);
            for (int q = 1; q <= VqiCodec.qualities(layer); q++) {
                levels.add(new VqiLevel(models.size() == 1 ? Integer.toString(q) : (m + 1) + "." + q, model, layer,
                        q));
            }
        }
        return List.copyOf(levels);
    }
}

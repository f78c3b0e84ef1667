package io.vqi.compare;

import io.vqi.model.ModelBundle;
import io.vqi.codec.ModelRegistry;

import io.vqi.codec.VqiCodec;

import java.util.ArrayList;
import java.util.List;

/**
 * One vqi quality level: the model and quality that encode it and the label it gets in the CSV.
 *
 * @param label   the {@code setting} column, e.g. {@code 3}
 * @param model   the model bundle
 * @param quality the quality level, 1 (base layer) up to the model's best
 */
public record VqiLevel(String label, ModelBundle model, int quality) {
    public VqiLevel {
        new Setting(label, 0); // the same CSV rules as every other setting
        if (quality < 1 || quality > VqiCodec.qualities(model)) {
            throw new IllegalArgumentException("quality " + quality + " is not one of model " + model.modelId());
        }
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
        List<VqiLevel> levels = new ArrayList<>();
        for (int m = 0; m < models.size(); m++) {
            ModelBundle model = models.get(m);
            for (int q = 1; q <= VqiCodec.qualities(model); q++) {
                levels.add(new VqiLevel(models.size() == 1 ? Integer.toString(q) : (m + 1) + "." + q, model, q));
            }
        }
        return List.copyOf(levels);
    }
}

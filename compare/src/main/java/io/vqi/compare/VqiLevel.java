package io.vqi.compare;

import io.vqi.codec.model.ModelBundle;
import io.vqi.codec.zoo.ModelZoo;

import java.util.List;
import java.util.stream.IntStream;

/**
 * One vqi quality level: the model that encodes it and the label it gets in the CSV. v1 models have one level
 * each, so a sweep over quality is a sweep over models.
 *
 * @param label the {@code setting} column, e.g. {@code 1}
 * @param model the model bundle
 */
public record VqiLevel(String label, ModelBundle model) {
    public VqiLevel {
        new Setting(label, 0); // the same CSV rules as every other setting
    }

    /** Level 1 with the embedded default model, or no levels when this build embeds none. */
    public static List<VqiLevel> defaults() {
        return ModelZoo.hasDefault() ? List.of(new VqiLevel("1", ModelZoo.defaultModel())) : List.of();
    }

    /** Levels 1..n, one per model, in the order given (lowest quality first). */
    public static List<VqiLevel> numbered(List<ModelBundle> models) {
        return IntStream.range(0, models.size())
                .mapToObj(i -> new VqiLevel(Integer.toString(i + 1), models.get(i))).toList();
    }
}

package io.vqi.compare;

import io.vqi.codec.ModelRegistry;
import io.vqi.codec.VqiCodec;
import io.vqi.core.ProgressListener;
import io.vqi.format.ImageMetadata;
import io.vqi.image.ImagePlanes;
import io.vqi.model.ModelBundle;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * vqi itself: {@link VqiCodec#compress} into a complete {@code .vqi} file (container, model reference, CRCs, so the
 * rate includes every byte a user would store) and {@link VqiCodec#decompress} with the swept models. The setting
 * is a quality level: every level of each model, one curve.
 */
public final class VqiRunner implements CodecRunner {
    public static final String NAME = "vqi";

    private final List<VqiLevel> levels;
    private final List<Setting> settings;
    /** The levels' models and the embedded ones: what decoding looks the files' models up in. */
    private final ModelRegistry models;

    public VqiRunner(List<VqiLevel> levels) {
        this.levels = List.copyOf(levels);
        Set<String> labels = new HashSet<>();
        for (VqiLevel level : this.levels) {
            if (!labels.add(level.label())) {
                throw new IllegalArgumentException("vqi level " + level.label() + " is given twice");
            }
        }
        this.settings = IntStream.range(0, this.levels.size())
                .mapToObj(i -> new Setting(this.levels.get(i).label(), i + 1)).toList();
        this.models = ModelRegistry.embedded().withFiles(
                this.levels.stream().map(VqiLevel::model).distinct().toList(),
                this.levels.stream().map(VqiLevel::layer).filter(Objects::nonNull).distinct().toList());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        String ids = levels.stream().map(l -> l.model().modelId() + models.refinementFor(l.model())
                .map(r -> " + " + r.layerId()).orElse("")).distinct().collect(Collectors.joining(", "));
        return "vqi " + (levels.isEmpty() ? "(no model)" : "(" + ids + ")") + "; setting = quality level (-q)";
    }

    @Override
    public List<Setting> settings() {
        return settings;
    }

    @Override
    public Optional<String> skipReason() {
        return levels.isEmpty()
                ? Optional.of("no vqi model: this build embeds no default model and none was given")
                : Optional.empty();
    }

    @Override
    public byte[] encode(BufferedImage image, Setting setting) throws IOException {
        int index = (int) setting.value() - 1;
        if (index < 0 || index >= levels.size() || !levels.get(index).label().equals(setting.label())) {
            throw new IllegalArgumentException("not a vqi setting of this runner: " + setting);
        }
        VqiLevel level = levels.get(index);
        return VqiCodec.compress(ImagePlanes.of(image), ImageMetadata.NONE, models, level.model(), level.quality(),
                true, ProgressListener.NONE);
    }

    @Override
    public BufferedImage decode(byte[] encoded) throws IOException {
        return VqiCodec.decompress(encoded, models);
    }
}

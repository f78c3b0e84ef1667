package io.vqi.imageio;

import io.vqi.codec.VqiCodec;
import io.vqi.codec.ModelRegistry;

import io.vqi.model.ModelBundle;

import javax.imageio.ImageWriteParam;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Write parameters for {@code .vqi}: which model codes the image, and at which of its quality levels.
 *
 * <p><b>Compression is always on</b> and the param starts in {@link #MODE_EXPLICIT} with a compression type set,
 * so {@link #setCompressionQuality} and {@link #getCompressionQualityValues} work at once, without
 * {@link #setCompressionMode} or {@link #setCompressionType} (as with the JDK's JPEG param after
 * {@code setCompressionMode(MODE_EXPLICIT)}). The <b>compression types are model ids</b>: the models the writer
 * offered when it made this param (see {@link VqiImageWriter#getDefaultWriteParam}) plus any given to
 * {@link #setModel}; the initial type is the writer's default model. A param offered no model has no compression
 * types ({@link #getCompressionTypes} is null: the writer picks the model) until {@link #setModel}; its quality
 * settings still work, over the embedded default model's levels. {@link #MODE_DEFAULT} and
 * {@link #MODE_COPY_FROM_METADATA} let the writer choose (the model named by a {@link VqiImageMetadata}, else its
 * default); {@link #MODE_DISABLED} cannot be honoured and makes the writer fail.
 *
 * <p><b>Quality mapping.</b> A model has {@code N} quality levels, 1 (fewest bits) to {@code N}. Compression quality
 * {@code q} in [0, 1] is cut into {@code N} equal intervals: level = min(N, 1 + ⌊q·N⌋), so 0 is level 1 and 1.0 is
 * level N, and {@link #getCompressionQualityValues()} returns the interval bounds {0, 1/N, …, 1}. {@code N} is 1 for a
 * model without a refinement layer and 8 for the shipped default. A new param's compression quality is the middle
 * of {@link VqiCodec#DEFAULT_QUALITY}'s interval, so, as with the JDK's JPEG param, an untouched param gives the
 * everyday default rather than the largest file.
 */
public final class VqiImageWriteParam extends ImageWriteParam {

    /** Candidate models by id, in the order offered; the compression types. */
    private final Map<String, ModelBundle> models = new LinkedHashMap<>();

    /** The model whose levels count when none is selected: the default of the writer's models. */
    private final Optional<ModelBundle> fallback;

    /** A param with no models offered: choose one with {@link #setModel}, or leave the writer its default. */
    public VqiImageWriteParam(Locale locale) {
        this(locale, List.of(), ModelRegistry.embedded().defaultModel());
    }

    /** A param offering {@code registry}'s models; the first is the initial compression type. */
    VqiImageWriteParam(Locale locale, ModelRegistry registry) {
        this(locale, registry.models(), registry.defaultModel());
    }

    private VqiImageWriteParam(Locale locale, List<ModelBundle> offered, Optional<ModelBundle> fallback) {
        super(locale);
        this.fallback = fallback;
        canWriteCompressed = true;
        compressionMode = MODE_EXPLICIT;
        for (ModelBundle model : offered) {
            models.putIfAbsent(model.modelId(), model);
        }
        // No models: no types (null, not empty), or ImageWriteParam's "No compression type set!" checks would make
        // setCompressionQuality and getCompressionQualityValues throw until a type that cannot exist is chosen.
        compressionTypes = models.isEmpty() ? null : models.keySet().toArray(String[]::new);
        compressionType = models.isEmpty() ? null : compressionTypes[0];
        int levels = levels();
        compressionQuality = (Math.min(levels, VqiCodec.DEFAULT_QUALITY) - 0.5f) / levels;
    }

    /** Quality levels of the model the param selects (else of the writer's default): 1 without refinement. */
    public int levels() {
        Optional<ModelBundle> model = getModel();
        if (model.isEmpty()) {
            model = fallback;
        }
        return model.map(VqiCodec::qualities).orElse(1);
    }

    /**
     * Codes with {@code model}: adds it to the compression types (replacing an offered model of the same id), sets
     * {@link #MODE_EXPLICIT} and makes its id the compression type.
     *
     * @throws IllegalArgumentException if the model has no prior, so cannot entropy-code
     */
    public void setModel(ModelBundle model) {
        Objects.requireNonNull(model, "model");
        if (!model.hasPrior()) {
            throw new IllegalArgumentException("model " + model.modelId() + " has no prior: it cannot entropy-code");
        }
        models.put(model.modelId(), model);
        compressionTypes = models.keySet().toArray(String[]::new);
        setCompressionMode(MODE_EXPLICIT);
        setCompressionType(model.modelId());
    }

    /** The model the compression type names, in {@link #MODE_EXPLICIT}; empty in the other modes or with no type. */
    public Optional<ModelBundle> getModel() {
        if (getCompressionMode() != MODE_EXPLICIT || compressionType == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(models.get(compressionType));
    }

    /** The candidate models, in compression-type order. */
    public List<ModelBundle> getModels() {
        return List.copyOf(models.values());
    }

    /** The quality level the writer uses: mapped from the compression quality in {@link #MODE_EXPLICIT}, else the best. */
    public int getQualityLevel() {
        float quality = getCompressionMode() == MODE_EXPLICIT ? compressionQuality : 1f; // the getter may throw
        return qualityLevel(quality, levels());
    }

    /** The documented mapping: {@code quality} in [0, 1] to a level in 1..{@code levels}. */
    static int qualityLevel(float quality, int levels) {
        if (!(quality >= 0f && quality <= 1f)) {
            throw new IllegalArgumentException("quality " + quality + " is not in [0, 1]");
        }
        if (levels < 1) {
            throw new IllegalArgumentException("a model has at least one quality level, got " + levels);
        }
        return Math.min(levels, 1 + (int) Math.floor(quality * levels));
    }

    /** Lossy, whatever the model. */
    @Override
    public boolean isCompressionLossless() {
        super.isCompressionLossless(); // the superclass's mode and type checks
        return false;
    }

    @Override
    public float[] getCompressionQualityValues() {
        super.getCompressionQualityValues(); // the superclass's mode and type checks
        int levels = levels();
        float[] bounds = new float[levels + 1];
        for (int i = 0; i <= levels; i++) {
            bounds[i] = (float) i / levels;
        }
        return bounds;
    }

    @Override
    public String[] getCompressionQualityDescriptions() {
        super.getCompressionQualityDescriptions(); // the superclass's mode and type checks
        int levels = levels();
        String[] descriptions = new String[levels];
        for (int level = 1; level <= levels; level++) {
            descriptions[level - 1] = "quality level " + level + " of " + levels;
        }
        return descriptions;
    }
}

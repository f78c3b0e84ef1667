package io.vqi.model;


import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained refinement layer as one file ({@code .vqr}): a zip with {@code refine.properties} (its
 * {@link RefineConfig}, which names the base model's SHA-256), {@code tensors.bin} (half precision, the format of
 * {@link ModelBundle}), {@code sha256} and an optional {@code card.md}.
 *
 * <p>The layer has its own hash, over {@code refine.properties} and {@code tensors.bin}: a file's refinement chunk
 * names it, while its header keeps naming the base model. So a base-only file (quality level 1) is exactly what the
 * base model alone writes, and dropping the refinement chunk leaves a valid file.
 */
public record RefineBundle(RefineConfig config, List<Tensor> tensors, byte[] sha256, String card) {

    public RefineBundle {
        tensors = List.copyOf(tensors);
        sha256 = sha256.clone();
        card = card == null ? "" : card;
    }

    /** Builds a layer from float weights, rounded to half precision (the hash covers the rounded values). */
    public static RefineBundle of(RefineConfig config, List<Tensor> weights, String card) {
        List<Tensor> rounded = TensorFormat.rounded(weights);
        return new RefineBundle(config, rounded,
                BundleFiles.hash(config.toProperties(), TensorFormat.encode(rounded)), card);
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    public String sha256Hex() {
        return HexFormat.of().formatHex(sha256);
    }

    /** Short name for messages and {@code vqi info}. */
    public String layerId() {
        return "refine-" + sha256Hex().substring(0, 8);
    }

    public Map<String, Tensor> tensorMap() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (Tensor t : tensors) {
            m.put(t.name(), t);
        }
        return m;
    }

    /**
     * The same layer with other quality levels, one per position in this layer's level space: position 0 is its
     * first level, 1 its second, 2.5 halfway between the third and fourth; below 0 and above the last level the
     * line through the two nearest levels is extended. Gains, inverse gains and lambdas are interpolated in log
     * space, as Cui et al. (2021) do between the levels of one gain-unit model: the networks are shared by every
     * rate, so a finer or wider ladder needs no training.
     */
    public RefineBundle withLevels(double[] positions) {
        int levels = config.levels();
        if (levels < 2) {
            throw new IllegalArgumentException("a layer needs two levels to place others between them");
        }
        int channels = config.channels();
        Map<String, Tensor> t = tensorMap();
        float[] gain = t.get("ref.gain").data();
        float[] igain = t.get("ref.igain").data();
        double[] lambdas = config.lambdas();
        float[] newGain = new float[positions.length * channels];
        float[] newIgain = new float[positions.length * channels];
        double[] newLambdas = new double[positions.length];
        for (int k = 0; k < positions.length; k++) {
            double p = positions[k];
            int i = (int) Math.max(0, Math.min(levels - 2, Math.floor(p)));
            double f = p - i;
            for (int c = 0; c < channels; c++) {
                newGain[k * channels + c] = (float) lerp(gain[i * channels + c], gain[(i + 1) * channels + c], f);
                newIgain[k * channels + c] = (float) lerp(igain[i * channels + c], igain[(i + 1) * channels + c], f);
            }
            newLambdas[k] = f == 0 || f == 1 ? lambdas[i + (int) f]
                    : Math.exp(lerp(Math.log(lambdas[i]), Math.log(lambdas[i + 1]), f));
        }
        RefineConfig c = config.withLambdas(newLambdas);
        List<Tensor> out = new ArrayList<>();
        for (Tensor x : tensors) {
            long[] shape = {positions.length, channels};
            out.add(switch (x.name()) {
                case "ref.gain" -> new Tensor(x.name(), shape, newGain);
                case "ref.igain" -> new Tensor(x.name(), shape, newIgain);
                default -> x;
            });
        }
        return of(c, out, card);
    }

    /**
     * The same layer with levels at the given trade-offs: each lambda's position in this layer's level space (log
     * lambda interpolated piecewise linearly, extended beyond the ends), then {@link #withLevels}. How a run starts
     * from a layer whose ladder was exported at other positions.
     */
    public RefineBundle atLambdas(double[] targets) {
        double[] own = config.lambdas();
        double[] positions = new double[targets.length];
        for (int k = 0; k < targets.length; k++) {
            double t = Math.log(targets[k]);
            int i = 0;
            while (i < own.length - 2 && t > Math.log(own[i + 1])) {
                i++;
            }
            double a = Math.log(own[i]);
            double b = Math.log(own[i + 1]);
            double f = (t - a) / (b - a);
            positions[k] = i + (Math.abs(f) < 1e-9 ? 0 : Math.abs(f - 1) < 1e-9 ? 1 : f);
        }
        return withLevels(positions);
    }

    /** Exact at the ends, so a trained level placed at its own position is that level, bit for bit. */
    private static double lerp(double a, double b, double f) {
        return f == 0 ? a : f == 1 ? b : (1 - f) * a + f * b;
    }

    public RefineBundle withCard(String newCard) {
        return new RefineBundle(config, tensors, sha256, newCard);
    }

    /** Writes the {@code .vqr} file ({@link LayerFile}). */
    public void write(OutputStream out) throws IOException {
        LayerFile.write(this, out);
    }

    /** Writes the {@code .vqr} file atomically ({@link LayerFile}). */
    public void write(Path file) throws IOException {
        LayerFile.write(this, file);
    }

    /** Reads and verifies a {@code .vqr} file ({@link LayerFile}). */
    public static RefineBundle read(Path file) throws IOException {
        return LayerFile.read(file);
    }

    /** Reads and verifies a {@code .vqr} file ({@link LayerFile}). */
    public static RefineBundle read(InputStream in) throws IOException {
        return LayerFile.read(in);
    }
}

package io.vqi.codec.refine;

import io.vqi.codec.CorruptStreamException;
import io.vqi.codec.entropy.QuantizedCdf;
import io.vqi.codec.model.IndexGrid;
import io.vqi.codec.model.ModelBundle;
import io.vqi.codec.model.RefineBundle;
import io.vqi.codec.model.RefineGraph;
import io.vqi.codec.model.Tensor;

import java.util.Map;

/**
 * The refinement layer's entropy path, all pure Java: scales from the base layer's codes ({@link ScaleNetwork}),
 * gain and inverse gain of a level, quantisation, and range coding under {@link LogisticTables}. The networks on
 * either side (analysis, refined decoder) run on ND4J; only integers cross between the two worlds.
 *
 * <p>Levels are numbered {@code 1 .. levels()} here (the file's quality is this plus one; quality 1 is the base layer
 * alone). Latents are channel-major, {@code [channel][row][col]}.
 */
public final class RefineCoder {

    private final RefineBundle layer;
    private final ScaleNetwork scales;
    private final int channels;
    private final int levels;
    private final float[] gain; // [L][C]
    private final float[] inverseGain;

    public RefineCoder(RefineBundle layer, ModelBundle base) {
        if (!layer.config().baseSha256().equals(base.sha256Hex())) {
            throw new IllegalArgumentException("refinement layer " + layer.layerId() + " belongs to base "
                    + layer.config().baseSha256().substring(0, 8) + ", not to " + base.modelId());
        }
        Map<String, Tensor> t = layer.tensorMap();
        this.layer = layer;
        this.scales = new ScaleNetwork(base.tensorMap().get("codebook"), t);
        this.channels = layer.config().channels();
        this.levels = layer.config().levels();
        this.gain = exp(ScaleNetwork.require(t, "ref.gain").data());
        this.inverseGain = exp(ScaleNetwork.require(t, "ref.igain").data());
        if (gain.length != levels * channels || inverseGain.length != levels * channels
                || scales.channels() != channels) {
            throw new IllegalArgumentException("refinement layer tensors do not fit its configuration");
        }
    }

    public RefineBundle layer() {
        return layer;
    }

    public int channels() {
        return channels;
    }

    public int levels() {
        return levels;
    }

    /** The CDF table entry of every element at {@code level}. */
    public byte[] tables(IndexGrid grid, int level) {
        checkLevel(level);
        float[] logScale = scales.logScales(grid);
        int cells = grid.size();
        byte[] tables = new byte[logScale.length];
        for (int c = 0; c < channels; c++) {
            double g = gain[(level - 1) * channels + c];
            for (int i = 0; i < cells; i++) {
                double s = RefineGraph.SCALE_FLOOR + StrictMath.exp(logScale[c * cells + i]) * g;
                tables[c * cells + i] = (byte) LogisticTables.index(s);
            }
        }
        return tables;
    }

    /** The integers of a latent at {@code level}: {@code round(y * gain)}, half up, clamped to the codable range. */
    public int[] quantise(float[] latent, int cells, int level) {
        checkLevel(level);
        int[] q = new int[latent.length];
        for (int c = 0; c < channels; c++) {
            float g = gain[(level - 1) * channels + c];
            for (int i = 0; i < cells; i++) {
                double v = StrictMath.floor((double) latent[c * cells + i] * g + 0.5);
                q[c * cells + i] = (int) Math.max(-ResidualCoder.MAX_MAGNITUDE,
                        Math.min(ResidualCoder.MAX_MAGNITUDE, v));
            }
        }
        return q;
    }

    /** What the decoder sees: {@code q * inverseGain}. */
    public float[] dequantise(int[] q, int cells, int level) {
        checkLevel(level);
        float[] out = new float[q.length];
        for (int c = 0; c < channels; c++) {
            float ig = inverseGain[(level - 1) * channels + c];
            for (int i = 0; i < cells; i++) {
                out[c * cells + i] = q[c * cells + i] * ig;
            }
        }
        return out;
    }

    public byte[] encode(IndexGrid grid, int[] q, int level) {
        checkLength(q.length, grid);
        return ResidualCoder.encode(q, tables(grid, level));
    }

    public int[] decode(byte[] payload, int offset, int length, IndexGrid grid, int level)
            throws CorruptStreamException {
        return ResidualCoder.decode(payload, offset, length, tables(grid, level), channels * grid.size());
    }

    /**
     * The integers of {@code level} re-quantised to the lower level {@code to} without the image: {@code
     * round(q * inverseGain_level * gain_to)}. What {@code vqi transcode} does between two refinement levels.
     */
    public int[] requantise(int[] q, int cells, int level, int to) {
        return quantise(dequantise(q, cells, level), cells, to);
    }

    /** Ideal code length of {@code q} under the integer CDFs, in bits (what the range coder should come close to). */
    public double crossEntropyBits(IndexGrid grid, int[] q, int level) {
        byte[] tables = tables(grid, level);
        double bits = 0;
        for (int i = 0; i < q.length; i++) {
            int t = tables[i];
            int m = LogisticTables.radius(t);
            QuantizedCdf cdf = LogisticTables.cdf(t);
            int s = Math.abs(q[i]) <= m ? q[i] + m : 2 * m + 1;
            bits += LogisticTables.PRECISION - Math.log(cdf.frequency(s)) / Math.log(2);
            if (s == 2 * m + 1) {
                int n = Math.abs(q[i]) - m;
                bits += 2 * (31 - Integer.numberOfLeadingZeros(n)) + 2;
            }
        }
        return bits;
    }

    private void checkLevel(int level) {
        if (level < 1 || level > levels) {
            throw new IllegalArgumentException("refinement level " + level + " is not in 1.." + levels);
        }
    }

    private void checkLength(int n, IndexGrid grid) {
        if (n != channels * grid.size()) {
            throw new IllegalArgumentException(n + " values do not fit " + channels + " x " + grid.size());
        }
    }

    private static float[] exp(float[] logs) {
        float[] out = new float[logs.length];
        for (int i = 0; i < logs.length; i++) {
            out[i] = (float) StrictMath.exp(logs[i]);
        }
        return out;
    }
}

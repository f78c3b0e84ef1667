package io.vqi.refine;

import io.vqi.core.CorruptStreamException;
import io.vqi.model.RefineConfig;
import io.vqi.model.IndexGrid;
import io.vqi.model.ModelBundle;
import io.vqi.model.RefineBundle;
import io.vqi.model.Tensor;

import java.util.Map;

/**
 * The refinement layer's entropy path, all pure Java: means and scales from the base layer's codes and the decoded
 * context ({@link EntropyNetwork}), gain and inverse gain of a level, quantisation, and range coding under
 * {@link LogisticTables}. The networks on either side (analysis, refined decoder) run on ND4J; only integers cross
 * between the two worlds.
 *
 * <p>A layer with a context codes each tile's cells in two passes over a checkerboard (He et al. 2021): first the
 * cells with {@code (row + col)} even, each channel in turn in raster order, under parameters from the code vectors;
 * then the others, whose parameters also see their four first-pass neighbours, dequantised. A value is coded as
 * {@code q = round(y * gain - mean * gain)} under a zero-mean logistic table, and decodes to
 * {@code (q + mean * gain) * inverseGain}. A layer with slices ({@code RefineConfig.slices}) codes each pass's cells
 * in as many steps, one slice of channels after the other, a later slice's parameters also seeing the cell's own
 * earlier slices, dequantised. The first layer has one pass over every cell and zero means.
 *
 * <p>Every operation (quantise, encode, decode, dequantise, cross-entropy) runs the same walk ({@link #walk}), so
 * they cannot disagree on order or parameters.
 *
 * <p>Levels are numbered {@code 1 .. levels()} here (the file's quality is this plus one; quality 1 is the base layer
 * alone). Latents are channel-major, {@code [channel][row][col]}.
 */
public final class RefineCoder {

    private final RefineBundle layer;
    private final EntropyNetwork network;
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
        RefineConfig config = layer.config();
        int[] sliceOf = config.sliceCount() > 1 ? config.channelSlices() : null;
        this.network = new EntropyNetwork(base.tensorMap().get("codebook"), t, config.context(), sliceOf);
        this.channels = layer.config().channels();
        this.levels = layer.config().levels();
        this.gain = exp(EntropyNetwork.require(t, "ref.gain").data());
        this.inverseGain = exp(EntropyNetwork.require(t, "ref.igain").data());
        if (gain.length != levels * channels || inverseGain.length != levels * channels
                || network.channels() != channels) {
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

    /** The coded integers of a latent at {@code level}: {@code round(y * gain - mean)}, clamped to the codable range. */
    public int[] quantise(float[] latent, IndexGrid grid, int level) {
        checkLength(latent.length, grid);
        int[] q = new int[latent.length];
        walk(grid, level, (e, meanZ, table) -> q[e] = round(latent[e], e / grid.size(), level, meanZ));
        return q;
    }

    /** {@link #encode} of {@link #quantise}, in one walk (the entropy network runs once). */
    public byte[] encodeLatent(float[] latent, IndexGrid grid, int level) {
        checkLength(latent.length, grid);
        ResidualCoder.Writer w = new ResidualCoder.Writer(latent.length);
        walk(grid, level, (e, meanZ, table) -> {
            int q = round(latent[e], e / grid.size(), level, meanZ);
            w.write(q, table);
            return q;
        });
        return w.finish();
    }

    /** {@code round(y * gain - mean)}, half up, clamped to the codable range. */
    private int round(float y, int channel, int level, double meanZ) {
        float g = gain[(level - 1) * channels + channel];
        double v = StrictMath.floor((double) y * g - meanZ + 0.5);
        return (int) Math.max(-ResidualCoder.MAX_MAGNITUDE, Math.min(ResidualCoder.MAX_MAGNITUDE, v));
    }

    /** What the decoder sees: {@code (q + mean) * inverseGain}. */
    public float[] dequantise(int[] q, IndexGrid grid, int level) {
        checkLength(q.length, grid);
        return walk(grid, level, (e, meanZ, table) -> q[e]);
    }

    public byte[] encode(IndexGrid grid, int[] q, int level) {
        checkLength(q.length, grid);
        ResidualCoder.Writer w = new ResidualCoder.Writer(q.length);
        walk(grid, level, (e, meanZ, table) -> {
            w.write(q[e], table);
            return q[e];
        });
        return w.finish();
    }

    public int[] decode(byte[] payload, int offset, int length, IndexGrid grid, int level)
            throws CorruptStreamException {
        int[] q = new int[channels * grid.size()];
        read(payload, offset, length, grid, level, q);
        return q;
    }

    /** {@link #dequantise} of {@link #decode}, in one walk (the entropy network runs once). */
    public float[] decodeLatent(byte[] payload, int offset, int length, IndexGrid grid, int level)
            throws CorruptStreamException {
        return read(payload, offset, length, grid, level, new int[channels * grid.size()]);
    }

    /** Decodes the integers into {@code q}; returns the dequantised latent. */
    private float[] read(byte[] payload, int offset, int length, IndexGrid grid, int level, int[] q)
            throws CorruptStreamException {
        ResidualCoder.Reader r = new ResidualCoder.Reader(payload, offset, length);
        float[] latent;
        try {
            latent = walk(grid, level, (e, meanZ, table) -> {
                try {
                    return q[e] = r.read(table);
                } catch (CorruptStreamException ex) {
                    throw new Corrupt(ex);
                }
            });
        } catch (Corrupt c) {
            throw c.cause;
        }
        r.finish();
        return latent;
    }

    /**
     * The integers of {@code level} re-quantised to the lower level {@code to} without the image: the dequantised
     * latent of {@code level}, quantised at {@code to}. What {@code vqi transcode} does between two refinement levels.
     */
    public int[] requantise(int[] q, IndexGrid grid, int level, int to) {
        return quantise(dequantise(q, grid, level), grid, to);
    }

    /** Ideal code length of {@code q} under the integer CDFs, in bits (what the range coder should come close to). */
    public double crossEntropyBits(IndexGrid grid, int[] q, int level) {
        checkLength(q.length, grid);
        double[] bits = {0};
        walk(grid, level, (e, meanZ, table) -> {
            bits[0] += ResidualCoder.bits(q[e], table);
            return q[e];
        });
        return bits[0];
    }

    /** The CDF table entry each element of {@code q} is coded under at {@code level}, element order. */
    public byte[] tables(IndexGrid grid, int[] q, int level) {
        checkLength(q.length, grid);
        byte[] tables = new byte[q.length];
        walk(grid, level, (e, meanZ, table) -> {
            tables[e] = (byte) table;
            return q[e];
        });
        return tables;
    }

    /** Chooses (or reads) the integer of element {@code e}, given its mean at the level's gain and its table. */
    @FunctionalInterface
    private interface Symbols {
        int next(int element, double meanZ, int table);
    }

    /**
     * The one coding order: for each pass and each slice of a cell's channels, the entropy network's parameters of
     * the pass's cells, then every channel of the slice in ascending order over those cells in raster order, asking
     * {@code symbols} for each integer. Returns the dequantised latent.
     */
    private float[] walk(IndexGrid grid, int level, Symbols symbols) {
        checkLevel(level);
        int cells = grid.size();
        int cols = grid.cols();
        float[] hidden = network.hidden(grid);
        float[] logScale = new float[channels * cells];
        float[] mean = new float[channels * cells];
        float[] decoded = new float[channels * cells];
        int[] passes = network.hasContext() ? new int[] {0, 1} : new int[] {-1};
        for (int pass : passes) {
            float[] preActivation = network.withContext(hidden, grid, pass, decoded);
            for (int slice = 0; slice < network.slices(); slice++) {
                network.parameters(preActivation, grid, pass, slice, decoded, logScale, mean);
                for (int c : network.sliceChannels(slice)) {
                    double g = gain[(level - 1) * channels + c];
                    float ig = inverseGain[(level - 1) * channels + c];
                    for (int r = 0; r < grid.rows(); r++) {
                        for (int col = pass < 0 ? 0 : (r + pass) & 1; col < cols; col += pass < 0 ? 1 : 2) {
                            int e = c * cells + r * cols + col;
                            double s = RefineConfig.SCALE_FLOOR + StrictMath.exp(logScale[e]) * g;
                            float meanZ = (float) (mean[e] * g);
                            int q = symbols.next(e, meanZ, LogisticTables.index(s));
                            decoded[e] = meanZ == 0 ? q * ig : (q + meanZ) * ig;
                        }
                    }
                }
            }
        }
        return decoded;
    }

    /** Carries a corrupt stream out of the walk's lambda. */
    private static final class Corrupt extends RuntimeException {
        final CorruptStreamException cause;

        Corrupt(CorruptStreamException cause) {
            super(null, null, false, false);
            this.cause = cause;
        }
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

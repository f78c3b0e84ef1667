package io.vqi.prior;

import io.vqi.network.RefineGraph;
import io.vqi.model.Tensor;
import io.vqi.refine.LogisticTables;
import io.vqi.refine.ResidualCoder;
import io.vqi.refine.EntropyNetwork;

import io.vqi.model.IndexGrid;
import io.vqi.model.TestModels;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

/**
 * Codes a fixed grid under a fixed random prior and prints the SHA-256 of the bitstream and of every CDF seen while
 * decoding it. Run in child JVMs with other JIT and instruction-set settings; all must print the same line.
 */
public final class DeterminismProbe {
    static final PriorConfig CONFIG = new PriorConfig(1024, 16, 16, 2, 5);

    private DeterminismProbe() {
    }

    public static String fingerprint() throws Exception {
        PixelCnnPrior prior = new PixelCnnPrior(CONFIG, TestModels.randomPrior(CONFIG, 77));
        Random r = new Random(5);
        int rows = 10;
        int cols = 13;
        int[] idx = new int[rows * cols];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = r.nextInt(3) == 0 ? r.nextInt(CONFIG.alphabet()) : (i % cols) * 7;
        }
        LatentCoder coder = new LatentCoder(prior);
        byte[] payload = coder.encode(new IndexGrid(rows, cols, CONFIG.alphabet(), idx));
        MessageDigest cdfs = MessageDigest.getInstance("SHA-256");
        IndexGrid back = coder.decode(payload, 0, payload.length, rows, cols, (pos, cdf, sym) -> {
            for (int v : cdf.cdf()) {
                cdfs.update((byte) (v >>> 24));
                cdfs.update((byte) (v >>> 16));
                cdfs.update((byte) (v >>> 8));
                cdfs.update((byte) v);
            }
        });
        if (!java.util.Arrays.equals(idx, back.indices())) {
            throw new AssertionError("round trip failed");
        }
        HexFormat hex = HexFormat.of();
        return hex.formatHex(MessageDigest.getInstance("SHA-256").digest(payload)) + " "
                + hex.formatHex(cdfs.digest()) + " " + refinement();
    }

    /**
     * The refinement layer's probabilities: a random scale network (built from tensors directly, so no ND4J starts
     * in the child JVM) over a fixed grid, its table choices, and the range-coded bytes of fixed integers.
     */
    static String refinement() throws Exception {
        Random r = new Random(9);
        int k = 64;
        int d = 8;
        int hidden = 12;
        int channels = 6;
        java.util.Map<String, Tensor> layer = new java.util.HashMap<>();
        layer.put("ref.scale.a.w", randomTensor("ref.scale.a.w", new long[] {3, 3, d, hidden}, r));
        layer.put("ref.scale.a.b", randomTensor("ref.scale.a.b", new long[] {hidden}, r));
        layer.put("ref.scale.b.w", randomTensor("ref.scale.b.w", new long[] {1, 1, hidden, channels}, r));
        layer.put("ref.scale.b.b", randomTensor("ref.scale.b.b", new long[] {channels}, r));
        layer.put("ref.ctx.w", randomTensor("ref.ctx.w", new long[] {3, 3, channels, hidden}, r));
        layer.put("ref.ctx.b", randomTensor("ref.ctx.b", new long[] {hidden}, r));
        layer.put("ref.mean.w", randomTensor("ref.mean.w", new long[] {1, 1, hidden, channels}, r));
        layer.put("ref.mean.b", randomTensor("ref.mean.b", new long[] {channels}, r));
        layer.put("ref.chan.w", randomTensor("ref.chan.w", new long[] {1, 1, channels, hidden}, r));
        layer.put("ref.chan.b", randomTensor("ref.chan.b", new long[] {hidden}, r));
        int[] sliceOf = {0, 2, 0, 1, 2, 0}; // three slices, not in channel order
        EntropyNetwork net = new EntropyNetwork(randomTensor("codebook", new long[] {k, d}, r), layer, true,
                sliceOf);
        int rows = 37;
        int cols = 23;
        int[] idx = new int[rows * cols];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = r.nextInt(k);
        }
        IndexGrid grid = new IndexGrid(rows, cols, k, idx);
        float[] hiddenLayer = net.hidden(grid);
        int n = channels * rows * cols;
        float[] logScale = new float[n];
        float[] mean = new float[n];
        float[] decoded = new float[n];
        for (int i = 0; i < n; i++) {
            decoded[i] = (float) r.nextGaussian();
        }
        for (int pass = 0; pass < 2; pass++) {
            float[] preActivation = net.withContext(hiddenLayer, grid, pass, decoded);
            net.parameters(preActivation, grid, pass, 0, decoded, logScale, mean);
            net.parameters(preActivation, grid, pass, 1, decoded, logScale, mean);
        }
        byte[] tables = new byte[logScale.length];
        int[] values = new int[logScale.length];
        for (int i = 0; i < logScale.length; i++) {
            double s = io.vqi.model.RefineConfig.SCALE_FLOOR + StrictMath.exp(logScale[i]) * 1.7;
            tables[i] = (byte) LogisticTables.index(s);
            values[i] = (int) Math.round(r.nextGaussian() * s + mean[i]);
        }
        byte[] coded = ResidualCoder.encode(values, tables);
        if (!java.util.Arrays.equals(values, ResidualCoder.decode(coded, 0, coded.length, tables, values.length))) {
            throw new AssertionError("refinement round trip failed");
        }
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(tables);
        md.update(coded);
        return HexFormat.of().formatHex(md.digest());
    }

    private static Tensor randomTensor(String name, long[] shape, Random r) {
        long n = 1;
        for (long x : shape) {
            n *= x;
        }
        float[] v = new float[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextGaussian() * 0.4);
        }
        return new Tensor(name, shape, v);
    }

    public static void main(String[] args) throws Exception {
        System.out.println(fingerprint());
    }
}

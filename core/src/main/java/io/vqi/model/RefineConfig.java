package io.vqi.model;

import java.io.IOException;
import java.io.StringReader;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;

/**
 * Architecture of the refinement layer: the continuous second layer above the VQ grid that makes the quality levels.
 *
 * <p>The layer codes the base layer's residual: a linear transform of each 8x8 cell plus a nonlinear analysis that
 * sees the residual and the code vectors give a latent of {@code channels} at 1/8 resolution (see
 * {@code io.vqi.network.RefineGraph}). Level {@code l} multiplies it by a per-channel gain vector and rounds (one model,
 * many rates: Cui et al. 2021); the integers are coded under a logistic model whose per-element scales a small
 * network computes from the base layer's code vectors alone, so the decoder knows them before the refinement data
 * (the base layer plays the part of a hyperprior, and costs nothing extra). The decoder adds the latent's linear
 * synthesis and a nonlinear branch to the base layer's image.
 *
 * @param channels    residual latent channels
 * @param a1          analysis channels at 1/2 resolution
 * @param a2          analysis channels at 1/4 resolution
 * @param a3          channels of both nonlinear branches at 1/8 resolution
 * @param blocks      residual blocks of each nonlinear branch at 1/8 resolution
 * @param linearKernel side, in cells, of the linear transforms' window: 1, a block transform (each cell's latent from
 *                    its own pixels, and back); 3, a lapped one whose basis functions reach into the eight
 *                    neighbouring cells, so a coarse latent no longer shows the 8x8 grid (written only when not 1:
 *                    the layers before it keep their text and their hash)
 * @param scaleHidden hidden channels of the scale network
 * @param context     whether the entropy model also predicts a mean and reads a spatial context: the cells of a
 *                    tile are coded in two passes over a checkerboard (He et al. 2021), the second pass's means and
 *                    scales also seeing the four decoded neighbours of the first; false for the first shipped layer
 *                    (zero means, one pass)
 * @param slices      where each third of the latent (in the transform's starting basis: luma, then the two chroma
 *                    planes, each lowest frequencies first) is cut into the slices a cell codes one after the other,
 *                    ascending: channel {@code c} is in slice {@code k} when {@code c mod (channels / 3)} is at least
 *                    the {@code k}-th cut and below the next; a slice's entropy model also sees the cell's earlier
 *                    slices, decoded (a channel context within the cell, as in He et al. 2022). Empty: one slice, as
 *                    the first two layers; needs {@code context} otherwise
 * @param lambdas     rate-distortion trade-off of each refinement level, lowest first: the training loss is
 *                    {@code lambda * 255^2 * MSE + bits per pixel}
 * @param baseSha256  hex SHA-256 of the base model (VQ-VAE + prior) this layer was trained on
 */
public record RefineConfig(int channels, int a1, int a2, int a3, int blocks, int linearKernel, int scaleHidden,
                           boolean context, int[] slices, double[] lambdas, String baseSha256) {

    /** Smallest scale of the logistic entropy model: a value known to be 0 costs about 1e-5 bits. */
    public static final double SCALE_FLOOR = 0.04;
    /** Values per 8x8 cell of an RGB residual. */
    public static final int CELL_VALUES = 3 * VqVaeConfig.DOWNSAMPLING * VqVaeConfig.DOWNSAMPLING;


    /** Slices a cell's channels can be coded in. */
    public static final int MAX_SLICES = 8;

    /** Refinement levels a file format can name: level 0 is the base layer alone, 1..this the refinements. */
    public static final int MAX_LEVELS = 15;

    public RefineConfig {
        requireRange("channels", channels, 1, CELL_VALUES);
        requireRange("a1", a1, 1, 512);
        requireRange("a2", a2, 1, 512);
        requireRange("a3", a3, 1, 1024);
        requireRange("blocks", blocks, 0, 16);
        if (linearKernel != 1 && linearKernel != 3) {
            throw new IllegalArgumentException("linearKernel must be 1 or 3, got " + linearKernel);
        }
        requireRange("scaleHidden", scaleHidden, 1, 512);
        slices = slices.clone();
        if (slices.length > 0) {
            if (!context || channels % 3 != 0) {
                throw new IllegalArgumentException("slices need the checkerboard context and channels in thirds");
            }
            requireRange("slices", slices.length, 1, MAX_SLICES - 1);
            for (int i = 0; i < slices.length; i++) {
                requireRange("slice cut", slices[i], i == 0 ? 1 : slices[i - 1] + 1, channels / 3 - 1);
            }
        }
        lambdas = lambdas.clone();
        if (lambdas.length < 1 || lambdas.length > MAX_LEVELS) {
            throw new IllegalArgumentException("1 to " + MAX_LEVELS + " lambdas, got " + lambdas.length);
        }
        for (int i = 0; i < lambdas.length; i++) {
            if (!(lambdas[i] > 0 && lambdas[i] < 100) || (i > 0 && !(lambdas[i] > lambdas[i - 1]))) {
                throw new IllegalArgumentException("lambdas must be positive and rising: " + Arrays.toString(lambdas));
            }
        }
        if (baseSha256 == null || !baseSha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("baseSha256 must be 64 lower-case hex digits: " + baseSha256);
        }
    }

    /**
     * The shipped layout: 192 channels (every coefficient of an 8x8 RGB cell), the checkerboard, a first slice of the
     * 16 lowest frequencies of each colour plane, six refinement levels with the trade-offs of CompressAI's first six
     * qualities.
     */
    public static RefineConfig defaults(String baseSha256) {
        return new RefineConfig(192, 32, 64, 128, 1, 1, 64, true, new int[] {16},
                new double[] {0.0018, 0.0035, 0.0067, 0.013, 0.025, 0.048}, baseSha256);
    }

    /** A tiny layout for smoke tests. */
    public static RefineConfig tiny(String baseSha256) {
        return new RefineConfig(6, 4, 4, 8, 1, 1, 4, true, new int[] {1}, new double[] {0.004, 0.016}, baseSha256);
    }

    /** The slice {@code channel} is coded in, 0 first (every channel is in slice 0 without cuts). */
    public int slice(int channel) {
        int k = 0;
        while (k < slices.length && channel % (channels / 3) >= slices[k]) {
            k++;
        }
        return k;
    }

    /** {@link #slice} of every channel, in channel order. */
    public int[] channelSlices() {
        int[] out = new int[channels];
        for (int c = 0; c < channels; c++) {
            out[c] = slice(c);
        }
        return out;
    }

    /** How many slices a cell's channels are coded in: 1 without cuts. */
    public int sliceCount() {
        return slices.length + 1;
    }

    @Override
    public int[] slices() {
        return slices.clone();
    }

    public int levels() {
        return lambdas.length;
    }

    /** The same layer with other levels (what {@link RefineBundle#withLevels} exports). */
    public RefineConfig withLambdas(double[] newLambdas) {
        return new RefineConfig(channels, a1, a2, a3, blocks, linearKernel, scaleHidden, context, slices, newLambdas,
                baseSha256);
    }

    @Override
    public double[] lambdas() {
        return lambdas.clone();
    }

    /** Canonical text (fixed key order and number format), hashed with the tensors into the layer's id. */
    public String toProperties() {
        StringBuilder l = new StringBuilder();
        for (double v : lambdas) {
            l.append(l.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%s", Double.toString(v)));
        }
        return "refine.channels=" + channels + "\n"
                + "refine.a1=" + a1 + "\n"
                + "refine.a2=" + a2 + "\n"
                + "refine.a3=" + a3 + "\n"
                + "refine.blocks=" + blocks + "\n"
                + (linearKernel != 1 ? "refine.linearKernel=" + linearKernel + "\n" : "")
                + "refine.scaleHidden=" + scaleHidden + "\n"
                + (context ? "refine.context=checkerboard\n" : "")
                + slicesProperty()
                + "refine.lambdas=" + l + "\n"
                + "refine.base=" + baseSha256 + "\n";
    }

    /**
     * One cut is written as {@code refine.firstSlice} (the key the layer with two slices was hashed with), more as
     * {@code refine.slices}; none, not at all.
     */
    private String slicesProperty() {
        if (slices.length == 0) {
            return "";
        }
        if (slices.length == 1) {
            return "refine.firstSlice=" + slices[0] + "\n";
        }
        StringBuilder b = new StringBuilder("refine.slices=");
        for (int i = 0; i < slices.length; i++) {
            b.append(i == 0 ? "" : ",").append(slices[i]);
        }
        return b.append("\n").toString();
    }

    private static int[] slices(Properties p) {
        String one = p.getProperty("refine.firstSlice");
        String many = p.getProperty("refine.slices");
        if (one != null && many != null) {
            throw new IllegalArgumentException("refine.firstSlice and refine.slices both given");
        }
        if (many != null) {
            String[] parts = many.split(",");
            if (parts.length < 2 || parts.length >= MAX_SLICES) {
                throw new IllegalArgumentException("refine.slices needs 2 to " + (MAX_SLICES - 1)
                        + " cuts (one is refine.firstSlice)");
            }
            int[] cuts = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                cuts[i] = Integer.parseInt(parts[i].trim());
            }
            return cuts;
        }
        int first = one == null ? 0 : Integer.parseInt(one.trim());
        return first == 0 ? new int[0] : new int[] {first};
    }

    public static RefineConfig parse(String text) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(text));
        try {
            String[] parts = required(p, "refine.lambdas").split(",");
            double[] lambdas = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                lambdas[i] = Double.parseDouble(parts[i].trim());
            }
            return new RefineConfig(intProp(p, "refine.channels"), intProp(p, "refine.a1"), intProp(p, "refine.a2"),
                    intProp(p, "refine.a3"), intProp(p, "refine.blocks"),
                    Integer.parseInt(p.getProperty("refine.linearKernel", "1").trim()), intProp(p, "refine.scaleHidden"),
                    context(p.getProperty("refine.context")),
                    slices(p), lambdas,
                    required(p, "refine.base"));
        } catch (IllegalArgumentException e) {
            throw new IOException("bad refinement config: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RefineConfig r && r.toProperties().equals(toProperties());
    }

    @Override
    public int hashCode() {
        return toProperties().hashCode();
    }

    @Override
    public String toString() {
        return toProperties().replace('\n', ' ').trim();
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("missing " + key);
        }
        return v.trim();
    }

    /** Absent for the first layer (its text, and so its hash, predate the key); otherwise {@code checkerboard}. */
    private static boolean context(String value) {
        if (value == null) {
            return false;
        }
        if (!value.trim().equals("checkerboard")) {
            throw new IllegalArgumentException("unknown refine.context " + value.trim());
        }
        return true;
    }

    private static int intProp(Properties p, String key) {
        return Integer.parseInt(required(p, key));
    }

    private static void requireRange(String what, int v, int lo, int hi) {
        if (v < lo || v > hi) {
            throw new IllegalArgumentException(what + " must be in [" + lo + ", " + hi + "], got " + v);
        }
    }
}

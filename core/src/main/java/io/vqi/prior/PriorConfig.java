package io.vqi.prior;

import java.util.Properties;

/**
 * Architecture of the PixelCNN prior over an index grid.
 *
 * <p>Indices are embedded in {@code embedDim} dimensions, then one masked convolution of type A (the centre and
 * everything after it in raster order hidden, {@code kernelA x kernelA}), then {@code layers} residual masked
 * convolutions of type B ({@code 3x3}, centre visible), then a 1x1 convolution to one logit per code.
 *
 * @param alphabet  codebook size K
 * @param embedDim  embedding width
 * @param channels  width of the residual stream
 * @param layers    number of type-B residual layers
 * @param kernelA   side of the type-A kernel (odd)
 */
public record PriorConfig(int alphabet, int embedDim, int channels, int layers, int kernelA) {

    public static final int KERNEL_B = 3;

    public PriorConfig {
        check("alphabet", alphabet, 2, 65536);
        check("embedDim", embedDim, 1, 512);
        check("channels", channels, 1, 1024);
        check("layers", layers, 0, 32);
        check("kernelA", kernelA, 3, 15);
        if (kernelA % 2 == 0) {
            throw new IllegalArgumentException("kernelA must be odd");
        }
    }

    public static PriorConfig defaults(int alphabet) {
        return new PriorConfig(alphabet, 32, 64, 4, 5);
    }

    public static PriorConfig tiny(int alphabet) {
        return new PriorConfig(alphabet, 4, 8, 1, 3);
    }

    /** Multiply-adds per grid position of the incremental evaluation (masked taps only). */
    public long macsPerPosition() {
        long tapsA = (long) (kernelA * kernelA) / 2;
        long tapsB = (long) (KERNEL_B * KERNEL_B) / 2 + 1;
        return tapsA * embedDim * channels + layers * tapsB * channels * channels + (long) channels * alphabet;
    }

    /** Properties lines, prefixed "prior.", in a fixed order so that they can be hashed. */
    public String toProperties() {
        return "prior.alphabet=" + alphabet + "\n"
                + "prior.embedDim=" + embedDim + "\n"
                + "prior.channels=" + channels + "\n"
                + "prior.layers=" + layers + "\n"
                + "prior.kernelA=" + kernelA + "\n";
    }

    /** The prior described in {@code p}, or null when it has none. */
    public static PriorConfig fromProperties(Properties p) {
        if (p.getProperty("prior.alphabet") == null) {
            return null;
        }
        return new PriorConfig(get(p, "prior.alphabet"), get(p, "prior.embedDim"), get(p, "prior.channels"),
                get(p, "prior.layers"), get(p, "prior.kernelA"));
    }

    private static int get(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("missing " + key);
        }
        return Integer.parseInt(v.trim());
    }

    private static void check(String what, int v, int lo, int hi) {
        if (v < lo || v > hi) {
            throw new IllegalArgumentException(what + " must be in [" + lo + ", " + hi + "], got " + v);
        }
    }
}

package io.vqi.model;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Architecture of a VQ-VAE: everything needed to rebuild its graph from a set of tensors.
 *
 * <p>The encoder halves the resolution three times (so the downsampling factor is fixed at 8) with channel widths
 * {@code c1 -> c2 -> c3}, then runs residual blocks at 1/8 resolution where the work is cheap. Latents are projected
 * to a low dimension and l2-normalised before the codebook lookup (ViT-VQGAN's factorised lookup), which keeps the
 * codebook in use. The decoder mirrors it with nearest-neighbour upsampling and convolutions, and a final
 * depth-to-space so no convolution runs at full resolution.
 *
 * @param name          family name used in the model id, for example {@code vqvae-f8-k1024}
 * @param c1            channels at 1/2 resolution
 * @param c2            channels at 1/4 resolution
 * @param c3            channels at 1/8 resolution
 * @param latentDim     dimension of the l2-normalised lookup space
 * @param codebookSize  number of codes K
 * @param encoderBlocks residual blocks at 1/8 resolution in the encoder
 * @param decoderBlocks residual blocks at 1/8 resolution in the decoder
 * @param decoderMidBlocks residual blocks at 1/4 resolution in the decoder (written to the canonical text only when
 *                      not 0, so models made before it existed keep their hash)
 */
public record VqVaeConfig(String name, int c1, int c2, int c3, int latentDim, int codebookSize,
                          int encoderBlocks, int decoderBlocks, int decoderMidBlocks) {

    /** The only downsampling factor this architecture has: three stride-2 stages. */
    public static final int DOWNSAMPLING = 8;

    public VqVaeConfig {
        if (name == null || !name.matches("[a-z0-9][a-z0-9._-]{0,47}")) {
            throw new IllegalArgumentException("model name must be 1-48 chars of [a-z0-9._-]: " + name);
        }
        requireRange("c1", c1, 1, 1024);
        requireRange("c2", c2, 1, 1024);
        requireRange("c3", c3, 1, 2048);
        requireRange("latentDim", latentDim, 1, 256);
        requireRange("codebookSize", codebookSize, 2, 65536);
        requireRange("encoderBlocks", encoderBlocks, 0, 16);
        requireRange("decoderBlocks", decoderBlocks, 0, 16);
        requireRange("decoderMidBlocks", decoderMidBlocks, 0, 16);
    }

    public VqVaeConfig(String name, int c1, int c2, int c3, int latentDim, int codebookSize, int encoderBlocks,
                       int decoderBlocks) {
        this(name, c1, c2, c3, latentDim, codebookSize, encoderBlocks, decoderBlocks, 0);
    }

    /**
     * The shipped architecture: f=8, K=1024, a raw rate of 10/64 = 0.156 bits per pixel. The first model had 3
     * decoder blocks at 1/8 and none at 1/4; its decoder was grown to this one (see the model card).
     */
    public static VqVaeConfig defaults() {
        return new VqVaeConfig("vqvae-f8-k1024", 32, 64, 128, 16, 1024, 2, 5, 1);
    }

    /** A tiny architecture for smoke tests. */
    public static VqVaeConfig tiny() {
        return new VqVaeConfig("vqvae-tiny", 8, 8, 16, 4, 16, 1, 1);
    }

    /** Raw rate of the index grid before entropy coding, in bits per pixel. */
    public double rawBitsPerPixel() {
        return (Math.log(codebookSize) / Math.log(2)) / (DOWNSAMPLING * DOWNSAMPLING);
    }

    /** Multiply-accumulates per input pixel of the encoder and decoder convolutions. */
    public long encoderMacsPerPixel() {
        long macs = 9L * 3 * c1 / 4 + 9L * c1 * c2 / 16 + 9L * c2 * c3 / 64;
        macs += encoderBlocks * 2L * 9 * c3 * c3 / 64;
        macs += (long) c3 * latentDim / 64;
        return macs;
    }

    public long decoderMacsPerPixel() {
        long macs = 9L * latentDim * c3 / 64;
        macs += decoderBlocks * 2L * 9 * c3 * c3 / 64;
        macs += decoderMidBlocks * 2L * 9 * c2 * c2 / 16;
        macs += 9L * c3 * c2 / 16 + 9L * c2 * c1 / 4 + 9L * c1 * 12 / 4;
        return macs;
    }

    /**
     * Names and shapes of the architecture's tensors, in the order {@link VqVaeGraph} asks for them, without
     * building a graph (so without starting ND4J): what a model file must hold. {@code VqVaeConfigTest} checks it
     * against {@link VqVaeGraph#parameterSpecs}.
     */
    public Map<String, long[]> tensorShapes() {
        Map<String, long[]> m = new LinkedHashMap<>();
        conv(m, "enc.down1", 3, c1, 3);
        conv(m, "enc.down2", c1, c2, 3);
        conv(m, "enc.down3", c2, c3, 3);
        for (int i = 0; i < encoderBlocks; i++) {
            residual(m, "enc.res" + i, c3);
        }
        conv(m, "enc.proj", c3, latentDim, 1);
        m.put("codebook", new long[] {codebookSize, latentDim});
        conv(m, "dec.in", latentDim, c3, 3);
        for (int i = 0; i < decoderBlocks; i++) {
            residual(m, "dec.res" + i, c3);
        }
        conv(m, "dec.up1", c3, c2, 3);
        for (int i = 0; i < decoderMidBlocks; i++) {
            residual(m, "dec.mid" + i, c2);
        }
        conv(m, "dec.up2", c2, c1, 3);
        conv(m, "dec.out", c1, 12, 3);
        return m;
    }

    private static void residual(Map<String, long[]> m, String name, int channels) {
        conv(m, name + ".a", channels, channels, 3);
        conv(m, name + ".b", channels, channels, 3);
    }

    private static void conv(Map<String, long[]> m, String name, int in, int out, int k) {
        m.put(name + ".w", new long[] {k, k, in, out});
        m.put(name + ".b", new long[] {out});
    }

    /**
     * Reads the canonical text (or a partial one: missing keys take the shipped architecture's values, except
     * {@code decoderMidBlocks}, which is 0 when absent because model files written before it existed lack it).
     */
    public static VqVaeConfig parse(Reader reader) throws IOException {
        Properties p = new Properties();
        p.load(reader);
        VqVaeConfig d = defaults();
        try {
            return new VqVaeConfig(
                    p.getProperty("name", d.name()).trim(),
                    intProp(p, "c1", d.c1()), intProp(p, "c2", d.c2()), intProp(p, "c3", d.c3()),
                    intProp(p, "latentDim", d.latentDim()), intProp(p, "codebookSize", d.codebookSize()),
                    intProp(p, "encoderBlocks", d.encoderBlocks()), intProp(p, "decoderBlocks", d.decoderBlocks()),
                    intProp(p, "decoderMidBlocks", 0));
        } catch (NumberFormatException e) {
            throw new IOException("bad model config: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IOException("bad model config: " + e.getMessage(), e);
        }
    }

    public static VqVaeConfig parse(String text) throws IOException {
        return parse(new StringReader(text));
    }

    /** Canonical text form: fixed key order, so that it can be hashed. */
    public String toProperties() {
        return "name=" + name + "\n"
                + "c1=" + c1 + "\n"
                + "c2=" + c2 + "\n"
                + "c3=" + c3 + "\n"
                + "latentDim=" + latentDim + "\n"
                + "codebookSize=" + codebookSize + "\n"
                + "encoderBlocks=" + encoderBlocks + "\n"
                + "decoderBlocks=" + decoderBlocks + "\n"
                + (decoderMidBlocks == 0 ? "" : "decoderMidBlocks=" + decoderMidBlocks + "\n");
    }

    private static int intProp(Properties p, String key, int fallback) {
        String v = p.getProperty(key);
        return v == null ? fallback : Integer.parseInt(v.trim());
    }

    private static void requireRange(String what, int v, int lo, int hi) {
        if (v < lo || v > hi) {
            throw new IllegalArgumentException(what + " must be in [" + lo + ", " + hi + "], got " + v);
        }
    }
}

package io.vqi.codec.prior;

import io.vqi.codec.model.IndexGrid;
import io.vqi.codec.model.TestModels;

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
                + hex.formatHex(cdfs.digest());
    }

    public static void main(String[] args) throws Exception {
        System.out.println(fingerprint());
    }
}

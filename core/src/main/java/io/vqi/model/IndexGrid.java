package io.vqi.model;

/**
 * The codebook indices of one image, row-major: {@code indices[row * cols + col]}.
 *
 * @param rows      latent rows (image height / 8, rounded up)
 * @param cols      latent columns
 * @param alphabet  codebook size K; every index is in [0, K)
 * @param indices   row-major indices
 */
public record IndexGrid(int rows, int cols, int alphabet, int[] indices) {

    public IndexGrid {
        if (rows < 1 || cols < 1 || (long) rows * cols != indices.length) {
            throw new IllegalArgumentException("grid " + rows + "x" + cols + " does not hold " + indices.length);
        }
        if (alphabet < 2) {
            throw new IllegalArgumentException("alphabet must be at least 2");
        }
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= alphabet) {
                throw new IllegalArgumentException("index " + indices[i] + " at " + i + " outside [0, " + alphabet + ")");
            }
        }
    }

    public int at(int row, int col) {
        return indices[row * cols + col];
    }

    public int size() {
        return indices.length;
    }

    /** The cells {@code [r0, r1) x [c0, c1)} as a grid of their own. */
    public IndexGrid window(int r0, int r1, int c0, int c1) {
        int[] sub = new int[(r1 - r0) * (c1 - c0)];
        for (int r = r0; r < r1; r++) {
            System.arraycopy(indices, r * cols + c0, sub, (r - r0) * (c1 - c0), c1 - c0);
        }
        return new IndexGrid(r1 - r0, c1 - c0, alphabet, sub);
    }
}

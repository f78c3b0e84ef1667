package io.vqi.correction;

/**
 * A low-resolution colour correction: one integer per colour channel at the nodes of a grid with a spacing of
 * {@code 2^log2Block} pixels whose first node is the image's first pixel (so nodes sit on the top and left edges,
 * and the last nodes lie on or just beyond the bottom and right edges: border pixels are interpolated, never
 * extrapolated), in units of {@code step} 8-bit levels, interpolated bilinearly and added to a decoded image. What smooth content needs that the VQ grid cannot carry: the
 * exact colour of a slow gradient, a sky, a backdrop (issue 16).
 *
 * @param log2Block node spacing as a power of two, {@value #MIN_LOG2_BLOCK}..{@value #MAX_LOG2_BLOCK}
 * @param step      8-bit levels per unit, 1..255
 * @param rows      nodes down, {@code floor((height - 1) / 2^log2Block) + 2}
 * @param cols      nodes across
 * @param values    {@code [channel R,G,B][row][col]}, each within {@code +-MAX_VALUE}
 */
public record ColourPlane(int log2Block, int step, int rows, int cols, int[] values) {

    public static final int MIN_LOG2_BLOCK = 3;
    public static final int MAX_LOG2_BLOCK = 6;
    /** Largest magnitude of a value: a correction of 255 levels at step 1, with room for extrapolation. */
    public static final int MAX_VALUE = 1 << 10;

    public ColourPlane {
        if (log2Block < MIN_LOG2_BLOCK || log2Block > MAX_LOG2_BLOCK) {
            throw new IllegalArgumentException("cell side 2^" + log2Block + " is not in 2^" + MIN_LOG2_BLOCK
                    + "..2^" + MAX_LOG2_BLOCK);
        }
        if (step < 1 || step > 255) {
            throw new IllegalArgumentException("step " + step + " is not in 1..255");
        }
        if (rows < 1 || cols < 1 || values.length != 3L * rows * cols) {
            throw new IllegalArgumentException(values.length + " values do not fit 3 x " + rows + " x " + cols);
        }
        for (int v : values) {
            if (Math.abs(v) > MAX_VALUE) {
                throw new IllegalArgumentException("value " + v + " exceeds " + MAX_VALUE);
            }
        }
    }

    /** Nodes down or across for {@code pixels} at a spacing of {@code 2^log2Block}. */
    public static int cells(int pixels, int log2Block) {
        return ((pixels - 1) >> log2Block) + 2;
    }

    public int block() {
        return 1 << log2Block;
    }

    /** Whether every value is 0 (a plane that changes nothing). */
    public boolean isZero() {
        for (int v : values) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }
}

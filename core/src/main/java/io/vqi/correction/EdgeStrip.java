package io.vqi.correction;

/**
 * A correction of the image's outer pixels (issue 16): for each of the four edges, each colour channel and each
 * depth {@code d < depth} (the row or column {@code d} pixels in from that edge), a piecewise-linear curve along
 * the edge with nodes every {@code 2^log2Spacing} pixels (the node rule of {@link ColourPlane}'s axes), in units of
 * {@code step} 8-bit levels. What the base decoder's zero padding leaves at the border: an error that is smooth
 * along an edge but differs from one depth to the next, which a plane cannot follow.
 *
 * <p>Values are {@code [edge top, bottom, left, right][channel R, G, B][depth][node]}; top and bottom have
 * {@code across} nodes ({@code ColourPlane.cells(width, log2Spacing)}), left and right {@code down}.
 *
 * @param depth       rows or columns corrected at each edge, 1..{@value #MAX_DEPTH}
 * @param log2Spacing node spacing as a power of two, {@value #MIN_LOG2_SPACING}..{@value #MAX_LOG2_SPACING}
 * @param step        8-bit levels per unit, 1..255
 * @param across      nodes along the top and bottom edges
 * @param down        nodes along the left and right edges
 * @param values      each within {@code +-ColourPlane.MAX_VALUE}
 */
public record EdgeStrip(int depth, int log2Spacing, int step, int across, int down, int[] values) {

    public static final int MAX_DEPTH = 8;
    public static final int MIN_LOG2_SPACING = 3;
    public static final int MAX_LOG2_SPACING = 6;
    /** Edges in the order of the values: top, bottom, left, right. */
    public static final int TOP = 0;
    public static final int BOTTOM = 1;
    public static final int LEFT = 2;
    public static final int RIGHT = 3;

    public EdgeStrip {
        checkParameters(depth, log2Spacing, step);
        if (across < 2 || down < 2 || values.length != valueCount(depth, across, down)) {
            throw new IllegalArgumentException(values.length + " values do not fit depth " + depth + " with "
                    + across + " x " + down + " nodes");
        }
        for (int v : values) {
            if (Math.abs(v) > ColourPlane.MAX_VALUE) {
                throw new IllegalArgumentException("value " + v + " exceeds " + ColourPlane.MAX_VALUE);
            }
        }
    }

    /** Refuses a depth, spacing or step out of range (the chunk's fields, checked before anything is allocated). */
    public static void checkParameters(int depth, int log2Spacing, int step) {
        if (depth < 1 || depth > MAX_DEPTH) {
            throw new IllegalArgumentException("edge depth " + depth + " is not in 1.." + MAX_DEPTH);
        }
        if (log2Spacing < MIN_LOG2_SPACING || log2Spacing > MAX_LOG2_SPACING) {
            throw new IllegalArgumentException("edge node spacing 2^" + log2Spacing + " is not in 2^"
                    + MIN_LOG2_SPACING + "..2^" + MAX_LOG2_SPACING);
        }
        if (step < 1 || step > 255) {
            throw new IllegalArgumentException("edge step " + step + " is not in 1..255");
        }
    }

    /** {@code 3 x depth x (2 x across + 2 x down)}. */
    static int valueCount(int depth, int across, int down) {
        return Math.multiplyExact(3 * depth, Math.multiplyExact(2, Math.addExact(across, down)));
    }

    /** Nodes along {@code edge}. */
    public int nodes(int edge) {
        return edge < LEFT ? across : down;
    }

    /** Index of the first value of {@code edge}, {@code channel}, {@code depth d}. */
    public int offset(int edge, int channel, int d) {
        return offset(depth, across, down, edge, channel, d);
    }

    static int offset(int depth, int across, int down, int edge, int channel, int d) {
        int start = edge < LEFT ? edge * 3 * depth * across : 6 * depth * across + (edge - LEFT) * 3 * depth * down;
        int nodes = edge < LEFT ? across : down;
        return start + (channel * depth + d) * nodes;
    }

    public int spacing() {
        return 1 << log2Spacing;
    }

    /** Whether every value is 0 (a strip that changes nothing). */
    public boolean isZero() {
        for (int v : values) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }
}

package io.vqi.correction;

import io.vqi.core.CorruptStreamException;
import io.vqi.entropy.RangeDecoder;
import io.vqi.entropy.RangeEncoder;

/**
 * Range-codes an {@link EdgeStrip} losslessly with the colour plane's grid coder ({@link ColourPlaneCoder}): each
 * edge (top, bottom, left, right) and channel is a grid of {@code depth} rows by its nodes, so a value is predicted
 * (median edge detector) from its neighbour along the edge, the value of the depth above it and their corner. One
 * set of adaptive models for the stream, per channel and local activity, as in a plane.
 *
 * <p>Decoding is bounded by the geometry it is given ({@code 3 x depth x 2 x (across + down)} values) and refuses
 * any value beyond {@link ColourPlane#MAX_VALUE}.
 */
public final class EdgeStripCoder {

    private EdgeStripCoder() {
    }

    public static byte[] encode(EdgeStrip strip) {
        RangeEncoder enc = new RangeEncoder(strip.values().length / 4 + 16);
        ColourPlaneCoder.Models m = new ColourPlaneCoder.Models();
        for (int edge = 0; edge < 4; edge++) {
            for (int ch = 0; ch < 3; ch++) {
                ColourPlaneCoder.encodeGrid(enc, m, strip.values(), strip.offset(edge, ch, 0), strip.depth(),
                        strip.nodes(edge), ch);
            }
        }
        return enc.finish();
    }

    /** The strip of a {@code width x height} image coded in {@code data[offset, offset + length)}. */
    public static EdgeStrip decode(byte[] data, int offset, int length, int depth, int log2Spacing, int step,
                                   int width, int height) throws CorruptStreamException {
        EdgeStrip.checkParameters(depth, log2Spacing, step);
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("no edges in a " + width + "x" + height + " image");
        }
        int across = ColourPlane.cells(width, log2Spacing);
        int down = ColourPlane.cells(height, log2Spacing);
        int[] v = new int[EdgeStrip.valueCount(depth, across, down)];
        RangeDecoder dec = new RangeDecoder(data, offset, length);
        ColourPlaneCoder.Models m = new ColourPlaneCoder.Models();
        for (int edge = 0; edge < 4; edge++) {
            int nodes = edge < EdgeStrip.LEFT ? across : down;
            for (int ch = 0; ch < 3; ch++) {
                ColourPlaneCoder.decodeGrid(dec, m, v, EdgeStrip.offset(depth, across, down, edge, ch, 0), depth,
                        nodes, ch, offset);
            }
        }
        dec.finish();
        return new EdgeStrip(depth, log2Spacing, step, across, down, v);
    }
}

package io.vqi.imageio;

import java.awt.Rectangle;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.util.stream.IntStream;

/**
 * The one sample loop behind ImageIO's region parameters: source region, subsampling and band selection, for the
 * reader (decoded image into the destination) and the writer (caller's image into the image to encode).
 */
final class Rasters {

    /** Told after each destination row; returns false to stop the copy (the caller's abort). */
    @FunctionalInterface
    interface RowListener {
        boolean rowDone(int rowsDone, int rowCount);

        RowListener NONE = (done, count) -> true;
    }

    private Rasters() {
    }

    /**
     * Copies {@code dstRegion.width × dstRegion.height} pixels: destination pixel (dstRegion.x + i, dstRegion.y + j)
     * gets source pixel (srcRegion.x + i·periodX, srcRegion.y + j·periodY), destination band {@code dstBands[k]} from
     * source band {@code srcBands[k]}. Regions are in raster coordinates and must lie inside their rasters, as
     * {@code ImageReader.computeRegions} leaves them.
     *
     * @return false if {@code listener} stopped the copy early
     */
    static boolean copy(Raster src, Rectangle srcRegion, int periodX, int periodY, int[] srcBands,
                        WritableRaster dst, Rectangle dstRegion, int[] dstBands, RowListener listener) {
        if (srcBands.length != dstBands.length) {
            throw new IllegalArgumentException(srcBands.length + " source bands for " + dstBands.length
                    + " destination bands");
        }
        int width = dstRegion.width;
        int span = (width - 1) * periodX + 1;
        int[] in = new int[span];
        int[] out = new int[width];
        for (int row = 0; row < dstRegion.height; row++) {
            int sy = srcRegion.y + row * periodY;
            for (int k = 0; k < srcBands.length; k++) {
                src.getSamples(srcRegion.x, sy, span, 1, srcBands[k], in);
                for (int i = 0; i < width; i++) {
                    out[i] = in[i * periodX];
                }
                dst.setSamples(dstRegion.x, dstRegion.y + row, width, 1, dstBands[k], out);
            }
            if (!listener.rowDone(row + 1, dstRegion.height)) {
                return false;
            }
        }
        return true;
    }

    /** Bands 0 .. n-1. */
    static int[] allBands(int n) {
        return IntStream.range(0, n).toArray();
    }
}

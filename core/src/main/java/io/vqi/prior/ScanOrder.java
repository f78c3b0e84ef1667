package io.vqi.prior;

/**
 * The order in which grid positions are coded. Encoder and decoder walk the same order; a parallel schedule
 * (checkerboard, MaskGIT-style) would be another implementation with a prior trained for it.
 */
public sealed interface ScanOrder permits ScanOrder.Raster {

    /** Position (row-major index) visited at step {@code step} of a {@code rows x cols} grid. */
    int position(int step, int rows, int cols);

    /** Row by row, left to right: what a PixelCNN's masks assume. */
    record Raster() implements ScanOrder {
        @Override
        public int position(int step, int rows, int cols) {
            return step;
        }
    }

    ScanOrder RASTER = new Raster();
}

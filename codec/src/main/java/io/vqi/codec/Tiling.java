package io.vqi.codec;

/**
 * How images are cut and decoded. Up to {@code onePiecePixels} an image is one tile: the best rate, since the prior
 * sees the whole grid; the encoder's activations (about 64 bytes a pixel) bound that. Larger images are cut into
 * {@code tileSize} squares (a multiple of 8, so tile grids line up with the whole grid), each coded on its own.
 * Decoding puts the tiles' grids together and decodes the whole grid in windows of {@code windowCells} cells a side,
 * each with its neighbours' codes as context: no seams, and bounded memory.
 */
public record Tiling(long onePiecePixels, int tileSize, int windowCells) {

    /** What files are made and decoded with; tests use smaller ones to reach tiles and windows on small images. */
    public static final Tiling DEFAULT = new Tiling(1L << 24, 2048, 256);
}

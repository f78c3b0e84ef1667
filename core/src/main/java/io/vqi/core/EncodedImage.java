package io.vqi.core;

import java.util.HexFormat;
import java.util.List;

/**
 * What the codec makes of an image and decodes again: the picture's geometry (size, latent grid, tiles) and the
 * coded bytes of each layer, tile by tile. The container ({@code io.vqi.format.ImageChunks}) maps it to chunks and
 * back and adds what is not coded by the model (alpha, ICC profile, metadata).
 *
 * @param width       image width in pixels
 * @param height      image height in pixels
 * @param gray        the image has one colour channel (coded as three equal ones, decoded as gray)
 * @param quality     the quality level the layers below give (1: the base layer alone)
 * @param modelId     id of the model that coded it
 * @param modelSha256 the model's hash
 * @param latentRows  rows of the whole image's index grid
 * @param latentCols  columns of the whole image's index grid
 * @param tileWidth   tile width in pixels (the width when the image is one tile)
 * @param tileHeight  tile height in pixels
 * @param codes       each tile's range-coded index grid, row-major over the tiles
 * @param refinement  the refinement layer's data, or null at quality 1
 * @param correction  the coded colour plane, or null
 * @param edges       the coded edge strip, or null (applied after the colour plane)
 */
public record EncodedImage(int width, int height, boolean gray, int quality, String modelId, byte[] modelSha256,
                           int latentRows, int latentCols, int tileWidth, int tileHeight, List<byte[]> codes,
                           Refinement refinement, Correction correction, Edges edges) {

    /**
     * The refinement layer's part: one coded latent per tile, at {@code level} (quality - 1) of the layer named by
     * its hash.
     */
    public record Refinement(int level, int channels, byte[] layerSha256, List<byte[]> tiles) {
        public Refinement {
            tiles = List.copyOf(tiles);
        }
    }

    /** The colour plane as coded: nodes every {@code 2^log2Block} pixels, quantised in steps of {@code step}. */
    public record Correction(int log2Block, int step, byte[] data) {
    }

    /**
     * The edge strip as coded: {@code depth} rows or columns in from each edge, nodes every {@code 2^log2Spacing}
     * pixels along it, quantised in steps of {@code step}.
     */
    public record Edges(int depth, int log2Spacing, int step, byte[] data) {
    }

    public EncodedImage {
        if (width < 1 || height < 1 || latentRows < 1 || latentCols < 1 || tileWidth < 1 || tileHeight < 1) {
            throw new IllegalArgumentException("bad geometry " + width + "x" + height);
        }
        codes = List.copyOf(codes);
        if (codes.size() != tileColumns(width, tileWidth) * tileColumns(height, tileHeight)) {
            throw new IllegalArgumentException(codes.size() + " tiles do not cover " + width + "x" + height
                    + " in tiles of " + tileWidth + "x" + tileHeight);
        }
    }

    private static int tileColumns(int size, int tile) {
        return (size + tile - 1) / tile;
    }

    /** Tiles per row. */
    public int tileColumns() {
        return tileColumns(width, tileWidth);
    }

    public int tileCount() {
        return codes.size();
    }

    public long pixelCount() {
        return (long) width * height;
    }

    /**
     * The same image without its refinement, at quality 1 (the corrections, fitted to the refined picture, go
     * too).
     */
    public EncodedImage baseLayer() {
        return new EncodedImage(width, height, gray, 1, modelId, modelSha256, latentRows, latentCols, tileWidth,
                tileHeight, codes, null, null, null);
    }

    /** The same image with {@code c} as its colour plane and {@code e} as its edge strip (null: none). */
    public EncodedImage withCorrections(Correction c, Edges e) {
        return new EncodedImage(width, height, gray, quality, modelId, modelSha256, latentRows, latentCols,
                tileWidth, tileHeight, codes, refinement, c, e);
    }

    @Override
    public String toString() {
        return "EncodedImage[" + width + "x" + height + (gray ? " gray" : "") + ", quality " + quality + ", grid "
                + latentRows + "x" + latentCols + ", " + codes.size() + " tile(s), " + modelId + " "
                + HexFormat.of().formatHex(modelSha256, 0, Math.min(4, modelSha256.length)) + "]";
    }
}

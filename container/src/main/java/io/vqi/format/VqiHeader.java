package io.vqi.format;

import io.vqi.core.WeightsHash;
import java.util.Objects;

/**
 * The validated contents of the {@code HEAD} chunk. Every instance satisfies the limits of SPEC.md §4, so code that
 * holds one may allocate by its sizes. Build with {@link #builder()} to name the fields.
 *
 * @param width       image width in pixels, 1..{@link VqiFormat#MAX_DIMENSION}
 * @param height      image height in pixels, 1..{@link VqiFormat#MAX_DIMENSION}; width × height ≤ {@link VqiFormat#MAX_PIXELS}
 * @param colorModel  colour model of the coded samples
 * @param bitDepth    bits per sample of the image to reconstruct, 8 or 16
 * @param quality     the model's quality level, 1..255 (its meaning belongs to the model)
 * @param model       model id and weights hash
 * @param latentRows  rows of the latent grid of the whole image, 1..height
 * @param latentCols  columns of the latent grid of the whole image, 1..width
 * @param stages      code stages (hierarchical or residual levels), 1..{@link VqiFormat#MAX_STAGES}
 * @param tileWidth   tile width in pixels, 1..width (v1 writers use width: one tile)
 * @param tileHeight  tile height in pixels, 1..height (v1 writers use height: one tile)
 * @param formatMajor the file format's major version, {@link VqiFormat#V1_MAJOR} or {@link VqiFormat#VERSION_MAJOR}:
 *                    it lays out HEAD and the {@code rfin} chunks; a version 2 header keeps the model's hash as its
 *                    8-byte prefix ({@link ModelRef#prefix()}), which a version 1 header cannot hold
 */
public record VqiHeader(int width, int height, ColorModel colorModel, int bitDepth, int quality, ModelRef model,
                        int latentRows, int latentCols, int stages, int tileWidth, int tileHeight, int formatMajor) {

    public VqiHeader {
        if (formatMajor != VqiFormat.V1_MAJOR && formatMajor != VqiFormat.VERSION_MAJOR) {
            throw HeaderField.VERSION_MAJOR.violation("unsupported format version " + formatMajor);
        }
        HeaderField.WIDTH.check(width);
        HeaderField.HEIGHT.check(height);
        // Both sides are at most 65535 here, so the long product cannot overflow.
        if (VqiFormat.sizeProblem(width, height) != null) {
            throw HeaderField.WIDTH.violation("width × height = " + width + " × " + height + " = "
                    + (long) width * height + " pixels exceeds limit " + VqiFormat.MAX_PIXELS);
        }
        Objects.requireNonNull(colorModel, "colorModel");
        if (bitDepth != 8 && bitDepth != 16) {
            throw HeaderField.BIT_DEPTH.violation("bit depth " + bitDepth + " is not 8 or 16");
        }
        HeaderField.QUALITY.check(quality);
        Objects.requireNonNull(model, "model");
        if (formatMajor == VqiFormat.V1_MAJOR && model.weightsSha256().length != ModelRef.SHA256_LENGTH) {
            throw HeaderField.WEIGHTS_SHA256.violation("a version 1 header needs the whole weights SHA-256");
        }
        if (formatMajor != VqiFormat.V1_MAJOR) {
            model = model.prefix();
        }
        HeaderField.LATENT_ROWS.check(latentRows);
        HeaderField.LATENT_COLS.check(latentCols);
        if (latentRows > height) {
            throw HeaderField.LATENT_ROWS.violation("latent rows " + latentRows + " exceeds height " + height);
        }
        if (latentCols > width) {
            throw HeaderField.LATENT_COLS.violation("latent cols " + latentCols + " exceeds width " + width);
        }
        HeaderField.STAGES.check(stages);
        HeaderField.TILE_WIDTH.check(tileWidth);
        HeaderField.TILE_HEIGHT.check(tileHeight);
        if (tileWidth > width) {
            throw HeaderField.TILE_WIDTH.violation("tile width " + tileWidth + " exceeds width " + width);
        }
        if (tileHeight > height) {
            throw HeaderField.TILE_HEIGHT.violation("tile height " + tileHeight + " exceeds height " + height);
        }
        long tiles = (long) ceilDiv(width, tileWidth) * ceilDiv(height, tileHeight);
        if (tiles > VqiFormat.MAX_TILES) {
            throw HeaderField.TILE_WIDTH.violation("tile count " + tiles + " exceeds limit " + VqiFormat.MAX_TILES);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** This header with another quality (what lowering a file's quality changes in it). */
    public VqiHeader withQuality(int newQuality) {
        return new VqiHeader(width, height, colorModel, bitDepth, newQuality, model, latentRows, latentCols, stages,
                tileWidth, tileHeight, formatMajor);
    }

    /** True for a header of format 1, whose layout (HEAD and {@code rfin}) keeps whole hashes. */
    public boolean isV1() {
        return formatMajor == VqiFormat.V1_MAJOR;
    }

    /** Bytes of the hashes this file's HEAD and {@code rfin} chunks hold: 32 in format 1, 8 from format 2. */
    public int hashLength() {
        return isV1() ? ModelRef.SHA256_LENGTH : WeightsHash.PREFIX_LENGTH;
    }

    /** Colour channels the model codes (alpha, when it comes, travels in its own chunk). */
    public int channels() {
        return colorModel.channels();
    }

    public long pixelCount() {
        return (long) width * height;
    }

    /** Tiles per row. */
    public int tileColumns() {
        return ceilDiv(width, tileWidth);
    }

    /** Tiles per column. */
    public int tileRows() {
        return ceilDiv(height, tileHeight);
    }

    /** Tiles in the image, numbered in raster order from 0. */
    public int tileCount() {
        return tileColumns() * tileRows();
    }

    /** The number of CODE chunks the file must hold: one per (stage, tile). */
    public int codeChunkCount() {
        return stages * tileCount();
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /**
     * Names the fields; bit depth defaults to 8, stages to 1, the tile to the whole image, the format to the version
     * this library writes.
     */
    public static final class Builder {
        private int width;
        private int height;
        private ColorModel colorModel;
        private int bitDepth = 8;
        private int quality;
        private ModelRef model;
        private int latentRows;
        private int latentCols;
        private int stages = 1;
        private int tileWidth;
        private int tileHeight;
        private int formatMajor = VqiFormat.VERSION_MAJOR;

        private Builder() {
        }

        public Builder size(int width, int height) {
            this.width = width;
            this.height = height;
            return this;
        }

        public Builder colorModel(ColorModel colorModel) {
            this.colorModel = colorModel;
            return this;
        }

        public Builder bitDepth(int bitDepth) {
            this.bitDepth = bitDepth;
            return this;
        }

        public Builder quality(int quality) {
            this.quality = quality;
            return this;
        }

        public Builder model(ModelRef model) {
            this.model = model;
            return this;
        }

        public Builder latentGrid(int rows, int cols) {
            this.latentRows = rows;
            this.latentCols = cols;
            return this;
        }

        public Builder stages(int stages) {
            this.stages = stages;
            return this;
        }

        public Builder tileSize(int tileWidth, int tileHeight) {
            this.tileWidth = tileWidth;
            this.tileHeight = tileHeight;
            return this;
        }

        /** The format's major version: {@link VqiFormat#V1_MAJOR} for a file of the first format. */
        public Builder formatMajor(int formatMajor) {
            this.formatMajor = formatMajor;
            return this;
        }

        public VqiHeader build() {
            return new VqiHeader(width, height, colorModel, bitDepth, quality, model, latentRows, latentCols, stages,
                    tileWidth == 0 ? width : tileWidth, tileHeight == 0 ? height : tileHeight, formatMajor);
        }
    }
}

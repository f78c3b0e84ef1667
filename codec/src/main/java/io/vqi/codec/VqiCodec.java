package io.vqi.codec;

import io.vqi.format.AlphaChunk;
import io.vqi.format.Chunk;
import io.vqi.format.ChunkType;
import io.vqi.format.CodeChunk;
import io.vqi.format.ColorModel;
import io.vqi.format.CorrectionChunk;
import io.vqi.format.IccChunk;
import io.vqi.format.ImageMetadata;
import io.vqi.image.ImagePlanes;
import io.vqi.format.MalformedContainerException;
import io.vqi.format.ModelRef;
import io.vqi.format.RefinementChunk;
import io.vqi.format.VqiContainer;
import io.vqi.format.VqiContainerReader;
import io.vqi.format.VqiContainerWriter;
import io.vqi.format.VqiFormat;
import io.vqi.format.VqiHeader;
import io.vqi.core.CorruptStreamException;
import io.vqi.codec.EncodedImage;
import io.vqi.codec.ImageCodec;
import io.vqi.core.ProgressListener;
import io.vqi.correction.ColourCorrection;
import io.vqi.correction.ColourPlane;
import io.vqi.correction.ColourPlaneCoder;
import io.vqi.image.ImageTensor;
import io.vqi.image.PixelRegion;
import io.vqi.model.IndexGrid;
import io.vqi.model.ModelBundle;
import io.vqi.model.RefineBundle;
import io.vqi.model.VqVaeConfig;
import io.vqi.network.VqVaeModel;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Images to {@code .vqi} bytes and back: the codec wrapped in the container. The API the CLI and the ImageIO plugin
 * share, so there is one place that decides what goes into a file (colour, gray, alpha, ICC profile).
 */
public final class VqiCodec {

    /** Largest image coded: the format's limit. Images above {@link Tiling#onePiecePixels} are coded in tiles. */
    public static final long MAX_PIXELS = VqiFormat.MAX_PIXELS;

    /**
     * How images are cut and decoded. Up to {@code onePiecePixels} an image is one tile: the best rate, since the
     * prior sees the whole grid; the encoder's activations (about 64 bytes a pixel) bound that. Larger images are cut
     * into {@code tileSize} squares (a multiple of 8, so tile grids line up with the whole grid), each coded on its
     * own. Decoding puts the tiles' grids together and decodes the whole grid in windows of {@code windowCells}
     * cells a side, each with its neighbours' codes as context: no seams, and bounded memory.
     */
    record Tiling(long onePiecePixels, int tileSize, int windowCells) {
        static final Tiling DEFAULT = new Tiling(1L << 24, 2048, 256);
    }

    /**
     * Heap a decoded pixel may take at once: the 0xRRGGBB plane, an image made from it (ARGB copies it) and the
     * encoded output a caller builds in memory.
     */
    static final long DECODE_BYTES_PER_PIXEL = 12;

    /** Quality 1: the base layer alone, what every v1.0 file holds. */
    public static final int BASE_QUALITY = 1;

    /**
     * The quality users get when they do not choose: a good-looking photograph rather than the smallest file. Chosen
     * on the held-out images (never on kodak24): the first level whose mean MS-SSIM there reaches about 0.97, where
     * fine texture stops looking smeared; see the README. Models with fewer levels use their best.
     */
    public static final int DEFAULT_QUALITY = 6;

    /**
     * Heap a decoded pixel's refinement latent takes on top of {@link #DECODE_BYTES_PER_PIXEL}: 64 channels of floats
     * per 8x8 cell.
     */
    static final long REFINE_BYTES_PER_PIXEL = 4;

    private VqiCodec() {
    }

    /** Compresses with the given model: {@link ImagePlanes#of(BufferedImage)} of the image, alpha included. */
    public static byte[] compress(BufferedImage image, ModelBundle model) throws IOException {
        return compress(ImagePlanes.of(image), model);
    }

    public static byte[] compress(ImagePlanes planes, ModelBundle model) throws IOException {
        return VqiContainerWriter.toBytes(toContainer(planes, model));
    }

    public static byte[] compress(BufferedImage image, ModelBundle model, int quality) throws IOException {
        return compress(ImagePlanes.of(image), model, quality);
    }

    public static byte[] compress(ImagePlanes planes, ModelBundle model, int quality) throws IOException {
        return compress(planes, model, ModelRegistry.embedded().refinementFor(model).orElse(null), quality);
    }

    /** Compresses with an explicit refinement layer for {@code model} (null: the base layer only, quality 1). */
    public static byte[] compress(ImagePlanes planes, ModelBundle model, RefineBundle refine, int quality)
            throws IOException {
        return VqiContainerWriter.toBytes(toContainer(planes, model, refine, quality, Tiling.DEFAULT));
    }

    /**
     * As {@link #compress(ImagePlanes, ModelBundle, int)}, with the image's EXIF and XMP in {@code exif} and
     * {@code xmpd} chunks (none for {@link ImageMetadata#NONE}).
     */
    public static byte[] compress(ImagePlanes planes, ImageMetadata metadata, ModelBundle model, int quality)
            throws IOException {
        return compress(planes, metadata, model, quality, true);
    }

    /**
     * As above; without {@code colourPlane} the file holds the layers alone: no {@code corr} chunk, and the
     * refinement at every quality above 1 even where the base layer with a plane would cost less (such a file
     * lowers to any quality by {@code vqi transcode} and loses nothing a direct encode would have).
     */
    public static byte[] compress(ImagePlanes planes, ImageMetadata metadata, ModelBundle model, int quality,
                                  boolean colourPlane) throws IOException {
        return compress(planes, metadata, model, quality, colourPlane, ProgressListener.NONE);
    }

    /** As above, telling {@code listener} how far the image has got (tiles, rows of the grid, windows). */
    public static byte[] compress(ImagePlanes planes, ImageMetadata metadata, ModelBundle model, int quality,
                                  boolean colourPlane, ProgressListener listener) throws IOException {
        return VqiContainerWriter.toBytes(metadata.applyTo(toContainer(planes, model,
                ModelRegistry.embedded().refinementFor(model).orElse(null), quality, Tiling.DEFAULT, colourPlane, listener)));
    }

    /**
     * Quality levels {@code model} can code in this build: 1 plus its refinement layer's levels (known without
     * loading any network).
     */
    public static int qualities(ModelBundle model) {
        return qualities(ModelRegistry.embedded().refinementFor(model).orElse(null));
    }

    /** Quality levels with the given refinement layer (null: 1). */
    public static int qualities(RefineBundle refine) {
        return 1 + (refine == null ? 0 : refine.config().levels());
    }

    /** The quality of {@code model} that {@code requested} comes to: the same, or the model's best if lower. */
    public static int clampQuality(ModelBundle model, int requested) {
        return Math.max(1, Math.min(requested, qualities(model)));
    }

    /**
     * The file for {@code planes}: the model codes the colour; the {@code iccp} and {@code alph} chunks come before
     * the CODE chunks, so a reader knows them before the pixels. Gray is coded as three equal planes and the header
     * says GRAY.
     */
    public static VqiContainer toContainer(ImagePlanes planes, ModelBundle model) throws IOException {
        return toContainer(planes, model, null, BASE_QUALITY, Tiling.DEFAULT);
    }

    public static VqiContainer toContainer(ImagePlanes planes, ModelBundle model, int quality) throws IOException {
        return toContainer(planes, model, ModelRegistry.embedded().refinementFor(model).orElse(null), quality, Tiling.DEFAULT);
    }

    static VqiContainer toContainer(ImagePlanes planes, ModelBundle model, Tiling tiling) throws IOException {
        return toContainer(planes, model, null, BASE_QUALITY, tiling);
    }

    /**
     * The file at {@code quality}: CODE chunks for the base layer, then (above quality 1) one {@code rfin} chunk per
     * tile with the refinement layer's data.
     */
    static VqiContainer toContainer(ImagePlanes planes, ModelBundle model, RefineBundle refine, int quality,
                                    Tiling tiling) throws IOException {
        return toContainer(planes, model, refine, quality, tiling, true, ProgressListener.NONE);
    }

    /**
     * As above; without {@code colourPlane} the file holds the layers alone (no {@code corr}, and the refinement
     * at every quality above 1): what tests of the layers themselves compare against.
     */
    static VqiContainer toContainer(ImagePlanes planes, ModelBundle model, RefineBundle refine, int quality,
                                    Tiling tiling, boolean colourPlane) throws IOException {
        return toContainer(planes, model, refine, quality, tiling, colourPlane, ProgressListener.NONE);
    }

    /** As above, telling {@code listener} how far the image has got. */
    static VqiContainer toContainer(ImagePlanes planes, ModelBundle model, RefineBundle refine, int quality,
                                    Tiling tiling, boolean colourPlane, ProgressListener listener)
            throws IOException {
        int width = planes.width();
        int height = planes.height();
        checkSize(width, height, 0);
        ImageCodec codec = ModelRegistry.embedded().codec(model, quality == BASE_QUALITY ? null : refine);
        if (quality < 1 || quality > codec.qualities()) {
            throw new IllegalArgumentException("quality must be in 1.." + codec.qualities() + " for model "
                    + model.modelId() + ", got " + quality);
        }
        List<Chunk> refinements = new ArrayList<>();
        boolean tiled = planes.pixelCount() > tiling.onePiecePixels();
        int tileWidth = tiled ? Math.min(tiling.tileSize(), width) : width;
        int tileHeight = tiled ? Math.min(tiling.tileSize(), height) : height;
        int across = (width + tileWidth - 1) / tileWidth;
        int down = (height + tileHeight - 1) / tileHeight;
        List<Chunk> codes = new ArrayList<>();
        IndexGrid[] grids = new IndexGrid[across * down];
        int[] basePicture = null;
        ProgressTally tally = new ProgressTally(listener);
        tally.expect(ProgressListener.Stage.ENCODING, (long) across * down);
        for (int ty = 0; ty < down; ty++) {
            int rows = VqVaeModel.gridShape(width, Math.min(tileHeight, height - ty * tileHeight))[0];
            tally.expect(ProgressListener.Stage.CODING_INDICES, (long) rows * across);
        }
        if (quality != BASE_QUALITY) {
            tally.expect(ProgressListener.Stage.REFINING, (long) across * down);
        }
        for (int ty = 0; ty < down; ty++) {
            for (int tx = 0; tx < across; tx++) {
                int x0 = tx * tileWidth;
                int y0 = ty * tileHeight;
                int w = Math.min(tileWidth, width - x0);
                int h = Math.min(tileHeight, height - y0);
                int[] tile = planes.rgb();
                if (tiled) {
                    tile = new int[w * h];
                    for (int y = 0; y < h; y++) {
                        System.arraycopy(planes.rgb(), (y0 + y) * width + x0, tile, y * w, w);
                    }
                }
                ImageCodec.EncodedTile encoded = codec.encodeTile(ImageTensor.fromRgb(w, h, tile), quality,
                        tally.part());
                int index = ty * across + tx;
                grids[index] = encoded.grid();
                basePicture = encoded.basePicture();
                codes.add(new CodeChunk(0, index, encoded.base()).toChunk());
                if (encoded.refinement() != null) {
                    RefineBundle layer = codec.refinement();
                    refinements.add(new RefinementChunk(quality - 1, layer.config().channels(), index,
                            layer.sha256(), encoded.refinement()).toChunk());
                }
            }
        }
        int[] grid = VqVaeModel.gridShape(width, height);
        VqiHeader header = VqiHeader.builder()
                .size(width, height)
                .colorModel(planes.gray() ? ColorModel.GRAY : ColorModel.RGB)
                .bitDepth(8)
                .quality(quality)
                .model(new ModelRef(model.modelId(), model.sha256()))
                .latentGrid(grid[0], grid[1])
                .stages(1)
                .tileSize(tileWidth, tileHeight)
                .build();
        List<Chunk> chunks = new ArrayList<>();
        if (planes.icc() != null) {
            chunks.add(IccChunk.encode(planes.icc(), planes.gray()));
        }
        if (planes.alpha() != null) {
            chunks.add(AlphaChunk.encode(planes.alpha(), width, height));
        }
        chunks.addAll(codes);
        chunks.addAll(refinements);
        VqiContainer refined = new VqiContainer(header, chunks);
        if (!colourPlane || planes.pixelCount() > tiling.onePiecePixels()) {
            return refined; // no correction for tiled images: the encoder would hold two pictures of this size
        }
        double lambda = bitsPerSquaredError(quality, refine);
        Candidate best = corrected(refined, planes, codec, grids, model, tiling, lambda, null, tally);
        if (quality > BASE_QUALITY) {
            // On smooth content the base layer with a colour plane can show nearly the same picture as the refinement
            // for far fewer bytes: then the file is that (and says quality 1), when the level's trade-off prefers it
            // and the picture is within 1 dB. The trade-off alone would sometimes give a textured photograph's detail
            // away for bytes, which is not what asking for a level means.
            List<Chunk> baseChunks = new ArrayList<>(chunks);
            baseChunks.removeIf(c -> c.type().equals(ChunkType.RFIN));
            VqiContainer base = new VqiContainer(header.withQuality(BASE_QUALITY), baseChunks);
            Candidate alone = corrected(base, planes, codec, grids, model, tiling, lambda,
                    grids.length == 1 ? basePicture : null, tally);
            if (alone.cost(lambda) < best.cost(lambda) && alone.sse <= best.sse * CLOSE_PICTURE) {
                best = alone;
            }
        }
        return best.container;
    }

    /** Squared error within this factor (1 dB) counts as nearly the same picture. */
    static final double CLOSE_PICTURE = 1.26;

    /** A file, its size and the squared error of its picture. */
    private record Candidate(VqiContainer container, long bytes, double sse) {
        double cost(double bitsPerSquaredError) {
            return bitsPerSquaredError * sse + 8.0 * bytes;
        }
    }

    /**
     * {@code plain} with the colour plane that best corrects what it decodes to, if one pays for its bits
     * ({@code picture}: what it decodes to, when already known).
     */
    private static Candidate corrected(VqiContainer plain, ImagePlanes planes, ImageCodec codec, IndexGrid[] grids,
                                       ModelBundle model, Tiling tiling, double lambda, int[] picture,
                                       ProgressTally tally) throws IOException {
        VqiHeader h = plain.header();
        int[] decoded = picture != null ? picture : render(codec, plain, grids, RefinementChunk.read(plain),
                model.config().codebookSize(), PixelRegion.whole(h.width(), h.height()), tiling, tally);
        ColourCorrection.Choice c = ColourCorrection.choose(planes.rgb(), decoded, h.width(), h.height(), lambda);
        VqiContainer file = plain;
        if (c.isPresent()) {
            List<Chunk> chunks = new ArrayList<>(plain.chunks());
            chunks.add(new CorrectionChunk(h.quality(), c.plane().log2Block(), c.plane().step(), c.coded())
                    .toChunk());
            file = new VqiContainer(h, chunks);
        }
        return new Candidate(file, VqiContainerWriter.toBytes(file).length, c.sseAfter());
    }

    /**
     * The rate-distortion trade-off of a quality, in bits per unit of squared 8-bit error summed over the channels:
     * the refinement layer's training loss is {@code lambda * 255^2 * MSE + bits per pixel}, MSE averaged over the
     * three channels of [0, 1] samples, so a bit is worth {@code 3 / lambda} of summed squared error. Quality 1
     * takes {@link #BASE_LAMBDA} whatever the layer, so a quality-1 file does not depend on which layer a build has.
     */
    static double bitsPerSquaredError(int quality, RefineBundle refine) {
        double lambda = quality == BASE_QUALITY || refine == null ? BASE_LAMBDA
                : refine.config().lambdas()[quality - 2];
        return lambda / 3;
    }

    /**
     * The base layer's trade-off: one step of the default layer's ladder below its lowest level
     * ({@code lambda_1^2 / lambda_2} of the shipped ladder, 2.5e-4).
     */
    static final double BASE_LAMBDA = 2.5e-4;

    /** Decompresses with whichever model of {@code models} the file names. */
    public static BufferedImage decompress(byte[] file, ModelRegistry models) throws IOException {
        return decompressPlanes(VqiContainerReader.read(file), models).toImage();
    }

    public static ImagePlanes decompressPlanes(byte[] file, ModelRegistry models) throws IOException {
        return decompressPlanes(VqiContainerReader.read(file), models);
    }

    /** The file's planes: colour from the model, alpha and ICC profile from their chunks. */
    public static ImagePlanes decompressPlanes(VqiContainer container, ModelRegistry models) throws IOException {
        return decompressPlanes(container, models, ProgressListener.NONE);
    }

    /** As above, telling {@code listener} how far the image has got (rows of the grid, windows). */
    public static ImagePlanes decompressPlanes(VqiContainer container, ModelRegistry models,
                                               ProgressListener listener) throws IOException {
        return decompressPlanes(container, models, Tiling.DEFAULT, listener);
    }

    static ImagePlanes decompressPlanes(VqiContainer container, ModelRegistry models, Tiling tiling)
            throws IOException {
        return decompressPlanes(container, models, tiling, ProgressListener.NONE);
    }

    static ImagePlanes decompressPlanes(VqiContainer container, ModelRegistry models, Tiling tiling,
                                        ProgressListener listener) throws IOException {
        VqiHeader h = container.header();
        checkSize(h.width(), h.height(), 0);
        return decompressPlanes(container, models, PixelRegion.whole(h.width(), h.height()), tiling, listener);
    }

    /**
     * The planes of {@code region} of the file's image alone ({@code region.width() x region.height()}): every
     * tile's codes are decoded (pure Java, cheap next to the networks), but the networks run only on the windows of
     * latent cells the region needs, with their margins of context; the colour plane, gray and alpha are applied to
     * the region with the whole image's geometry. The pixels are the whole decode's up to the networks'
     * floating-point rounding.
     */
    public static ImagePlanes decompressPlanes(VqiContainer container, ModelRegistry models, PixelRegion region,
                                               ProgressListener listener) throws IOException {
        return decompressPlanes(container, models, region, Tiling.DEFAULT, listener);
    }

    static ImagePlanes decompressPlanes(VqiContainer container, ModelRegistry models, PixelRegion region,
                                        Tiling tiling, ProgressListener listener)
            throws IOException {
        VqiHeader h = container.header();
        checkSize(h.width(), h.height(), 0);
        region.requireInside(h.width(), h.height());
        if (h.stages() != 1) {
            throw new UnsupportedModelException("this decoder handles one code stage; the file has " + h.stages());
        }
        int f = VqVaeConfig.DOWNSAMPLING;
        if (h.tileCount() > 1 && (h.tileWidth() % f != 0 || h.tileHeight() % f != 0)) {
            throw new UnsupportedModelException("tiles of " + h.tileWidth() + "x" + h.tileHeight()
                    + " do not line up with the model's " + f + "x" + f + " latent cells");
        }
        List<RefinementChunk> refinements = RefinementChunk.read(container);
        checkHeap(h.width(), h.height(), refinements.isEmpty() ? 0 : REFINE_BYTES_PER_PIXEL,
                Runtime.getRuntime().maxMemory());
        int[] shape = VqVaeModel.gridShape(h.width(), h.height());
        if (shape[0] != h.latentRows() || shape[1] != h.latentCols()) {
            throw new MalformedContainerException(0, "latent grid " + h.latentRows() + "x" + h.latentCols()
                    + " does not match a " + h.width() + "x" + h.height() + " image");
        }
        // The ancillary chunks first: they are cheap to check, the networks are not.
        byte[] alpha = AlphaChunk.read(container).orElse(null);
        byte[] icc = IccChunk.read(container).orElse(null);
        ColourPlane correction = correctionPlane(container).orElse(null);
        ModelBundle model = findModel(h, models);
        RefineBundle layer = refinements.isEmpty() ? null : findLayer(model, refinements.get(0), models);
        ImageCodec codec = models.codec(model, layer);
        int across = h.tileColumns();
        int[] whole = new int[shape[0] * shape[1]];
        IndexGrid[] tiles = new IndexGrid[h.tileCount()];
        CorruptStreamException[] failure = new CorruptStreamException[1];
        ProgressTally tally = new ProgressTally(listener);
        for (int t = 0; t < tiles.length; t++) {
            int th = Math.min(h.tileHeight(), h.height() - t / across * h.tileHeight());
            tally.expect(ProgressListener.Stage.DECODING_INDICES, VqVaeModel.gridShape(h.tileWidth(), th)[0]);
        }
        // Tiles decode independently (each has its own prior context), so they can go in parallel.
        IntStream.range(0, tiles.length).parallel().forEach(t -> {
            int x0 = t % across * h.tileWidth();
            int y0 = t / across * h.tileHeight();
            int w = Math.min(h.tileWidth(), h.width() - x0);
            int th = Math.min(h.tileHeight(), h.height() - y0);
            int[] tileShape = VqVaeModel.gridShape(w, th);
            EncodedImage encoded = new EncodedImage(w, th, tileShape[0], tileShape[1], h.model().id(),
                    h.model().weightsSha256(), container.code(0, t).data());
            try {
                tiles[t] = codec.decodeIndices(encoded, tally.part());
            } catch (CorruptStreamException e) {
                synchronized (failure) {
                    failure[0] = failure[0] == null ? e : failure[0];
                }
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        int[] rgb = render(codec, container, tiles, refinements, model.config().codebookSize(), region, tiling,
                tally);
        if (correction != null) {
            ColourCorrection.apply(correction, rgb, h.width(), h.height(), region.x(), region.y(), region.width(),
                    region.height());
        }
        boolean gray = h.colorModel() == ColorModel.GRAY;
        if (gray) {
            for (int i = 0; i < rgb.length; i++) {
                int p = rgb[i];
                int sum = ((p >> 16) & 0xff) + ((p >> 8) & 0xff) + (p & 0xff);
                rgb[i] = (sum + 1) / 3 * 0x010101;
            }
        }
        if (alpha != null && !region.isWhole(h.width(), h.height())) {
            byte[] part = new byte[rgb.length];
            for (int y = 0; y < region.height(); y++) {
                System.arraycopy(alpha, (region.y() + y) * h.width() + region.x(), part, y * region.width(),
                        region.width());
            }
            alpha = part;
        }
        return new ImagePlanes(region.width(), region.height(), rgb, alpha, gray, icc);
    }

    /** The model the file names, among {@code models}; refused in one line that names it when they lack it. */
    static ModelBundle findModel(VqiHeader h, ModelRegistry models) throws UnsupportedModelException {
        return models.find(h.model().weightsSha256()).orElseThrow(() ->
                new UnsupportedModelException("file was made by model "
                        + ModelRegistry.describe(h.model().id(), h.model().weightsSha256())
                        + ", which this build does not have (pass its model file with --model)"));
    }

    /**
     * The refinement layer a file's {@code rfin} chunks name, among {@code models}' layers; refused in one line that
     * names it when they lack it.
     */
    static RefineBundle findLayer(ModelBundle model, RefinementChunk r, ModelRegistry models) throws IOException {
        for (RefineBundle c : models.layer(r.layerSha256()).stream().toList()) {
            if (c.config().baseSha256().equals(model.sha256Hex())) {
                if (r.channels() != c.config().channels() || r.level() > c.config().levels()) {
                    throw new MalformedContainerException(0, "rfin level " + r.level() + " or channels "
                            + r.channels() + " do not fit refinement layer " + c.layerId());
                }
                return c;
            }
        }
        throw new UnsupportedModelException("the file's quality levels above 1 need refinement layer refine-"
                + java.util.HexFormat.of().formatHex(r.layerSha256(), 0, 4) + " of model " + model.modelId()
                + ", which this build does not have (vqi transcode --quality 1 keeps its base layer)");
    }

    /**
     * The picture of the tiles' index grids in {@code region}, refined when the file has {@code rfin} chunks: what
     * the decoder shows before the colour correction (and before gray is averaged).
     */
    private static int[] render(ImageCodec codec, VqiContainer container, IndexGrid[] tiles,
                                List<RefinementChunk> refinements, int codebookSize, PixelRegion region,
                                Tiling tiling, ProgressTally tally) throws IOException {
        VqiHeader h = container.header();
        int f = VqVaeConfig.DOWNSAMPLING;
        int across = h.tileColumns();
        int[] shape = VqVaeModel.gridShape(h.width(), h.height());
        int[] whole = new int[shape[0] * shape[1]];
        for (int t = 0; t < tiles.length; t++) {
            int row0 = t / across * h.tileHeight() / f;
            int col0 = t % across * h.tileWidth() / f;
            IndexGrid g = tiles[t];
            for (int r = 0; r < g.rows(); r++) {
                System.arraycopy(g.indices(), r * g.cols(), whole, (row0 + r) * shape[1] + col0, g.cols());
            }
        }
        IndexGrid wholeGrid = new IndexGrid(shape[0], shape[1], codebookSize, whole);
        float[] latent = refinements.isEmpty() ? null : refinementLatent(codec, h, tiles, refinements, shape, tally);
        return codec.render(wholeGrid, latent, h.width(), h.height(), region, tiling.windowCells(), tally.whole());
    }

    /** The file's colour correction, decoded (cheap, pure Java: done before the networks run). */
    private static java.util.Optional<ColourPlane> correctionPlane(VqiContainer container) throws IOException {
        java.util.Optional<CorrectionChunk> chunk = CorrectionChunk.read(container);
        if (chunk.isEmpty()) {
            return java.util.Optional.empty();
        }
        CorrectionChunk c = chunk.get();
        VqiHeader h = container.header();
        byte[] data = c.data();
        return java.util.Optional.of(ColourPlaneCoder.decode(data, 0, data.length, c.log2Block(), c.step(),
                ColourPlane.cells(h.height(), c.log2Block()), ColourPlane.cells(h.width(), c.log2Block())));
    }

    /**
     * The whole grid's dequantised refinement latent, channel-major, from each tile's {@code rfin} chunk (tiles
     * decode in parallel: each has its own range-coded stream and its own scales).
     */
    private static float[] refinementLatent(ImageCodec codec, VqiHeader h, IndexGrid[] tiles,
                                            List<RefinementChunk> refinements, int[] shape, ProgressTally tally)
            throws IOException {
        int f = VqVaeConfig.DOWNSAMPLING;
        int channels = refinements.get(0).channels();
        int cells = shape[0] * shape[1];
        float[] latent = new float[Math.multiplyExact(channels, cells)];
        int across = h.tileColumns();
        CorruptStreamException[] failure = new CorruptStreamException[1];
        tally.expect(ProgressListener.Stage.DECODING_REFINEMENT, tiles.length);
        tally.add(ProgressListener.Stage.DECODING_REFINEMENT, 0);
        IntStream.range(0, tiles.length).parallel().forEach(t -> {
            IndexGrid g = tiles[t];
            float[] part;
            try {
                part = codec.decodeRefinement(refinements.get(t).data(), g, h.quality());
            } catch (CorruptStreamException e) {
                synchronized (failure) {
                    failure[0] = failure[0] == null ? e : failure[0];
                }
                return;
            }
            int row0 = t / across * h.tileHeight() / f;
            int col0 = t % across * h.tileWidth() / f;
            for (int c = 0; c < channels; c++) {
                for (int r = 0; r < g.rows(); r++) {
                    System.arraycopy(part, c * g.size() + r * g.cols(), latent,
                            c * cells + (row0 + r) * shape[1] + col0, g.cols());
                }
            }
            tally.add(ProgressListener.Stage.DECODING_REFINEMENT, 1);
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        return latent;
    }

    /** Refuses an image whose decoded pixels would not fit {@code maxHeap} bytes (Runtime.maxMemory()). */
    static void checkHeap(long width, long height, long maxHeap) throws InsufficientMemoryException {
        checkHeap(width, height, 0, maxHeap);
    }

    static void checkHeap(long width, long height, long extraPerPixel, long maxHeap)
            throws InsufficientMemoryException {
        long need = width * height * (DECODE_BYTES_PER_PIXEL + extraPerPixel);
        if (need > maxHeap) {
            throw new InsufficientMemoryException(String.format(java.util.Locale.ROOT,
                    "a %dx%d image needs about %d MiB of heap to decode; this JVM may use %d MiB (raise -Xmx, "
                            + "for the vqi command through JAVA_OPTS)", width, height, need >> 20, maxHeap >> 20));
        }
    }

    static void checkSize(long width, long height, long offset) throws CorruptStreamException {
        if (width > VqiFormat.MAX_DIMENSION || height > VqiFormat.MAX_DIMENSION) { // before the encoder runs
            throw new MalformedContainerException(offset, width + "x" + height + " has a side longer than the "
                    + VqiFormat.MAX_DIMENSION + " pixels a .vqi file holds");
        }
        if (width * height > MAX_PIXELS) {
            throw new MalformedContainerException(offset, width + "x" + height + " is more than the "
                    + MAX_PIXELS + " pixels a .vqi file holds");
        }
    }
}

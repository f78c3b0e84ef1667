package io.vqi.codec;

import io.vqi.core.CorruptStreamException;
import io.vqi.core.EncodedImage;
import io.vqi.core.ProgressListener;
import io.vqi.core.WeightsHash;
import io.vqi.correction.ColourCorrection;
import io.vqi.correction.ColourPlane;
import io.vqi.correction.ColourPlaneCoder;
import io.vqi.correction.EdgeCorrection;
import io.vqi.correction.EdgeStrip;
import io.vqi.correction.EdgeStripCoder;
import io.vqi.format.ImageChunks;
import io.vqi.format.MalformedContainerException;
import io.vqi.format.VqiContainerWriter;
import io.vqi.image.ImagePlanes;
import io.vqi.image.ImageTensor;
import io.vqi.image.PixelRegion;
import io.vqi.model.IndexGrid;
import io.vqi.model.ModelBundle;
import io.vqi.model.RefineBundle;
import io.vqi.model.VqVaeConfig;
import io.vqi.network.RefineModel;
import io.vqi.network.VqVaeModel;
import io.vqi.prior.LatentCoder;
import io.vqi.prior.PixelCnnPrior;
import io.vqi.refine.RefineCoder;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.stream.IntStream;

/**
 * The codec of one model (and, for quality levels above 1, its refinement layer): {@link #compress} takes an image's
 * planes to an {@link EncodedImage} (tiles' coded index grids, refinement, colour plane) and {@link #decompress}
 * takes that back to planes, tiling and windowed decoding inside.
 *
 * <p>The encoder network (ND4J) makes each tile's index grid and the prior codes it in pure Java; decoding runs the
 * same Java prior, then the decoder network. Only integer indices cross between the two worlds, so a file decodes to
 * the same grid on every machine. The refinement layer and the colour plane go the same way: their coders are pure
 * Java, their networks only turn decoded numbers into pixels.
 */
public final class ImageCodec {

    private final ModelBundle bundle;
    private final VqVaeModel model;
    private final LatentCoder coder;
    private final RefineBundle refineBundle;
    private volatile RefineModel refineModel;
    private volatile RefineCoder refineCoder;

    /**
     * One tile coded at some quality: its grid, the base layer's bytes, the refinement's (null at quality 1), and the
     * base layer's picture when the refinement's analysis computed it on the way (else null).
     */
    public record EncodedTile(IndexGrid grid, byte[] base, byte[] refinement, int[] basePicture) {
    }

    private ImageCodec(ModelBundle bundle) {
        this(bundle, null);
    }

    private ImageCodec(ModelBundle bundle, RefineBundle refine) {
        if (!bundle.hasPrior()) {
            throw new IllegalArgumentException("model " + bundle.modelId() + " has no prior: it cannot entropy-code");
        }
        this.bundle = bundle;
        this.model = VqVaeModel.load(bundle);
        this.coder = new LatentCoder(new PixelCnnPrior(bundle.prior(), bundle.tensorMap()));
        if (refine != null && !refine.config().baseSha256().equals(bundle.sha256Hex())) {
            throw new IllegalArgumentException("refinement layer " + refine.layerId() + " does not belong to "
                    + bundle.modelId());
        }
        this.refineBundle = refine;
    }

    public static ImageCodec create(ModelBundle bundle) {
        return new ImageCodec(bundle);
    }

    /** A codec with quality levels: the base model and a refinement layer trained on it (null: the base alone). */
    public static ImageCodec create(ModelBundle bundle, RefineBundle refine) {
        return new ImageCodec(bundle, refine);
    }

    /** Quality levels this codec can code: 1 (the base layer) plus the refinement layer's levels. */
    public int qualities() {
        return 1 + (refineBundle == null ? 0 : refineBundle.config().levels());
    }

    /** The refinement layer, or null. */
    public RefineBundle refinement() {
        return refineBundle;
    }

    /** Quality 1: the base layer alone, what every v1.0 file holds. */
    public static final int BASE_QUALITY = 1;

    /**
     * Codes {@code planes}' colour at {@code quality}: cut into tiles by {@code tiling}, each through the encoder, the
     * prior and (above quality 1) the refinement layer; then, with {@code colourPlane}, the colour plane that pays for
     * its bits at the level's trade-off. Alpha and the ICC profile are not the codec's: the container keeps them.
     */
    public EncodedImage compress(ImagePlanes planes, int quality, Tiling tiling, boolean colourPlane,
                                 ProgressListener listener) throws IOException {
        if (quality < 1 || quality > qualities()) {
            throw new IllegalArgumentException("quality must be in 1.." + qualities() + " for model "
                    + bundle.modelId() + ", got " + quality);
        }
        int width = planes.width();
        int height = planes.height();
        boolean tiled = planes.pixelCount() > tiling.onePiecePixels();
        int tileWidth = tiled ? Math.min(tiling.tileSize(), width) : width;
        int tileHeight = tiled ? Math.min(tiling.tileSize(), height) : height;
        int across = (width + tileWidth - 1) / tileWidth;
        int down = (height + tileHeight - 1) / tileHeight;
        List<byte[]> codes = new ArrayList<>();
        List<byte[]> refinements = new ArrayList<>();
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
                EncodedTile encoded = encodeTile(ImageTensor.fromRgb(w, h, tile), quality, tally.part());
                grids[ty * across + tx] = encoded.grid();
                basePicture = encoded.basePicture();
                codes.add(encoded.base());
                if (encoded.refinement() != null) {
                    refinements.add(encoded.refinement());
                }
            }
        }
        int[] grid = VqVaeModel.gridShape(width, height);
        EncodedImage.Refinement refinement = refinements.isEmpty() ? null : new EncodedImage.Refinement(quality - 1,
                refineBundle.config().channels(), refineBundle.sha256(), refinements);
        EncodedImage refined = new EncodedImage(width, height, planes.gray(), quality, bundle.modelId(),
                bundle.sha256(), grid[0], grid[1], tileWidth, tileHeight, codes, refinement, null, null);
        if (!colourPlane || tiled) {
            return refined; // no correction for tiled images: the encoder would hold two pictures of this size
        }
        double lambda = bitsPerSquaredError(quality);
        Candidate best = corrected(refined, planes, grids, tiling, lambda, null, tally);
        if (quality > BASE_QUALITY) {
            // On smooth content the base layer with a colour plane can show nearly the same picture as the refinement
            // for far fewer bytes: then the image is that (and says quality 1), when the level's trade-off prefers it
            // and the picture is within 1 dB. The trade-off alone would sometimes give a textured photograph's detail
            // away for bytes, which is not what asking for a level means.
            Candidate alone = corrected(refined.baseLayer(), planes, grids, tiling, lambda,
                    grids.length == 1 ? basePicture : null, tally);
            if (alone.cost(lambda) < best.cost(lambda) && alone.sse <= best.sse * CLOSE_PICTURE) {
                best = alone;
            }
        }
        if (ColourCorrection.smoothnessDb(planes.rgb(), width, height) >= SMOOTH_DB) {
            Candidate flat = flatBase(refined.baseLayer(), grids[0], planes, tiling, lambda);
            if (flat.cost(lambda) < best.cost(lambda)
                    && (quality == BASE_QUALITY || flat.sse <= best.sse * CLOSE_PICTURE)) {
                best = flat;
            }
        }
        return best.image;
    }

    /**
     * How closely (PSNR, dB) a picture must follow its own 8-pixel bilinear outline for a flat base to be tried:
     * photographs stay far below (kodak24: 17-28 dB, bsds500/val: 16-30 dB), smooth gradients far above (the
     * generated ones: 42-59 dB), so photographs never pay for the tries.
     */
    static final double SMOOTH_DB = 32;
    /** How many of the grid's most frequent codes are weighed for the flat base. */
    static final int FLAT_CANDIDATES = 8;
    /** The side, in cells, of the even grid each of them is decoded on to weigh it. */
    static final int FLAT_PROBE_CELLS = 12;

    /**
     * On smooth content the VQ grid is the problem, not the answer (issue 16): 1024 codes per 8x8 cell snap a slow
     * gradient into patches, the plane then pays to undo their steps, and the grid itself costs bytes. A grid of one
     * code costs almost nothing under the prior, decodes to an even picture, and leaves the gradient to the colour
     * plane, whose bilinear nodes follow it closely: the 512x512 bilinear ramp at quality 1 went from 859 bytes and
     * 39.2 dB to 371 bytes and 46.8 dB. The code is the flattest of the grid's {@link #FLAT_CANDIDATES} most frequent
     * ones ({@link #flattestCode}); the picture gets its plane and strip, and the caller keeps it only where the
     * level's trade-off prefers it (and, above quality 1, where it is within 1 dB of the refined picture or better).
     * The file is an ordinary base-layer file: every decoder reads it.
     */
    private Candidate flatBase(EncodedImage base, IndexGrid grid, ImagePlanes planes, Tiling tiling,
                               double lambda) throws IOException {
        int[] indices = new int[grid.size()];
        Arrays.fill(indices, flattestCode(grid, tiling));
        IndexGrid flat = new IndexGrid(grid.rows(), grid.cols(), grid.alphabet(), indices);
        EncodedImage image = new EncodedImage(base.width(), base.height(), base.gray(), BASE_QUALITY,
                base.modelId(), base.modelSha256(), base.latentRows(), base.latentCols(), base.tileWidth(),
                base.tileHeight(), List.of(coder.encode(flat)), null, null, null);
        return corrected(image, planes, new IndexGrid[] {flat}, tiling, lambda, null,
                new ProgressTally(ProgressListener.NONE));
    }

    /**
     * Of the grid's {@link #FLAT_CANDIDATES} most frequent codes (ties by index), the one whose even grid decodes to
     * the flattest picture: least variance per channel in the middle of a {@link #FLAT_PROBE_CELLS}-cell square,
     * away from the decoder's border. Its colour does not matter, the plane moves it; its texture stays.
     */
    private int flattestCode(IndexGrid grid, Tiling tiling) {
        int[] counts = new int[grid.alphabet()];
        for (int index : grid.indices()) {
            counts[index]++;
        }
        int side = FLAT_PROBE_CELLS * VqVaeConfig.DOWNSAMPLING;
        int best = -1;
        double bestVariance = Double.POSITIVE_INFINITY;
        boolean[] taken = new boolean[counts.length];
        for (int n = 0; n < FLAT_CANDIDATES; n++) {
            int code = -1;
            for (int i = 0; i < counts.length; i++) {
                if (!taken[i] && counts[i] > 0 && (code < 0 || counts[i] > counts[code])) {
                    code = i;
                }
            }
            if (code < 0) {
                break;
            }
            taken[code] = true;
            int[] indices = new int[FLAT_PROBE_CELLS * FLAT_PROBE_CELLS];
            Arrays.fill(indices, code);
            int[] rgb = render(new IndexGrid(FLAT_PROBE_CELLS, FLAT_PROBE_CELLS, grid.alphabet(), indices), side, side,
                    tiling.windowCells());
            double variance = 0;
            for (int shift = 0; shift < 24; shift += 8) {
                double sum = 0;
                double sumSq = 0;
                int n2 = 0;
                for (int y = side / 4; y < 3 * side / 4; y++) {
                    for (int x = side / 4; x < 3 * side / 4; x++) {
                        int v = (rgb[y * side + x] >> shift) & 0xff;
                        sum += v;
                        sumSq += (double) v * v;
                        n2++;
                    }
                }
                variance += sumSq / n2 - (sum / n2) * (sum / n2);
            }
            if (variance < bestVariance) {
                bestVariance = variance;
                best = code;
            }
        }
        return best;
    }

    /** Squared error within this factor (1 dB) counts as nearly the same picture. */
    static final double CLOSE_PICTURE = 1.26;

    /**
     * A coded image, its size as a file (the chunks' framing included), the squared error of its picture and what
     * its border's remaining error costs beyond the level's trade-off (nothing unless the border, before the edge
     * strip, visibly framed a clean picture: then that error is priced as {@link EdgeCorrection} priced it).
     */
    private record Candidate(EncodedImage image, long bytes, double sse, double borderPenalty) {
        double cost(double bitsPerSquaredError) {
            return bitsPerSquaredError * sse + 8.0 * bytes + borderPenalty;
        }

        boolean borderPriced() {
            return borderPenalty > 0;
        }
    }

    /** How much finer than the level's own a colour plane is tried when the border is priced higher: 2x per try. */
    static final int PLANE_TRIES = 6;

    /**
     * {@code plain} with the colour plane that best corrects what it decodes to, then the edge strip that best
     * corrects what is left at its border, each only if it pays for its bits ({@code picture}: what it decodes to,
     * when already known). Chosen one after the other the two can miss the best pair: when the border frames a
     * clean picture its error is priced above the level's trade-off, and a finer plane that fixes the border itself
     * may cost fewer bytes than the coarse plane and a strip (issue 16's bilinear 333x217 ramp at quality 1: 503
     * bytes and 36.0 dB where quality 2's plane gave 386 bytes and 37.1 dB). So when the border is priced, planes
     * chosen at up to {@link #PLANE_TRIES} doublings of the trade-off, each with its strip, are compared whole.
     * (Trying them on every clean picture as well changed none of the generated gradients' files.)
     */
    private Candidate corrected(EncodedImage plain, ImagePlanes planes, IndexGrid[] grids, Tiling tiling,
                                double lambda, int[] picture, ProgressTally tally) throws IOException {
        int[] decoded = picture != null ? picture : render(plain, grids,
                PixelRegion.whole(plain.width(), plain.height()), tiling, tally);
        ColourCorrection.Options options = ColourCorrection.options(planes.rgb(), decoded, plain.width(),
                plain.height());
        Map<ColourCorrection.Choice, Candidate> tried = new IdentityHashMap<>();
        Candidate best = corrected(plain, planes, decoded, lambda, options.choose(lambda), tried);
        if (best.borderPriced()) {
            double planeLambda = lambda;
            for (int i = 0; i < PLANE_TRIES && planeLambda < EdgeCorrection.BORDER_LAMBDA; i++) {
                planeLambda = Math.min(2 * planeLambda, EdgeCorrection.BORDER_LAMBDA);
                Candidate c = corrected(plain, planes, decoded, lambda, options.choose(planeLambda), tried);
                if (c.cost(lambda) < best.cost(lambda)) {
                    best = c;
                }
            }
        }
        return best;
    }

    /**
     * {@code plain} with the plane {@code c} and the strip chosen at the level's {@code lambda} after it (once per
     * plane: {@code tried} keeps what each gave).
     */
    private static Candidate corrected(EncodedImage plain, ImagePlanes planes, int[] decoded, double lambda,
                                       ColourCorrection.Choice c, Map<ColourCorrection.Choice, Candidate> tried)
            throws IOException {
        Candidate known = c.isPresent() ? tried.get(c) : null;
        if (known != null) {
            return known;
        }
        int[] corrected = decoded;
        if (c.isPresent()) {
            corrected = decoded.clone();
            ColourCorrection.apply(c.plane(), corrected, plain.width(), plain.height());
        }
        EdgeCorrection.Choice e = EdgeCorrection.choose(planes.rgb(), corrected, plain.width(), plain.height(),
                lambda);
        EncodedImage image = plain.withCorrections(
                c.isPresent() ? new EncodedImage.Correction(c.plane().log2Block(), c.plane().step(), c.coded()) : null,
                e.isPresent() ? new EncodedImage.Edges(e.strip().depth(), e.strip().log2Spacing(), e.strip().step(),
                        e.coded()) : null);
        Candidate candidate = new Candidate(image,
                VqiContainerWriter.toBytes(ImageChunks.toContainer(image, null, null)).length,
                c.sseAfter() - (e.sseBefore() - e.sseAfter()), e.borderPenalty(lambda));
        if (c.isPresent()) {
            tried.put(c, candidate);
        }
        return candidate;
    }

    /**
     * The rate-distortion trade-off of a quality, in bits per unit of squared 8-bit error summed over the channels:
     * the refinement layer's training loss is {@code lambda * 255^2 * MSE + bits per pixel}, MSE averaged over the
     * three channels of [0, 1] samples, so a bit is worth {@code 3 / lambda} of summed squared error. Quality 1
     * takes {@link #BASE_LAMBDA} whatever the layer, so a quality-1 file does not depend on which layer a build has.
     */
    double bitsPerSquaredError(int quality) {
        double lambda = quality == BASE_QUALITY || refineBundle == null ? BASE_LAMBDA
                : refineBundle.config().lambdas()[quality - 2];
        return lambda / 3;
    }

    /**
     * The base layer's trade-off: one step of the default layer's ladder below its lowest level
     * ({@code lambda_1^2 / lambda_2} of the shipped ladder, 2.5e-4).
     */
    static final double BASE_LAMBDA = 2.5e-4;

    /**
     * Refuses an image whose grid the codec cannot have made: a latent grid that is not the image's, or tiles that do
     * not line up with the 8x8 latent cells (the one place both are checked).
     */
    public static void checkGeometry(EncodedImage image) throws IOException {
        int f = VqVaeConfig.DOWNSAMPLING;
        if (image.tileCount() > 1 && (image.tileWidth() % f != 0 || image.tileHeight() % f != 0)) {
            throw new UnsupportedModelException("tiles of " + image.tileWidth() + "x" + image.tileHeight()
                    + " do not line up with the model's " + f + "x" + f + " latent cells");
        }
        int[] shape = VqVaeModel.gridShape(image.width(), image.height());
        if (shape[0] != image.latentRows() || shape[1] != image.latentCols()) {
            throw new MalformedContainerException(0, "latent grid " + image.latentRows() + "x" + image.latentCols()
                    + " does not match a " + image.width() + "x" + image.height() + " image");
        }
    }

    /**
     * The colour planes of {@code region} of {@code image} ({@code region.width() x region.height()}, alpha and
     * profile left to the container): every tile's codes are decoded (pure Java, cheap next to the networks), then
     * the networks run only on the windows of latent cells the region needs, with their margins of context; the
     * colour plane and gray are applied with the whole image's geometry. The pixels are the whole decode's up to the
     * networks' floating-point rounding.
     */
    public ImagePlanes decompress(EncodedImage image, PixelRegion region, Tiling tiling, ProgressListener listener)
            throws IOException {
        checkGeometry(image);
        region.requireInside(image.width(), image.height());
        if (!WeightsHash.names(image.modelSha256(), bundle.sha256())) {
            throw new IllegalArgumentException("image was coded with model " + image.modelId() + ", not with "
                    + bundle.modelId());
        }
        EncodedImage.Refinement r = image.refinement();
        if (r != null && (refineBundle == null || !WeightsHash.names(r.layerSha256(), refineBundle.sha256()))) {
            throw new IllegalArgumentException("image needs another refinement layer than this codec's");
        }
        // The colour plane and the edge strip first: cheap to check, the networks are not.
        EncodedImage.Correction c = image.correction();
        ColourPlane correction = c == null ? null : ColourPlaneCoder.decode(c.data(), 0, c.data().length,
                c.log2Block(), c.step(), ColourPlane.cells(image.height(), c.log2Block()),
                ColourPlane.cells(image.width(), c.log2Block()));
        EncodedImage.Edges s = image.edges();
        EdgeStrip edges = s == null ? null : EdgeStripCoder.decode(s.data(), 0, s.data().length, s.depth(),
                s.log2Spacing(), s.step(), image.width(), image.height());
        prepareDecoder(r != null);
        int across = image.tileColumns();
        IndexGrid[] tiles = new IndexGrid[image.tileCount()];
        CorruptStreamException[] failure = new CorruptStreamException[1];
        ProgressTally tally = new ProgressTally(listener);
        for (int t = 0; t < tiles.length; t++) {
            int th = Math.min(image.tileHeight(), image.height() - t / across * image.tileHeight());
            tally.expect(ProgressListener.Stage.DECODING_INDICES,
                    VqVaeModel.gridShape(image.tileWidth(), th)[0]);
        }
        // Tiles decode independently (each has its own prior context), so they can go in parallel.
        IntStream.range(0, tiles.length).parallel().forEach(t -> {
            int w = Math.min(image.tileWidth(), image.width() - t % across * image.tileWidth());
            int th = Math.min(image.tileHeight(), image.height() - t / across * image.tileHeight());
            int[] tileShape = VqVaeModel.gridShape(w, th);
            try {
                tiles[t] = decodeIndices(image.codes().get(t), tileShape[0], tileShape[1], tally.part());
            } catch (CorruptStreamException e) {
                synchronized (failure) {
                    failure[0] = failure[0] == null ? e : failure[0];
                }
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        int[] rgb = render(image, tiles, region, tiling, tally);
        if (correction != null) {
            ColourCorrection.apply(correction, rgb, image.width(), image.height(), region.x(), region.y(),
                    region.width(), region.height());
        }
        if (edges != null) {
            EdgeCorrection.apply(edges, rgb, image.width(), image.height(), region.x(), region.y(), region.width(),
                    region.height());
        }
        if (image.gray()) {
            for (int i = 0; i < rgb.length; i++) {
                int p = rgb[i];
                int sum = ((p >> 16) & 0xff) + ((p >> 8) & 0xff) + (p & 0xff);
                rgb[i] = (sum + 1) / 3 * 0x010101;
            }
        }
        return new ImagePlanes(region.width(), region.height(), rgb, null, image.gray(), null);
    }

    /**
     * Loads the decoder's weights into ND4J (and ND4J itself, the first time) on a background thread while this one
     * decodes the index grid and the refinement in pure Java: the decoder waits for them anyway, and on two cores
     * the load then costs no wall time. A failure there is reported by the decode that needs the decoder.
     */
    private void prepareDecoder(boolean refined) {
        Thread t = new Thread(() -> {
            try {
                if (refined) {
                    refineModel().prepareDecoder();
                } else {
                    model.prepareDecoder();
                }
            } catch (RuntimeException | LinkageError ignored) {
                // the decode reports it
            }
        }, "vqi-decoder-load");
        t.setDaemon(true);
        t.start();
    }

    /**
     * The picture of the tiles' index grids in {@code region}, refined when the image has a refinement: what the
     * decoder shows before the colour correction (and before gray is averaged).
     */
    private int[] render(EncodedImage image, IndexGrid[] tiles, PixelRegion region, Tiling tiling,
                         ProgressTally tally) throws IOException {
        int f = VqVaeConfig.DOWNSAMPLING;
        int across = image.tileColumns();
        int[] shape = VqVaeModel.gridShape(image.width(), image.height());
        int[] whole = new int[shape[0] * shape[1]];
        for (int t = 0; t < tiles.length; t++) {
            int row0 = t / across * image.tileHeight() / f;
            int col0 = t % across * image.tileWidth() / f;
            IndexGrid g = tiles[t];
            for (int r = 0; r < g.rows(); r++) {
                System.arraycopy(g.indices(), r * g.cols(), whole, (row0 + r) * shape[1] + col0, g.cols());
            }
        }
        IndexGrid wholeGrid = new IndexGrid(shape[0], shape[1], bundle.config().codebookSize(), whole);
        if (image.refinement() == null) {
            return model.decodeRgb(wholeGrid, image.width(), image.height(), region, tiling.windowCells(),
                    tally.whole());
        }
        // The refinement's entropy walk (pure Java, one thread per tile) runs while the base decoder (ND4J) decodes
        // the first window's base image; the decoder waits for the latent only to add the refinement's cells. Its
        // stage is announced here, before either starts, so listeners hear the stages begin in pipeline order.
        tally.expect(ProgressListener.Stage.DECODING_REFINEMENT, tiles.length);
        tally.add(ProgressListener.Stage.DECODING_REFINEMENT, 0);
        FutureTask<float[]> walk = new FutureTask<>(() -> refinementLatent(image, tiles, shape, tally));
        Thread walker = new Thread(walk, "vqi-refinement-walk");
        walker.setDaemon(true);
        walker.start();
        try {
            return refineModel().decodeRgb(wholeGrid, () -> join(walk), image.width(), image.height(), region,
                    tiling.windowCells(), tally.whole());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            walk.cancel(false);
        }
    }

    /** The walk's latent, its {@code IOException} (a corrupt stream) carried out unchecked. */
    private static float[] join(FutureTask<float[]> walk) {
        try {
            return walk.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("interrupted"));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /**
     * The whole grid's dequantised refinement latent, channel-major, from each tile's coded latent (tiles decode in
     * parallel: each has its own range-coded stream and its own scales). The caller has announced the stage.
     */
    private float[] refinementLatent(EncodedImage image, IndexGrid[] tiles, int[] shape, ProgressTally tally)
            throws IOException {
        int f = VqVaeConfig.DOWNSAMPLING;
        EncodedImage.Refinement r = image.refinement();
        int channels = r.channels();
        int cells = shape[0] * shape[1];
        float[] latent = new float[Math.multiplyExact(channels, cells)];
        int across = image.tileColumns();
        CorruptStreamException[] failure = new CorruptStreamException[1];
        IntStream.range(0, tiles.length).parallel().forEach(t -> {
            IndexGrid g = tiles[t];
            float[] part;
            try {
                part = decodeRefinement(r.tiles().get(t), g, r.level() + 1);
            } catch (CorruptStreamException e) {
                synchronized (failure) {
                    failure[0] = failure[0] == null ? e : failure[0];
                }
                return;
            }
            int row0 = t / across * image.tileHeight() / f;
            int col0 = t % across * image.tileWidth() / f;
            for (int c = 0; c < channels; c++) {
                for (int row = 0; row < g.rows(); row++) {
                    System.arraycopy(part, c * g.size() + row * g.cols(), latent,
                            c * cells + (row0 + row) * shape[1] + col0, g.cols());
                }
            }
            tally.add(ProgressListener.Stage.DECODING_REFINEMENT, 1);
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        return latent;
    }

    /**
     * Codes one tile at {@code quality} (1 = base layer alone): the encoder network and the prior give the base
     * layer; above it, the analysis network's latent, quantised at the level's gains, is range-coded under scales
     * computed from the grid.
     */
    public EncodedTile encodeTile(ImageTensor image, int quality) {
        return encodeTile(image, quality, ProgressListener.NONE);
    }

    /**
     * As {@link #encodeTile(ImageTensor, int)}, telling {@code listener} of the network ({@link
     * ProgressListener.Stage#ENCODING}, 1 tile), the prior's rows and (above quality 1) the refinement (1 tile).
     */
    public EncodedTile encodeTile(ImageTensor image, int quality, ProgressListener listener) {
        checkQuality(quality);
        listener.progress(ProgressListener.Stage.ENCODING, 0, 1);
        IndexGrid grid = model.encode(image);
        listener.progress(ProgressListener.Stage.ENCODING, 1, 1);
        byte[] base = coder.encode(grid, rowObserver(ProgressListener.Stage.CODING_INDICES, grid.rows(),
                grid.cols(), listener));
        if (quality == 1) {
            return new EncodedTile(grid, base, null, null);
        }
        listener.progress(ProgressListener.Stage.REFINING, 0, 1);
        int level = quality - 1;
        RefineModel.Analysis analysis = refineModel().analyseWithBase(image, grid);
        float[] latent = analysis.latent();
        RefineCoder rc = refineCoder();
        EncodedTile tile = new EncodedTile(grid, base, rc.encodeLatent(latent, grid, level), analysis.basePicture());
        listener.progress(ProgressListener.Stage.REFINING, 1, 1);
        return tile;
    }

    /** Tells {@code listener} of each row of the grid coded, 0 of {@code rows} first; null for no listener. */
    private static LatentCoder.Observer rowObserver(ProgressListener.Stage stage, int rows, int cols,
                                                    ProgressListener listener) {
        if (listener == ProgressListener.NONE) {
            return null;
        }
        listener.progress(stage, 0, rows);
        return (position, cdf, symbol) -> {
            if ((position + 1) % cols == 0) {
                listener.progress(stage, (position + 1) / cols, rows);
            }
        };
    }

    /** One tile's dequantised refinement latent, channel-major over its grid. */
    public float[] decodeRefinement(byte[] data, IndexGrid grid, int quality) throws CorruptStreamException {
        checkQuality(quality);
        RefineCoder rc = refineCoder();
        int level = quality - 1;
        return rc.decodeLatent(data, 0, data.length, grid, level);
    }

    /** The refinement's pure-Java coder (scales, gains, range coding), for transcoding and rate accounting. */
    public RefineCoder refineCoder() {
        RefineCoder c = refineCoder;
        if (c == null) {
            if (refineBundle == null) {
                throw new IllegalStateException("model " + bundle.modelId() + " has no refinement layer");
            }
            synchronized (this) {
                c = refineCoder;
                if (c == null) {
                    c = new RefineCoder(refineBundle, bundle);
                    refineCoder = c;
                }
            }
        }
        return c;
    }

    private RefineModel refineModel() {
        RefineModel m = refineModel;
        if (m == null) {
            synchronized (this) {
                m = refineModel;
                if (m == null) {
                    m = RefineModel.load(bundle, refineBundle);
                    refineModel = m;
                }
            }
        }
        return m;
    }

    private void checkQuality(int quality) {
        if (quality < 1 || quality > qualities()) {
            throw new IllegalArgumentException("quality " + quality + " is not in 1.." + qualities()
                    + " for model " + bundle.modelId());
        }
    }

    public ModelBundle model() {
        return bundle;
    }

    /** The index grid an image compresses to (for tests and rate accounting). */
    public IndexGrid indices(ImageTensor image) {
        return model.encode(image);
    }

    /** One tile's index grid from its range-coded bytes, telling {@code listener} of each row decoded. */
    public IndexGrid decodeIndices(byte[] payload, int rows, int cols, ProgressListener listener)
            throws CorruptStreamException {
        return coder.decode(payload, 0, payload.length, rows, cols,
                rowObserver(ProgressListener.Stage.DECODING_INDICES, rows, cols, listener));
    }

    /**
     * The image of a whole index grid (tiles' grids put together) as {@code 0xRRGGBB} pixels, decoded in windows of
     * at most {@code window × window} latent cells so that memory stays bounded; seam-free across tile borders,
     * since every window sees its neighbours' codes.
     */
    public int[] render(IndexGrid grid, int width, int height, int window) {
        return render(grid, width, height, window, ProgressListener.NONE);
    }

    /** As {@link #render(IndexGrid, int, int, int)}, telling {@code listener} of each window decoded. */
    public int[] render(IndexGrid grid, int width, int height, int window, ProgressListener listener) {
        return model.decodeRgb(grid, width, height, window, listener);
    }

    /** The image of a whole index grid with its dequantised refinement latent; windows as {@link #render}. */
    public int[] render(IndexGrid grid, float[] latent, int width, int height, int window) {
        return render(grid, latent, width, height, window, ProgressListener.NONE);
    }

    /** As {@link #render(IndexGrid, float[], int, int, int)}, telling {@code listener} of each window decoded. */
    public int[] render(IndexGrid grid, float[] latent, int width, int height, int window,
                        ProgressListener listener) {
        return refineModel().decodeRgb(grid, latent, width, height, window, listener);
    }

    /**
     * The pixels of {@code region} of the image ({@code region.width() x region.height()}, row by row), refined
     * when {@code latent} (the whole grid's dequantised refinement latent) is not null: only the windows the
     * region's latent cells need run through the network, each with its margin of context, so the pixels are the
     * whole render's up to floating-point rounding.
     */
    public int[] render(IndexGrid grid, float[] latent, int width, int height, PixelRegion region, int window,
                        ProgressListener listener) {
        return latent == null ? model.decodeRgb(grid, width, height, region, window, listener)
                : refineModel().decodeRgb(grid, latent, width, height, region, window, listener);
    }
}

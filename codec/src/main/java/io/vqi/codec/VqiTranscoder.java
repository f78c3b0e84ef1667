package io.vqi.codec;

import io.vqi.format.Chunk;
import io.vqi.format.ChunkType;
import io.vqi.format.RefinementChunk;
import io.vqi.format.VqiContainer;
import io.vqi.format.VqiHeader;
import io.vqi.model.IndexGrid;
import io.vqi.model.ModelBundle;
import io.vqi.model.RefineBundle;
import io.vqi.network.VqVaeModel;
import io.vqi.prior.LatentCoder;
import io.vqi.prior.PixelCnnPrior;
import io.vqi.refine.RefineCoder;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Lowers a file's quality without decoding its pixels, as JPEG 2000's quality layers allow: to quality 1 by
 * dropping the {@code rfin} chunks (the result's HEAD and CODE chunks are byte for byte those of a direct encode at
 * quality 1); to a lower refinement level by re-quantising the decoded integers at that level's gains and coding
 * them again. A {@code corr} colour correction fits the picture of one quality, so it is dropped (a direct encode
 * would fit a new one, which needs the image). Pure Java: no network runs, so it takes milliseconds.
 */
public final class VqiTranscoder {

    private VqiTranscoder() {
    }

    /**
     * The file at {@code quality}, which must not be above the file's own.
     *
     * @throws IllegalArgumentException if {@code quality} is out of range or above the file's quality
     */
    public static VqiContainer lower(VqiContainer container, int quality, ModelRegistry models)
            throws IOException {
        VqiHeader h = container.header();
        List<RefinementChunk> refinements = RefinementChunk.read(container);
        int current = refinements.isEmpty() ? 1 : refinements.get(0).level() + 1;
        if (quality < 1 || quality > current) {
            throw new IllegalArgumentException("quality " + quality + " is not in 1.." + current
                    + " (a file's quality can only be lowered; this one is at " + current + ")");
        }
        if (quality == current) {
            return container;
        }
        List<Chunk> kept = new ArrayList<>();
        for (Chunk c : container.chunks()) {
            // The corrections fit one quality's picture: a lower quality shows another, so they go.
            if (!c.type().equals(ChunkType.RFIN) && !c.type().equals(ChunkType.CORR)
                    && !c.type().equals(ChunkType.EDGE)) {
                kept.add(c);
            }
        }
        VqiHeader header = h.withQuality(quality);
        if (quality == VqiCodec.BASE_QUALITY) {
            return new VqiContainer(header, kept);
        }
        ModelBundle model = VqiCodec.findModel(h, models);
        RefineBundle layer = VqiCodec.findLayer(model, refinements.get(0).layerSha256(),
                refinements.get(0).level(), refinements.get(0).channels(), models);
        RefineCoder coder = new RefineCoder(layer, model);
        LatentCoder prior = new LatentCoder(new PixelCnnPrior(model.prior(), model.tensorMap()));
        int from = current - 1;
        int to = quality - 1;
        for (int t = 0; t < h.tileCount(); t++) {
            int x0 = t % h.tileColumns() * h.tileWidth();
            int y0 = t / h.tileColumns() * h.tileHeight();
            int[] shape = VqVaeModel.gridShape(Math.min(h.tileWidth(), h.width() - x0),
                    Math.min(h.tileHeight(), h.height() - y0));
            byte[] code = container.code(0, t).data();
            IndexGrid grid = prior.decode(code, shape[0], shape[1]);
            RefinementChunk r = refinements.get(t);
            byte[] data = r.data();
            int[] q = coder.decode(data, 0, data.length, grid, from);
            int[] lowered = coder.requantise(q, grid, from, to);
            kept.add(new RefinementChunk(to, r.channels(), t, r.layerSha256(), coder.encode(grid, lowered, to))
                    .toChunk());
        }
        return new VqiContainer(header, kept);
    }
}

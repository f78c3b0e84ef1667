package io.vqi.format;

import io.vqi.core.EncodedImage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The one mapping between what the codec makes ({@link EncodedImage}) and a file's header and chunks (SPEC.md §4-5):
 * {@code iccp} and {@code alph} first, so a reader knows them before the pixels, then the tiles' CODE chunks, then
 * one {@code rfin} chunk per tile above quality 1, then the {@code corr} chunk, then the {@code edge} chunk.
 */
public final class ImageChunks {

    private ImageChunks() {
    }

    /**
     * The file of {@code image} with its lossless planes ({@code alpha}, {@code icc}: null when absent), in the format
     * this library writes.
     */
    public static VqiContainer toContainer(EncodedImage image, byte[] alpha, byte[] icc) {
        VqiHeader header = VqiHeader.builder()
                .size(image.width(), image.height())
                .colorModel(image.gray() ? ColorModel.GRAY : ColorModel.RGB)
                .bitDepth(8)
                .quality(image.quality())
                .model(new ModelRef(image.modelId(), image.modelSha256()))
                .latentGrid(image.latentRows(), image.latentCols())
                .stages(1)
                .tileSize(image.tileWidth(), image.tileHeight())
                .build();
        List<Chunk> chunks = new ArrayList<>();
        if (icc != null) {
            chunks.add(IccChunk.encode(icc, image.gray()));
        }
        if (alpha != null) {
            chunks.add(AlphaChunk.encode(alpha, image.width(), image.height()));
        }
        for (int t = 0; t < image.tileCount(); t++) {
            chunks.add(new CodeChunk(0, t, image.codes().get(t)).toChunk());
        }
        EncodedImage.Refinement r = image.refinement();
        if (r != null) {
            for (int t = 0; t < r.tiles().size(); t++) {
                chunks.add(new RefinementChunk(r.level(), r.channels(), t,
                        Arrays.copyOf(r.layerSha256(), header.hashLength()), r.tiles().get(t)).toChunk());
            }
        }
        EncodedImage.Correction c = image.correction();
        if (c != null) {
            chunks.add(new CorrectionChunk(image.quality(), c.log2Block(), c.step(), c.data()).toChunk());
        }
        EncodedImage.Edges e = image.edges();
        if (e != null) {
            chunks.add(new EdgeChunk(image.quality(), e.depth(), e.log2Spacing(), e.step(), e.data()).toChunk());
        }
        return new VqiContainer(header, chunks);
    }

    /**
     * The coded image a file holds, its chunks checked against each other and the header ({@link
     * RefinementChunk#read}, {@link CorrectionChunk#read}, {@link EdgeChunk#read}); alpha, profile and metadata are
     * read on their own.
     */
    public static EncodedImage fromContainer(VqiContainer container) throws MalformedContainerException {
        VqiHeader h = container.header();
        List<byte[]> codes = new ArrayList<>(h.tileCount());
        for (int t = 0; t < h.tileCount(); t++) {
            codes.add(container.code(0, t).data());
        }
        List<RefinementChunk> rfin = RefinementChunk.read(container);
        EncodedImage.Refinement refinement = null;
        if (!rfin.isEmpty()) {
            RefinementChunk first = rfin.get(0);
            refinement = new EncodedImage.Refinement(first.level(), first.channels(), first.layerSha256(),
                    rfin.stream().map(RefinementChunk::data).toList());
        }
        Optional<CorrectionChunk> corr = CorrectionChunk.read(container);
        EncodedImage.Correction correction = corr.map(c -> new EncodedImage.Correction(c.log2Block(), c.step(),
                c.data())).orElse(null);
        EncodedImage.Edges edges = EdgeChunk.read(container).map(e -> new EncodedImage.Edges(e.depth(),
                e.log2Spacing(), e.step(), e.data())).orElse(null);
        try {
            return new EncodedImage(h.width(), h.height(), h.colorModel() == ColorModel.GRAY, h.quality(),
                    h.model().id(), h.model().weightsSha256(), h.latentRows(), h.latentCols(), h.tileWidth(),
                    h.tileHeight(), codes, refinement, correction, edges);
        } catch (IllegalArgumentException e) {
            throw new MalformedContainerException(0, e.getMessage());
        }
    }
}

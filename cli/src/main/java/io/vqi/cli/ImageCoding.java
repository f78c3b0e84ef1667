package io.vqi.cli;

import io.vqi.codec.model.ModelBundle;
import io.vqi.format.AlphaChunk;
import io.vqi.format.Chunk;
import io.vqi.format.ColorModel;
import io.vqi.format.IccChunk;
import io.vqi.format.VqiCodec;
import io.vqi.format.VqiContainer;
import io.vqi.format.VqiContainerReader;
import io.vqi.format.VqiContainerWriter;
import io.vqi.format.VqiHeader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link ImagePlanes} to {@code .vqi} bytes and back: {@link VqiCodec} codes the colour, and the CLI adds what the
 * codec does not see, the {@code iccp} and {@code alph} chunks (before the CODE chunk, so a reader knows them before
 * the pixels) and the gray colour model.
 *
 * <p>Gray is coded as an RGB image with three equal planes and the header then says GRAY: handing VqiCodec a
 * {@code TYPE_BYTE_GRAY} image would let {@code getRGB} treat the samples as linear light and brighten them, while
 * its decoder writes the planes' mean back as samples.
 */
final class ImageCoding {
    private ImageCoding() {
    }

    /**
     * A decoded file.
     *
     * @param planes the pixels, alpha included
     * @param icc    the file's ICC profile, or null
     * @param header the file's header
     */
    record Decoded(ImagePlanes planes, byte[] icc, VqiHeader header) {
    }

    /** The {@code .vqi} file for {@code planes}, whose colour samples are in {@code icc} (null: sRGB or gray). */
    static byte[] encode(ImagePlanes planes, byte[] icc, ModelBundle model) throws IOException {
        VqiContainer coded = VqiCodec.toContainer(planes.rgbImage(), model);
        VqiHeader h = coded.header();
        VqiHeader header = planes.gray()
                ? new VqiHeader(h.width(), h.height(), ColorModel.GRAY, h.bitDepth(), h.quality(), h.model(),
                h.latentRows(), h.latentCols(), h.stages(), h.tileWidth(), h.tileHeight())
                : h;
        List<Chunk> chunks = new ArrayList<>();
        if (icc != null) {
            chunks.add(IccChunk.encode(icc));
        }
        if (planes.alpha() != null) {
            chunks.add(AlphaChunk.encode(planes.alpha(), planes.width(), planes.height()));
        }
        chunks.addAll(coded.chunks());
        return VqiContainerWriter.toBytes(new VqiContainer(header, chunks));
    }

    /** Decodes a whole {@code .vqi} file with the default model or one of {@code models}. */
    static Decoded decode(byte[] file, List<ModelBundle> models) throws IOException {
        VqiContainer container = VqiContainerReader.read(file);
        // The ancillary chunks first: they are cheap to check, the networks are not.
        byte[] alpha = AlphaChunk.read(container).orElse(null);
        byte[] icc = IccChunk.read(container).orElse(null);
        ImagePlanes planes = ImagePlanes.fromDecoded(VqiCodec.decompress(container, models), alpha);
        return new Decoded(planes, icc, container.header());
    }
}

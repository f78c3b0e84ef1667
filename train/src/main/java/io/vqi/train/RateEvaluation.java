package io.vqi.train;

import io.vqi.codec.ImageCodec;
import io.vqi.image.ImageTensor;
import io.vqi.model.IndexGrid;
import io.vqi.model.ModelBundle;
import io.vqi.prior.LatentCoder;
import io.vqi.prior.PixelCnnPrior;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * How well the prior codes the index grids of a folder of images, against the raw rate and against general-purpose
 * compressors of the same index stream (xz and bzip2 at their strongest settings, through Commons Compress).
 * Also checks the range coder: coded bits against the prior's cross-entropy on the same grids.
 */
public final class RateEvaluation {

    /** Totals over all images, in bits. */
    public record Report(String modelId, int images, long indices, double crossEntropyBits, long codedBits,
                         double rawBits, long xzBits, long bzip2Bits, long pixels) {
        public double bitsPerIndex(double bits) {
            return bits / indices;
        }

        public double bpp(double bits) {
            return bits / pixels;
        }

        /** Coded size over the cross-entropy, minus one. */
        public double coderOverhead() {
            return codedBits / crossEntropyBits - 1;
        }
    }

    private RateEvaluation() {
    }

    public static Report evaluate(ModelBundle bundle, Path images, PrintStream progress) throws IOException {
        ImageCodec codec = ImageCodec.create(bundle);
        LatentCoder coder = new LatentCoder(new PixelCnnPrior(bundle.prior(), bundle.tensorMap()));
        List<Path> files = ImageCorpus.listImages(images);
        int k = bundle.config().codebookSize();
        double rawPerIndex = Math.log(k) / Math.log(2);
        long indices = 0;
        long coded = 0;
        long xz = 0;
        long bz = 0;
        long pixels = 0;
        double ce = 0;
        for (Path f : files) {
            BufferedImage img = ImageIO.read(f.toFile());
            if (img == null) {
                throw new IOException("cannot decode " + f);
            }
            IndexGrid grid = codec.indices(ImageTensor.fromImage(img));
            double[] bits = {0};
            byte[] payload = coder.encode(grid, (pos, cdf, sym) ->
                    bits[0] -= Math.log((double) cdf.frequency(sym) / cdf.total()) / Math.log(2));
            byte[] stream = indexStream(grid);
            long xzBytes = compressedSize(stream, true);
            long bzBytes = compressedSize(stream, false);
            indices += grid.size();
            coded += 8L * payload.length;
            xz += 8 * xzBytes;
            bz += 8 * bzBytes;
            ce += bits[0];
            pixels += (long) img.getWidth() * img.getHeight();
            if (progress != null) {
                progress.printf(Locale.ROOT, "%-16s %5d indices  prior %.3f bits/index (coded %.3f)  xz %.3f  "
                                + "bzip2 %.3f  raw %.3f%n", f.getFileName(), grid.size(), bits[0] / grid.size(),
                        8.0 * payload.length / grid.size(), 8.0 * xzBytes / grid.size(),
                        8.0 * bzBytes / grid.size(), rawPerIndex);
            }
        }
        return new Report(bundle.modelId(), files.size(), indices, ce, coded, rawPerIndex * indices, xz, bz, pixels);
    }

    /** Indices as big-endian 16-bit values in raster order: what a general-purpose compressor would be given. */
    static byte[] indexStream(IndexGrid grid) {
        byte[] out = new byte[grid.size() * 2];
        for (int i = 0; i < grid.size(); i++) {
            out[2 * i] = (byte) (grid.indices()[i] >>> 8);
            out[2 * i + 1] = (byte) grid.indices()[i];
        }
        return out;
    }

    static long compressedSize(byte[] data, boolean xz) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = xz ? new XZCompressorOutputStream(bytes, 9) : new BZip2CompressorOutputStream(bytes, 9)) {
            out.write(data);
        }
        return bytes.size();
    }
}

package io.vqi.prior;

import io.vqi.core.CorruptStreamException;
import io.vqi.entropy.CdfQuantizer;
import io.vqi.entropy.QuantizedCdf;
import io.vqi.entropy.RangeDecoder;
import io.vqi.entropy.RangeEncoder;
import io.vqi.model.IndexGrid;

import java.util.Arrays;

/**
 * Codes an index grid under the PixelCNN prior: the only place where the prior, the CDF quantiser and the range
 * coder meet, and the same code path in both directions, so the CDF at every position is the same object built
 * from the same floats.
 */
public final class LatentCoder {

    /**
     * CDF precision in bits. Part of the bitstream: changing it changes every file, so it is tied to the container
     * version. 2^-24 per symbol floor keeps all 1024 codes codable at a cost of under 0.01 % of the rate.
     */
    public static final int PRECISION = 24;

    /** Cells the decoder's index array starts with (256 KiB); it doubles as decoded rows need it. */
    private static final int INITIAL_CELLS = 1 << 16;

    private final PixelCnnPrior prior;
    private final ScanOrder order;

    public LatentCoder(PixelCnnPrior prior) {
        this.prior = prior;
        this.order = ScanOrder.RASTER;
    }

    /** Observes each position's CDF and symbol as they are coded (for cross-entropy accounting and tests). */
    @FunctionalInterface
    public interface Observer {
        void coded(int position, QuantizedCdf cdf, int symbol);
    }

    public byte[] encode(IndexGrid grid) {
        return encode(grid, null);
    }

    public byte[] encode(IndexGrid grid, Observer observer) {
        checkAlphabet(grid.alphabet());
        int rows = grid.rows();
        int cols = grid.cols();
        int threads = Runtime.getRuntime().availableProcessors();
        // The encoder knows every symbol, so the network runs layer by layer over the whole grid in parallel; the
        // CDFs are then built a band of rows at a time (in parallel) and coded in scan order.
        PixelCnnPrior.Streams streams = prior.streams(rows, cols, grid.indices(), threads);
        int k = prior.config().alphabet();
        int bandRows = Math.max(1, Math.min(rows, 1 + (1 << 16) / cols));
        QuantizedCdf[] band = new QuantizedCdf[bandRows * cols];
        RangeEncoder encoder = new RangeEncoder(grid.size() + 64);
        for (int bandStart = 0; bandStart < rows; bandStart += bandRows) {
            int bandEnd = Math.min(rows, bandStart + bandRows);
            int first = bandStart;
            PixelCnnPrior.forRows(bandEnd - bandStart, threads, (from, to) -> {
                CdfQuantizer quantizer = new CdfQuantizer(PRECISION);
                float[] logits = new float[k];
                for (int r = from; r < to; r++) {
                    for (int col = 0; col < cols; col++) {
                        streams.logits((first + r) * cols + col, logits);
                        band[r * cols + col] = quantizer.fromLogits(logits);
                    }
                }
            });
            for (int pos = bandStart * cols; pos < bandEnd * cols; pos++) {
                QuantizedCdf cdf = band[pos - bandStart * cols];
                int symbol = grid.indices()[pos];
                encoder.encode(cdf, symbol);
                if (observer != null) {
                    observer.coded(pos, cdf, symbol);
                }
            }
        }
        return encoder.finish();
    }

    public IndexGrid decode(byte[] payload, int rows, int cols) throws CorruptStreamException {
        return decode(payload, 0, payload.length, rows, cols, null);
    }

    /**
     * Decodes a {@code rows x cols} grid. Memory grows with the symbols actually decoded, not with the grid declared:
     * the prior's session keeps a few rows, and the index array doubles as rows arrive, so a payload of a few bytes
     * that claims millions of cells fails on its codes (the range decoder refuses to read far past the end) having
     * claimed almost nothing.
     */
    public IndexGrid decode(byte[] payload, int offset, int length, int rows, int cols, Observer observer)
            throws CorruptStreamException {
        int n = Math.multiplyExact(rows, cols);
        PixelCnnPrior.Session session = prior.session(rows, cols);
        CdfQuantizer quantizer = new CdfQuantizer(PRECISION);
        float[] logits = new float[prior.config().alphabet()];
        RangeDecoder decoder = new RangeDecoder(payload, offset, length);
        int[] indices = new int[Math.min(n, Math.max(cols, INITIAL_CELLS))];
        for (int step = 0; step < n; step++) {
            int pos = order.position(step, rows, cols);
            int row = pos / cols;
            int col = pos % cols;
            session.logits(row, col, logits);
            QuantizedCdf cdf = quantizer.fromLogits(logits);
            int symbol = decoder.decode(cdf);
            if (observer != null) {
                observer.coded(pos, cdf, symbol);
            }
            if (pos >= indices.length) {
                indices = Arrays.copyOf(indices, (int) Math.min(n, Math.max(2L * indices.length, pos + 1L)));
            }
            indices[pos] = symbol;
            session.set(row, col, symbol);
        }
        decoder.finish();
        return new IndexGrid(rows, cols, prior.config().alphabet(), indices);
    }

    private void checkAlphabet(int alphabet) {
        if (alphabet != prior.config().alphabet()) {
            throw new IllegalArgumentException("grid alphabet " + alphabet + " is not the prior's "
                    + prior.config().alphabet());
        }
    }
}

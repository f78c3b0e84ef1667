package io.vqi.correction;

import java.util.ArrayList;
import java.util.List;

/**
 * Fits, chooses and applies a {@link ColourPlane}: the encoder's least-squares fit of the bilinear surface that best
 * explains what the decoded image lacks, the rate-distortion choice of its cell size and step, and the decoder's
 * exact integer interpolation.
 *
 * <p>Applying is integer arithmetic defined to the last bit (SPEC.md, the {@code corr} chunk): with node spacing B,
 * pixel p of an axis lies between nodes {@code i0 = min(p / B, nodes - 2)} and {@code i0 + 1}, with weights
 * {@code B - f} and {@code f}, {@code f = p - B * i0}. A pixel's correction is {@code step * sum(wy * wx * value)},
 * divided by {@code B^2} and rounded half up, added to the 8-bit sample and clamped to 0..255.
 */
public final class ColourCorrection {

    /** Cell sides and steps the encoder tries. */
    private static final int[] LOG2_BLOCKS = {3, 4, 5, 6};
    private static final int[] STEPS = {1, 2, 3, 4, 6, 8, 12, 16};

    /** Pixels the choice measures each candidate on, at most (rows are sampled evenly above it). */
    private static final long CHOICE_PIXELS = 1 << 18;

    private ColourCorrection() {
    }

    /**
     * The chosen plane (null when none pays for its bits) with its coded bytes, and the squared error before and
     * after it (measured on sampled rows when the image is large, scaled to the whole image).
     */
    public record Choice(ColourPlane plane, byte[] coded, long sseBefore, long sseAfter) {
        public boolean isPresent() {
            return plane != null;
        }

        public int codedBytes() {
            return coded == null ? 0 : coded.length;
        }
    }

    /**
     * The plane that most lowers {@code lambda * SSE + bits} for {@code decoded} against {@code original}
     * ({@code 0xRRGGBB} planes), or none when none pays for itself.
     *
     * @param lambda the trade-off of the file's quality level, in bits per unit of squared 8-bit error
     */
    public static Choice choose(int[] original, int[] decoded, int width, int height, double lambda) {
        return options(original, decoded, width, height).choose(lambda);
    }

    /**
     * Every plane {@link #choose} weighs for {@code decoded} (each spacing and step, in that order), with its bytes
     * and squared error: the fits do not depend on the trade-off, so a caller weighing several trade-offs for one
     * picture fits once.
     */
    public static Options options(int[] original, int[] decoded, int width, int height) {
        int rowStep = (int) Math.max(1, (long) width * height / CHOICE_PIXELS);
        long sse0 = sse(original, decoded, null, width, height, rowStep);
        List<Choice> planes = new ArrayList<>();
        for (int log2Block : LOG2_BLOCKS) {
            if (log2Block > 3 && (width - 1) >> log2Block == 0 && (height - 1) >> log2Block == 0) {
                continue; // one cell already spans the image: coarser spacings give the same plane
            }
            double[] fit = fit(original, decoded, width, height, log2Block);
            for (int step : STEPS) {
                ColourPlane plane = quantise(fit, width, height, log2Block, step);
                if (plane.isZero()) {
                    continue;
                }
                byte[] coded = ColourPlaneCoder.encode(plane);
                long sse = sse(original, decoded, plane, width, height, rowStep);
                planes.add(new Choice(plane, coded, sse0 * rowStep, sse * rowStep));
            }
        }
        return new Options(planes, sse0 * rowStep, rowStep);
    }

    /** The planes weighed for one picture, and its squared error without one ({@link #options}). */
    public record Options(List<Choice> planes, long sseWithout, int rowStep) {
        /** The plane that most lowers {@code lambda * SSE + bits}, the first of equals, or none if none pays. */
        public Choice choose(double lambda) {
            Choice best = null;
            double bestGain = 0;
            for (Choice c : planes) {
                // As the errors were summed: over every rowStep-th row, then scaled (the same double arithmetic).
                double gain = lambda * ((c.sseBefore() - c.sseAfter()) / rowStep) * rowStep - 8.0 * c.coded().length;
                if (gain > bestGain) {
                    bestGain = gain;
                    best = c;
                }
            }
            return best != null ? best : new Choice(null, null, sseWithout, sseWithout);
        }
    }

    /**
     * The real-valued least-squares plane, {@code [channel][row][col]} in 8-bit levels: the bilinear operator is
     * separable, {@code U = Uy (x) Ux}, so the normal equations are {@code (Uy'Uy) M (Ux'Ux) = Uy' R Ux}, two sets of
     * tridiagonal systems; a small ridge keeps cells that few pixels reach near zero.
     */
    static double[] fit(int[] original, int[] decoded, int width, int height, int log2Block) {
        int rows = ColourPlane.cells(height, log2Block);
        int cols = ColourPlane.cells(width, log2Block);
        NodeAxis ay = new NodeAxis(height, log2Block);
        NodeAxis ax = new NodeAxis(width, log2Block);
        double[] rhs = new double[3 * rows * cols];
        double[] line = new double[3 * cols];
        for (int y = 0; y < height; y++) {
            java.util.Arrays.fill(line, 0);
            for (int x = 0; x < width; x++) {
                int o = original[y * width + x];
                int d = decoded[y * width + x];
                double w0 = ax.weight0(x);
                double w1 = ax.weight1(x);
                for (int ch = 0; ch < 3; ch++) {
                    int shift = 16 - 8 * ch;
                    double r = ((o >> shift) & 0xff) - ((d >> shift) & 0xff);
                    line[ch * cols + ax.i0[x]] += w0 * r;
                    line[ch * cols + ax.i1[x]] += w1 * r;
                }
            }
            double w0 = ay.weight0(y);
            double w1 = ay.weight1(y);
            for (int ch = 0; ch < 3; ch++) {
                for (int c = 0; c < cols; c++) {
                    rhs[(ch * rows + ay.i0[y]) * cols + c] += w0 * line[ch * cols + c];
                    rhs[(ch * rows + ay.i1[y]) * cols + c] += w1 * line[ch * cols + c];
                }
            }
        }
        double[] column = new double[rows];
        double[] row = new double[cols];
        for (int ch = 0; ch < 3; ch++) {
            for (int c = 0; c < cols; c++) {
                for (int r = 0; r < rows; r++) {
                    column[r] = rhs[(ch * rows + r) * cols + c];
                }
                ay.solve(column);
                for (int r = 0; r < rows; r++) {
                    rhs[(ch * rows + r) * cols + c] = column[r];
                }
            }
            for (int r = 0; r < rows; r++) {
                System.arraycopy(rhs, (ch * rows + r) * cols, row, 0, cols);
                ax.solve(row);
                System.arraycopy(row, 0, rhs, (ch * rows + r) * cols, cols);
            }
        }
        return rhs;
    }

    static ColourPlane quantise(double[] fit, int width, int height, int log2Block, int step) {
        int[] v = new int[fit.length];
        for (int i = 0; i < v.length; i++) {
            long q = Math.round(fit[i] / step);
            v[i] = (int) Math.max(-ColourPlane.MAX_VALUE, Math.min(ColourPlane.MAX_VALUE, q));
        }
        return new ColourPlane(log2Block, step, ColourPlane.cells(height, log2Block),
                ColourPlane.cells(width, log2Block), v);
    }

    /** Adds the plane to {@code rgb} ({@code 0xRRGGBB}, row by row) in place, exactly as SPEC.md defines. */
    public static void apply(ColourPlane plane, int[] rgb, int width, int height) {
        apply(plane, rgb, width, height, 0, 0, width, height);
    }

    /**
     * As {@link #apply(ColourPlane, int[], int, int)} on the {@code regionWidth x regionHeight} pixels at
     * {@code (x0, y0)} of a {@code width x height} image, held alone in {@code rgb}: the plane's nodes stay those of
     * the whole image, so each pixel gets exactly the correction a whole apply gives it.
     */
    public static void apply(ColourPlane plane, int[] rgb, int width, int height, int x0, int y0, int regionWidth,
                             int regionHeight) {
        requireFits(plane, width, height);
        if (x0 < 0 || y0 < 0 || regionWidth < 0 || regionHeight < 0 || (long) x0 + regionWidth > width
                || (long) y0 + regionHeight > height || rgb.length != (long) regionWidth * regionHeight) {
            throw new IllegalArgumentException("region " + regionWidth + "x" + regionHeight + " at (" + x0 + ", "
                    + y0 + ") of " + rgb.length + " pixels does not fit a " + width + "x" + height + " image");
        }
        NodeAxis ay = new NodeAxis(height, plane.log2Block());
        NodeAxis ax = new NodeAxis(width, plane.log2Block());
        long denominator = 1L << (2 * plane.log2Block());
        int[] corr = new int[3];
        for (int y = 0; y < regionHeight; y++) {
            for (int x = 0; x < regionWidth; x++) {
                correction(plane, ay, ax, y0 + y, x0 + x, denominator, corr);
                int i = y * regionWidth + x;
                int p = rgb[i];
                int r = clamp(((p >> 16) & 0xff) + corr[0]);
                int g = clamp(((p >> 8) & 0xff) + corr[1]);
                int b = clamp((p & 0xff) + corr[2]);
                rgb[i] = (r << 16) | (g << 8) | b;
            }
        }
    }

    /**
     * Squared error of {@code decoded} (corrected by {@code plane}, if not null) against {@code original}, over every
     * {@code rowStep}-th row.
     */
    static long sse(int[] original, int[] decoded, ColourPlane plane, int width, int height, int rowStep) {
        NodeAxis ay = plane == null ? null : new NodeAxis(height, plane.log2Block());
        NodeAxis ax = plane == null ? null : new NodeAxis(width, plane.log2Block());
        long denominator = plane == null ? 1 : 1L << (2 * plane.log2Block());
        int[] corr = new int[3];
        long sum = 0;
        for (int y = 0; y < height; y += rowStep) {
            for (int x = 0; x < width; x++) {
                if (plane != null) {
                    correction(plane, ay, ax, y, x, denominator, corr);
                }
                int o = original[y * width + x];
                int d = decoded[y * width + x];
                for (int ch = 0; ch < 3; ch++) {
                    int shift = 16 - 8 * ch;
                    int e = ((o >> shift) & 0xff) - clamp(((d >> shift) & 0xff) + corr[ch]);
                    sum += (long) e * e;
                }
            }
        }
        return sum;
    }

    private static void correction(ColourPlane plane, NodeAxis ay, NodeAxis ax, int y, int x, long denominator,
                                   int[] out) {
        int rows = plane.rows();
        int cols = plane.cols();
        int[] v = plane.values();
        long wy0 = ay.w0[y];
        long wy1 = ay.w1[y];
        long wx0 = ax.w0[x];
        long wx1 = ax.w1[x];
        for (int ch = 0; ch < 3; ch++) {
            int top = (ch * rows + ay.i0[y]) * cols;
            int bottom = (ch * rows + ay.i1[y]) * cols;
            long num = wy0 * (wx0 * v[top + ax.i0[x]] + wx1 * v[top + ax.i1[x]])
                    + wy1 * (wx0 * v[bottom + ax.i0[x]] + wx1 * v[bottom + ax.i1[x]]);
            out[ch] = (int) Math.floorDiv(2 * plane.step() * num + denominator, 2 * denominator);
        }
    }

    private static void requireFits(ColourPlane plane, int width, int height) {
        if (plane.rows() != ColourPlane.cells(height, plane.log2Block())
                || plane.cols() != ColourPlane.cells(width, plane.log2Block())) {
            throw new IllegalArgumentException("a " + plane.rows() + "x" + plane.cols() + " plane of 2^"
                    + plane.log2Block() + " cells does not fit " + width + "x" + height);
        }
    }

    static int clamp(int v) {
        return v < 0 ? 0 : Math.min(255, v);
    }

    /**
     * How closely a picture follows its own outline at the plane's finest spacing: the PSNR (dB, over the three
     * channels) of {@code rgb} against the bilinear interpolation of its 8x8 block means (between block centres,
     * held flat beyond the outer ones). High for smooth content, which a plane over an even base can carry alone;
     * low for photographs. Cheap: two passes over the pixels.
     */
    public static double smoothnessDb(int[] rgb, int width, int height) {
        int cols = (width + 7) >> 3;
        int rows = (height + 7) >> 3;
        double[] means = new double[3 * rows * cols];
        int[] counts = new int[rows * cols];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int cell = (y >> 3) * cols + (x >> 3);
                int p = rgb[y * width + x];
                counts[cell]++;
                for (int ch = 0; ch < 3; ch++) {
                    means[ch * rows * cols + cell] += (p >> (16 - 8 * ch)) & 0xff;
                }
            }
        }
        for (int ch = 0; ch < 3; ch++) {
            for (int cell = 0; cell < rows * cols; cell++) {
                means[ch * rows * cols + cell] /= counts[cell];
            }
        }
        double sse = 0;
        for (int y = 0; y < height; y++) {
            double fy = Math.min(Math.max((y - 3.5) / 8, 0), rows - 1);
            int r0 = Math.min((int) fy, rows - 1);
            int r1 = Math.min(r0 + 1, rows - 1);
            double wy = fy - r0;
            for (int x = 0; x < width; x++) {
                double fx = Math.min(Math.max((x - 3.5) / 8, 0), cols - 1);
                int c0 = Math.min((int) fx, cols - 1);
                int c1 = Math.min(c0 + 1, cols - 1);
                double wx = fx - c0;
                int p = rgb[y * width + x];
                for (int ch = 0; ch < 3; ch++) {
                    int o = ch * rows * cols;
                    double top = means[o + r0 * cols + c0] * (1 - wx) + means[o + r0 * cols + c1] * wx;
                    double bottom = means[o + r1 * cols + c0] * (1 - wx) + means[o + r1 * cols + c1] * wx;
                    double e = ((p >> (16 - 8 * ch)) & 0xff) - (top * (1 - wy) + bottom * wy);
                    sse += e * e;
                }
            }
        }
        double mse = sse / (3.0 * width * height);
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255 / mse);
    }
}

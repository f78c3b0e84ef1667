package io.vqi.correction;

/**
 * Fits, chooses and applies an {@link EdgeStrip}: the encoder's least-squares fit of the curves along the edges
 * that best explain what the (plane-corrected) decoded image lacks at its border, the rate-distortion choice of
 * depth, node spacing and step, and the decoder's exact integer arithmetic.
 *
 * <p>Applying (SPEC.md, the {@code edge} chunk): a pixel at depth {@code d < depth} from one or more edges takes,
 * per channel, {@code num = sum over those edges of (w0 * v[i0] + w1 * v[i1])}, with the edge's node axis
 * ({@link NodeAxis}) at the pixel's position along it, and its correction is
 * {@code floor((2 * step * num + B) / (2 * B))}, added to the 8-bit sample and clamped to 0..255. A corner pixel
 * sums both edges before the one rounding, so the order of the edges does not matter.
 */
public final class EdgeCorrection {

    private static final int[] STEPS = {1, 2, 3, 4, 6, 8};
    /** Bytes a strip costs beyond its coded values: the chunk's framing (12) and its payload prefix (4). */
    public static final int OVERHEAD_BYTES = 16;
    /** Rounds of fitting each edge to what the others leave: the corners couple them, and little else does. */
    private static final int SWEEPS = 3;

    private EdgeCorrection() {
    }

    /**
     * The chosen strip (null when none pays for its bits) with its coded bytes, the squared error of the outer
     * {@value EdgeStrip#MAX_DEPTH} pixels (all a strip can reach) before and after it, and the price in bits per
     * unit of squared error at which its border error was valued.
     */
    public record Choice(EdgeStrip strip, byte[] coded, long sseBefore, long sseAfter, double price) {
        public boolean isPresent() {
            return strip != null;
        }

        /**
         * Bits the border's remaining error costs beyond what {@code lambda} charges for it: nothing unless the
         * border was priced higher (it framed a clean picture). Comparing whole candidates at {@code lambda}, add it
         * to their cost, so a candidate whose border needs no strip is not outbid by one whose strip repairs a worse
         * border.
         */
        public double borderPenalty(double lambda) {
            return Math.max(0, price - lambda) * sseAfter;
        }
    }

    /**
     * The strip that most lowers {@code lambda * SSE + bits} (its chunk's framing counted) for {@code decoded}
     * against {@code original} ({@code 0xRRGGBB}), or none when none pays for itself. When the outer
     * {@value EdgeStrip#MAX_DEPTH} pixels frame a clean picture (their mean squared error more than {@link #VISIBLE}
     * times the inside's, 1 dB, and the inside at {@link #CLEAN_MSE} or better), their error is priced at no less
     * than {@link #BORDER_LAMBDA}, an upper level's trade-off: a frame around a smooth picture is a defect the
     * lowest levels' trade-off would leave (issue 16). Elsewhere, and at the upper levels, whose own price is the
     * higher one, the choice is the plain trade-off: on a photograph at a low level the border is worse because
     * the whole picture is coarse, and a strip there buys little for many bytes.
     *
     * @param lambda the trade-off of the file's quality level, in bits per unit of squared 8-bit error
     */
    public static Choice choose(int[] original, int[] decoded, int width, int height, double lambda) {
        long sse0 = sse(original, decoded, null, width, height);
        double price = framesACleanPicture(original, decoded, width, height, sse0)
                ? Math.max(lambda, BORDER_LAMBDA) : lambda;
        Choice best = null;
        double bestGain = 0;
        int maxDepth = Math.min(EdgeStrip.MAX_DEPTH, Math.max(width, height));
        for (int log2Spacing = EdgeStrip.MIN_LOG2_SPACING; log2Spacing <= EdgeStrip.MAX_LOG2_SPACING; log2Spacing++) {
            if (log2Spacing > EdgeStrip.MIN_LOG2_SPACING && (width - 1) >> log2Spacing == 0
                    && (height - 1) >> log2Spacing == 0) {
                break; // one segment already spans each edge: coarser spacings give the same strip
            }
            for (int depth = 1; depth <= maxDepth; depth++) {
                double[] fit = fit(original, decoded, width, height, depth, log2Spacing);
                for (int step : STEPS) {
                    EdgeStrip strip = quantise(fit, width, height, depth, log2Spacing, step);
                    if (strip.isZero()) {
                        continue;
                    }
                    byte[] coded = EdgeStripCoder.encode(strip);
                    long sse = sse(original, decoded, strip, width, height);
                    double gain = price * (sse0 - sse) - 8.0 * (coded.length + OVERHEAD_BYTES);
                    if (gain > bestGain) {
                        bestGain = gain;
                        best = new Choice(strip, coded, sse0, sse, price);
                    }
                }
            }
        }
        return best != null ? best : new Choice(null, null, sse0, sse0, price);
    }

    /** Border error above this many times the inside's (1 dB) is visible as a frame. */
    static final double VISIBLE = 1.26;
    /**
     * The inside's mean squared error, per 8-bit sample, at or below which a worse border reads as a frame around a
     * clean picture: 34 dB, 1 dB short of issue 16's target for smooth content.
     */
    static final double CLEAN_MSE = 255.0 * 255 / Math.pow(10, 3.4);
    /**
     * The least price of a visibly worse border's error, in bits per unit of squared 8-bit error: that of the
     * default refinement layer's quality 7 (its lambda 0.013, over the three channels).
     */
    public static final double BORDER_LAMBDA = 0.013 / 3;

    /**
     * Whether the outer band's mean squared error ({@code borderSse} over it) is visibly above the inside's, and the
     * inside clean.
     */
    static boolean framesACleanPicture(int[] original, int[] decoded, int width, int height, long borderSse) {
        int band = EdgeStrip.MAX_DEPTH;
        if (width <= 2 * band || height <= 2 * band) {
            return false; // all border: nothing inside to compare with
        }
        long inside = 0;
        for (int y = band; y < height - band; y++) {
            for (int x = band; x < width - band; x++) {
                int o = original[y * width + x];
                int d = decoded[y * width + x];
                for (int shift = 0; shift < 24; shift += 8) {
                    int e = ((o >> shift) & 0xff) - ((d >> shift) & 0xff);
                    inside += (long) e * e;
                }
            }
        }
        long insidePixels = (long) (width - 2 * band) * (height - 2 * band);
        long borderPixels = (long) width * height - insidePixels;
        double insideMse = (double) inside / (3 * insidePixels);
        return insideMse <= CLEAN_MSE && (double) borderSse / (3 * borderPixels) > VISIBLE * insideMse;
    }

    /**
     * The real-valued least-squares strip in 8-bit levels, in {@link EdgeStrip}'s layout: each edge, channel and
     * depth is a 1-D fit (tridiagonal normal equations) to the residual less what the other edges' current curves
     * give the same pixels, edge after edge, {@value #SWEEPS} times round (Gauss-Seidel on the corners).
     */
    static double[] fit(int[] original, int[] decoded, int width, int height, int depth, int log2Spacing) {
        Geometry g = new Geometry(width, height, depth, log2Spacing);
        double[] m = new double[EdgeStrip.valueCount(depth, g.across, g.down)];
        double scale = 1.0 / (1 << log2Spacing);
        for (int sweep = 0; sweep < SWEEPS; sweep++) {
            for (int edge = 0; edge < 4; edge++) {
                NodeAxis axis = g.axis(edge);
                int length = g.length(edge);
                double[] rhs = new double[axis.nodes];
                for (int ch = 0; ch < 3; ch++) {
                    int shift = 16 - 8 * ch;
                    for (int d = 0; d < Math.min(depth, g.length(edge ^ 2)); d++) {
                        java.util.Arrays.fill(rhs, 0);
                        for (int p = 0; p < length; p++) {
                            int x = g.x(edge, d, p);
                            int y = g.y(edge, d, p);
                            int i = y * width + x;
                            double r = ((original[i] >> shift) & 0xff) - ((decoded[i] >> shift) & 0xff)
                                    - scale * g.numerator(m, ch, x, y, edge);
                            rhs[axis.i0[p]] += axis.weight0(p) * r;
                            rhs[axis.i1[p]] += axis.weight1(p) * r;
                        }
                        axis.solve(rhs);
                        System.arraycopy(rhs, 0, m, g.offset(edge, ch, d), axis.nodes);
                    }
                }
            }
        }
        return m;
    }

    static EdgeStrip quantise(double[] fit, int width, int height, int depth, int log2Spacing, int step) {
        int[] v = new int[fit.length];
        for (int i = 0; i < v.length; i++) {
            long q = Math.round(fit[i] / step);
            v[i] = (int) Math.max(-ColourPlane.MAX_VALUE, Math.min(ColourPlane.MAX_VALUE, q));
        }
        return new EdgeStrip(depth, log2Spacing, step, ColourPlane.cells(width, log2Spacing),
                ColourPlane.cells(height, log2Spacing), v);
    }

    /** Adds the strip to {@code rgb} ({@code 0xRRGGBB}, row by row) in place, exactly as SPEC.md defines. */
    public static void apply(EdgeStrip strip, int[] rgb, int width, int height) {
        apply(strip, rgb, width, height, 0, 0, width, height);
    }

    /**
     * As {@link #apply(EdgeStrip, int[], int, int)} on the {@code regionWidth x regionHeight} pixels at
     * {@code (x0, y0)} of a {@code width x height} image, held alone in {@code rgb}: the edges stay the whole
     * image's, so each pixel gets exactly the correction a whole apply gives it.
     */
    public static void apply(EdgeStrip strip, int[] rgb, int width, int height, int x0, int y0, int regionWidth,
                             int regionHeight) {
        Geometry g = Geometry.of(strip, width, height);
        if (x0 < 0 || y0 < 0 || regionWidth < 0 || regionHeight < 0 || (long) x0 + regionWidth > width
                || (long) y0 + regionHeight > height || rgb.length != (long) regionWidth * regionHeight) {
            throw new IllegalArgumentException("region " + regionWidth + "x" + regionHeight + " at (" + x0 + ", "
                    + y0 + ") of " + rgb.length + " pixels does not fit a " + width + "x" + height + " image");
        }
        g.band(x0, y0, regionWidth, regionHeight, (x, y) -> {
            int i = (y - y0) * regionWidth + (x - x0);
            rgb[i] = g.corrected(strip, rgb[i], x, y);
        });
    }

    /**
     * Squared error of {@code decoded} (corrected by {@code strip}, if not null) against {@code original}, over the
     * outer {@value EdgeStrip#MAX_DEPTH} pixels of the image.
     */
    static long sse(int[] original, int[] decoded, EdgeStrip strip, int width, int height) {
        Geometry g = strip == null ? new Geometry(width, height, EdgeStrip.MAX_DEPTH, EdgeStrip.MIN_LOG2_SPACING)
                : Geometry.of(strip, width, height);
        long[] sum = new long[1];
        g.band(EdgeStrip.MAX_DEPTH, 0, 0, width, height, (x, y) -> {
            int i = y * width + x;
            int d = decoded[i];
            if (strip != null && g.covers(x, y)) {
                d = g.corrected(strip, d, x, y);
            }
            int o = original[i];
            for (int shift = 0; shift < 24; shift += 8) {
                int e = ((o >> shift) & 0xff) - ((d >> shift) & 0xff);
                sum[0] += (long) e * e;
            }
        });
        return sum[0];
    }

    private interface PixelVisitor {
        void visit(int x, int y);
    }

    /** Where the edges of a {@code width x height} image and a strip of {@code depth} and spacing lie. */
    private static final class Geometry {
        final int width;
        final int height;
        final int depth;
        final int across;
        final int down;
        final NodeAxis alongX;
        final NodeAxis alongY;

        Geometry(int width, int height, int depth, int log2Spacing) {
            this.width = width;
            this.height = height;
            this.depth = depth;
            alongX = new NodeAxis(width, log2Spacing);
            alongY = new NodeAxis(height, log2Spacing);
            across = alongX.nodes;
            down = alongY.nodes;
        }

        static Geometry of(EdgeStrip strip, int width, int height) {
            Geometry g = new Geometry(width, height, strip.depth(), strip.log2Spacing());
            if (strip.across() != g.across || strip.down() != g.down) {
                throw new IllegalArgumentException("a strip of " + strip.across() + " x " + strip.down()
                        + " nodes at spacing 2^" + strip.log2Spacing() + " does not fit " + width + "x" + height);
            }
            return g;
        }

        NodeAxis axis(int edge) {
            return edge < EdgeStrip.LEFT ? alongX : alongY;
        }

        /** Pixels along {@code edge}; {@code length(edge ^ 2)} is the depth the image has across it. */
        int length(int edge) {
            return edge < EdgeStrip.LEFT ? width : height;
        }

        int x(int edge, int d, int p) {
            return edge == EdgeStrip.LEFT ? d : edge == EdgeStrip.RIGHT ? width - 1 - d : p;
        }

        int y(int edge, int d, int p) {
            return edge == EdgeStrip.TOP ? d : edge == EdgeStrip.BOTTOM ? height - 1 - d : p;
        }

        int offset(int edge, int channel, int d) {
            return EdgeStrip.offset(depth, across, down, edge, channel, d);
        }

        boolean covers(int x, int y) {
            return y < depth || height - 1 - y < depth || x < depth || width - 1 - x < depth;
        }

        /** The depth of {@code (x, y)} from {@code edge}. */
        int depthFrom(int edge, int x, int y) {
            return switch (edge) {
                case EdgeStrip.TOP -> y;
                case EdgeStrip.BOTTOM -> height - 1 - y;
                case EdgeStrip.LEFT -> x;
                default -> width - 1 - x;
            };
        }

        /**
         * Sum over the edges whose strip holds {@code (x, y)} (but {@code skip}, -1 for none) of
         * {@code w0 * v[i0] + w1 * v[i1]}: the numerator of the pixel's correction, in units of 1/B.
         */
        double numerator(double[] v, int channel, int x, int y, int skip) {
            double sum = 0;
            for (int edge = 0; edge < 4; edge++) {
                int d = depthFrom(edge, x, y);
                if (edge == skip || d >= depth) {
                    continue;
                }
                NodeAxis a = axis(edge);
                int p = edge < EdgeStrip.LEFT ? x : y;
                int o = offset(edge, channel, d);
                sum += a.w0[p] * v[o + a.i0[p]] + a.w1[p] * v[o + a.i1[p]];
            }
            return sum;
        }

        /** {@code rgb} at {@code (x, y)} with the strip's integer correction added and clamped (SPEC.md). */
        int corrected(EdgeStrip strip, int rgb, int x, int y) {
            int[] v = strip.values();
            long twoB = 2L << strip.log2Spacing();
            int out = 0;
            for (int ch = 0; ch < 3; ch++) {
                long num = 0;
                for (int edge = 0; edge < 4; edge++) {
                    int d = depthFrom(edge, x, y);
                    if (d >= depth) {
                        continue;
                    }
                    NodeAxis a = axis(edge);
                    int p = edge < EdgeStrip.LEFT ? x : y;
                    int o = offset(edge, ch, d);
                    num += (long) a.w0[p] * v[o + a.i0[p]] + (long) a.w1[p] * v[o + a.i1[p]];
                }
                int correction = (int) Math.floorDiv(2L * strip.step() * num + (twoB >> 1), twoB);
                int shift = 16 - 8 * ch;
                int sample = ColourCorrection.clamp(((rgb >> shift) & 0xff) + correction);
                out |= sample << shift;
            }
            return out;
        }

        void band(int x0, int y0, int regionWidth, int regionHeight, PixelVisitor visitor) {
            band(depth, x0, y0, regionWidth, regionHeight, visitor);
        }

        /** Visits each pixel of the region within {@code reach} of an edge, row by row. */
        void band(int reach, int x0, int y0, int regionWidth, int regionHeight, PixelVisitor visitor) {
            for (int y = y0; y < y0 + regionHeight; y++) {
                if (y < reach || height - 1 - y < reach) {
                    for (int x = x0; x < x0 + regionWidth; x++) {
                        visitor.visit(x, y);
                    }
                    continue;
                }
                int leftEnd = Math.min(x0 + regionWidth, reach);
                for (int x = x0; x < leftEnd; x++) {
                    visitor.visit(x, y);
                }
                for (int x = Math.max(Math.max(x0, leftEnd), width - reach); x < x0 + regionWidth; x++) {
                    visitor.visit(x, y);
                }
            }
        }
    }
}

package io.vqi.compare;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.Range;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Rate-distortion plots: the mean curve of each codec (quality against bpp on a log axis, a marker per setting),
 * drawn by JFreeChart to PNG and, through JFreeSVG's {@code Graphics2D}, to SVG from the same chart object.
 * Lossless codecs and points without a value for the metric are not drawn ({@link CodecCurve#usable}).
 */
final class RdPlot {
    static final int WIDTH = 900;
    static final int HEIGHT = 600;

    private RdPlot() {
    }

    static JFreeChart chart(List<CodecCurve> curves, Metric metric, int images) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (CodecCurve curve : curves) {
            List<MeanPoint> points = curve.usable(metric);
            if (points.isEmpty()) {
                continue;
            }
            XYSeries series = new XYSeries(curve.codec(), true, true);
            for (MeanPoint p : points) {
                series.add(p.bpp(), metric.of(p));
            }
            data.addSeries(series);
        }
        RateAxis x = new RateAxis();
        NumberAxis y = new NumberAxis(metric == Metric.PSNR ? "PSNR (dB)" : "MS-SSIM");
        y.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
            renderer.setSeriesPaint(i, colour(data.getSeriesKey(i).toString()));
        }
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setNoDataMessage("no " + metric.label() + " values to plot");
        String title = metric.label() + " against rate, mean over " + images + (images == 1 ? " image" : " images");
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** A fixed colour per codec (Tableau 10), so the same codec looks the same in every plot and every run. */
    private static Color colour(String codec) {
        return switch (codec) {
            case "vqi" -> new Color(0xd62728);
            case "jpeg" -> new Color(0x1f77b4);
            case "jpeg-plain" -> new Color(0x17becf);
            case "jpeg2000" -> new Color(0x2ca02c);
            case "webp" -> new Color(0xff7f0e);
            case "avif" -> new Color(0x9467bd);
            case "jxl" -> new Color(0x8c564b);
            default -> new Color(0x7f7f7f);
        };
    }

    static void writePng(JFreeChart chart, Path file) throws IOException {
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }

    static void writeSvg(JFreeChart chart, Path file) throws IOException {
        SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
        chart.draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
        SVGUtils.writeToSVG(file.toFile(), g.getSVGElement());
    }

    /**
     * A log axis labelled at 1-2-5 steps (0.05, 0.1, 0.2, 0.5, 1, 2 bpp) with unlabelled minor ticks at the other
     * integers of each decade; LogAxis' own choice would be powers of 10^0.1 such as 0.063 and 0.126.
     */
    private static final class RateAxis extends LogAxis {

        RateAxis() {
            super("rate (bpp, log scale)");
            setSmallestValue(1e-3);
            setMinorTickMarksVisible(true);
        }

        @Override
        protected List<ValueTick> refreshTicksHorizontal(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
            DecimalFormat format = new DecimalFormat("0.###", DecimalFormatSymbols.getInstance(Locale.ROOT));
            Range range = getRange();
            List<ValueTick> ticks = new ArrayList<>();
            int labelled = 0;
            int first = (int) Math.floor(Math.log10(range.getLowerBound()));
            int last = (int) Math.ceil(Math.log10(range.getUpperBound()));
            for (int exponent = first; exponent <= last; exponent++) {
                for (int mantissa = 1; mantissa <= 9; mantissa++) {
                    double value = mantissa * Math.pow(10, exponent);
                    if (!range.contains(value)) {
                        continue;
                    }
                    boolean major = mantissa == 1 || mantissa == 2 || mantissa == 5;
                    labelled += major ? 1 : 0;
                    ticks.add(new NumberTick(major ? TickType.MAJOR : TickType.MINOR, value,
                            major ? format.format(value) : "", TextAnchor.TOP_CENTER, TextAnchor.CENTER, 0.0));
                }
            }
            if (labelled < 2) {
                @SuppressWarnings("unchecked")
                List<ValueTick> fallback = super.refreshTicksHorizontal(g2, dataArea, edge);
                return fallback;
            }
            return ticks;
        }
    }
}

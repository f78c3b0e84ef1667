package io.vqi.compare;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The side-by-side picture: the original square and, for each lossy codec, its decoded square at the setting whose
 * rate on that image is closest (in log-rate) to a common target, each labelled with codec, setting and bpp.
 */
final class SideBySide {
    /** The target when vqi was not measured: the middle of the anchors' table. */
    static final double DEFAULT_TARGET = 0.25;
    private static final int COLUMNS = 4;
    private static final int GAP = 8;
    private static final int LABEL = 34;

    private SideBySide() {
    }

    /** vqi's mean rate (the level closest to {@value #DEFAULT_TARGET} bpp when there are several), else the default. */
    static double target(Analysis analysis) {
        return analysis.curve(VqiRunner.NAME)
                .flatMap(c -> c.points().stream().map(MeanPoint::bpp)
                        .min((a, b) -> Double.compare(logDistance(a, DEFAULT_TARGET), logDistance(b, DEFAULT_TARGET))))
                .orElse(DEFAULT_TARGET);
    }

    /** Per codec not in {@code lossless}, the crop closest to {@code target}; in run order. */
    static List<Crops.Crop> pick(Crops crops, double target, Set<String> lossless) {
        Map<String, Crops.Crop> best = new LinkedHashMap<>();
        for (Crops.Crop c : crops.decoded()) {
            if (lossless.contains(c.codec())) {
                continue;
            }
            Crops.Crop current = best.get(c.codec());
            if (current == null || logDistance(c.bpp(), target) < logDistance(current.bpp(), target)) {
                best.put(c.codec(), c);
            }
        }
        return new ArrayList<>(best.values());
    }

    private static double logDistance(double bpp, double target) {
        return Math.abs(Math.log(bpp / target));
    }

    /** The original first, then {@code picked}, in rows of up to {@value #COLUMNS}, labels below each square. */
    static BufferedImage render(Crops crops, List<Crops.Crop> picked) {
        int side = crops.area().width;
        int panels = picked.size() + 1;
        int columns = Math.min(COLUMNS, panels);
        int rows = (panels + columns - 1) / columns;
        int cellW = side + GAP;
        int cellH = side + LABEL + GAP;
        BufferedImage out = new BufferedImage(GAP + columns * cellW, GAP + rows * cellH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.setColor(Color.BLACK);
            for (int i = 0; i < panels; i++) {
                int x = GAP + (i % columns) * cellW;
                int y = GAP + (i / columns) * cellH;
                if (i == 0) {
                    g.drawImage(crops.original(), x, y, null);
                    label(g, x, y + side, side, "original", crops.image());
                } else {
                    Crops.Crop c = picked.get(i - 1);
                    g.drawImage(c.pixels(), x, y, null);
                    label(g, x, y + side, side, c.codec() + " " + c.setting(),
                            String.format(Locale.ROOT, "%.3f bpp", c.bpp()));
                }
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Two lines under a square, clipped to its width so a long file name cannot run into the next one. */
    private static void label(Graphics2D g, int x, int top, int width, String first, String second) {
        int line = g.getFontMetrics().getHeight();
        g.setClip(x, top, width, LABEL);
        g.drawString(first, x, top + line);
        g.drawString(second, x, top + 2 * line);
        g.setClip(null);
    }
}

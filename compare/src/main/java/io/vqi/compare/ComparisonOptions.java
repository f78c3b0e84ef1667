package io.vqi.compare;

import io.vqi.core.InvalidOptionException;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@link Comparison#run} measures. Build with {@link #of} or {@link #forFolder} and adjust with the
 * {@code with...} methods; the constructor validates, so a bad command line fails before any work: codecs and
 * anchor with an {@link InvalidOptionException} (a usage error), the settings only Java callers choose with an
 * {@link IllegalArgumentException}.
 *
 * @param images      the image files, in report order
 * @param codecs      codec names from {@link Codecs#NAMES}, in report order
 * @param vqiLevels   the models swept by {@code vqi} (one per quality level); empty means vqi is skipped
 * @param anchor      the codec the BD-rates are measured against; must be one of {@code codecs}
 * @param targetRates the rates, in bpp, at which the quality table reads each mean curve
 * @param cropSize    side of the square cut from the centre of the first image for the side-by-side picture
 * @param toolTimeout the limit for one run of an external encoder or decoder
 */
public record ComparisonOptions(List<Path> images, List<String> codecs, List<VqiLevel> vqiLevels, String anchor,
                                List<Double> targetRates, int cropSize, Duration toolTimeout) {

    public static final String DEFAULT_ANCHOR = "jpeg";
    public static final List<Double> DEFAULT_RATES = List.of(0.1, 0.25, 0.5, 1.0);
    public static final int DEFAULT_CROP = 192;
    public static final Duration DEFAULT_TOOL_TIMEOUT = Duration.ofMinutes(2);

    public ComparisonOptions {
        images = List.copyOf(images);
        codecs = List.copyOf(codecs);
        vqiLevels = List.copyOf(vqiLevels);
        targetRates = List.copyOf(targetRates);
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no images to compare");
        }
        if (codecs.isEmpty()) {
            throw new InvalidOptionException("no codecs to compare");
        }
        Set<String> seen = new HashSet<>();
        for (String codec : codecs) {
            Codecs.requireKnown(codec);
            if (!seen.add(codec)) {
                throw new InvalidOptionException("--codecs lists " + codec + " twice");
            }
        }
        if (!codecs.contains(anchor)) {
            throw new InvalidOptionException("--anchor " + anchor + " is not among --codecs "
                    + String.join(",", codecs));
        }
        for (double rate : targetRates) {
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("target rates must be finite and > 0 bpp, got " + rate);
            }
        }
        if (cropSize < 16) {
            throw new IllegalArgumentException("crop size must be at least 16 px, got " + cropSize);
        }
        if (toolTimeout.isNegative() || toolTimeout.isZero()) {
            throw new IllegalArgumentException("tool timeout must be positive, got " + toolTimeout);
        }
    }

    /** Every codec, the embedded vqi model, anchor {@code jpeg}, rates 0.1, 0.25, 0.5 and 1 bpp. */
    public static ComparisonOptions of(List<Path> images) {
        return new ComparisonOptions(images, Codecs.NAMES, VqiLevel.defaults(), DEFAULT_ANCHOR, DEFAULT_RATES,
                DEFAULT_CROP, DEFAULT_TOOL_TIMEOUT);
    }

    /** {@link #of} the images in {@code folder} ({@link Images#inFolder}). */
    public static ComparisonOptions forFolder(Path folder) throws IOException {
        return of(Images.inFolder(folder));
    }

    /**
     * The anchor when none is chosen: {@value #DEFAULT_ANCHOR} if it is measured, else the first of {@code codecs}
     * ({@code vqi compare --codecs vqi} has no JPEG curve to measure against).
     */
    public static String defaultAnchor(List<String> codecs) {
        return codecs.isEmpty() || codecs.contains(DEFAULT_ANCHOR) ? DEFAULT_ANCHOR : codecs.get(0);
    }

    /** Other codecs; the anchor must stay among them (change both at once with the two-argument form). */
    public ComparisonOptions withCodecs(List<String> codecs) {
        return new ComparisonOptions(images, codecs, vqiLevels, anchor, targetRates, cropSize, toolTimeout);
    }

    /** Other codecs and another anchor, one of them. */
    public ComparisonOptions withCodecs(List<String> codecs, String anchor) {
        return new ComparisonOptions(images, codecs, vqiLevels, anchor, targetRates, cropSize, toolTimeout);
    }

    public ComparisonOptions withVqiLevels(List<VqiLevel> vqiLevels) {
        return new ComparisonOptions(images, codecs, vqiLevels, anchor, targetRates, cropSize, toolTimeout);
    }

    public ComparisonOptions withAnchor(String anchor) {
        return new ComparisonOptions(images, codecs, vqiLevels, anchor, targetRates, cropSize, toolTimeout);
    }

    public ComparisonOptions withTargetRates(List<Double> targetRates) {
        return new ComparisonOptions(images, codecs, vqiLevels, anchor, targetRates, cropSize, toolTimeout);
    }

    public ComparisonOptions withCropSize(int cropSize) {
        return new ComparisonOptions(images, codecs, vqiLevels, anchor, targetRates, cropSize, toolTimeout);
    }

    public ComparisonOptions withToolTimeout(Duration toolTimeout) {
        return new ComparisonOptions(images, codecs, vqiLevels, anchor, targetRates, cropSize, toolTimeout);
    }
}

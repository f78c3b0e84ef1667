package io.vqi.compare;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything a comparison measured, ready for {@link Report#write}.
 *
 * @param images   file names of the images, in order
 * @param codecs   every requested codec, measured or skipped, in the order asked
 * @param rows     the measurements, by codec, then image, then setting
 * @param analysis mean curves, BD-rates and quality at fixed rates
 * @param crops    the centre square of the first image from every measured codec and setting; empty if none
 * @param machine  where it ran
 * @param started  when it started
 * @param elapsed  how long it took, warm-ups and metrics included
 */
public record ComparisonResult(List<String> images, List<CodecStatus> codecs, List<Measurement> rows,
                               Analysis analysis, Optional<Crops> crops, Machine machine, Instant started,
                               Duration elapsed) {
    public ComparisonResult {
        images = List.copyOf(images);
        codecs = List.copyOf(codecs);
        rows = List.copyOf(rows);
    }

    /** The codecs that were not measured, with their reasons. */
    public List<CodecStatus> skipped() {
        return codecs.stream().filter(c -> !c.measured()).toList();
    }
}

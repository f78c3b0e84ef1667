package io.vqi.compare;

import io.vqi.core.InvalidOptionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ComparisonOptionsTest {
    private static final List<Path> ONE = List.of(Path.of("a.png"));

    @Test
    void defaultsAreEveryCodecAgainstJpeg() {
        ComparisonOptions o = ComparisonOptions.of(ONE);
        assertEquals(Codecs.NAMES, o.codecs());
        assertEquals("jpeg", o.anchor());
        assertEquals(List.of(0.1, 0.25, 0.5, 1.0), o.targetRates());
    }

    @Test
    void badOptionsFailWithTheReason() {
        ComparisonOptions o = ComparisonOptions.of(ONE);
        assertEquals("unknown codec \"heic\"; known: vqi, jpeg, jpeg-plain, jpeg2000, webp, avif, jxl, png",
                assertThrows(InvalidOptionException.class, () -> o.withCodecs(List.of("jpeg", "heic")))
                        .getMessage());
        assertEquals("--anchor jpeg is not among --codecs vqi,png",
                assertThrows(InvalidOptionException.class, () -> o.withCodecs(List.of("vqi", "png")))
                        .getMessage());
        assertEquals("png", o.withCodecs(List.of("vqi", "png"), "png").anchor());
        assertThrows(InvalidOptionException.class, () -> o.withCodecs(List.of("jpeg", "jpeg")));
        assertThrows(IllegalArgumentException.class, () -> o.withTargetRates(List.of(0.0)));
        assertThrows(IllegalArgumentException.class, () -> o.withCropSize(8));
        assertThrows(IllegalArgumentException.class, () -> ComparisonOptions.of(List.of()));
    }

    /** Regression (issue 10): {@code vqi compare --codecs vqi} kept the jpeg anchor, which it did not measure. */
    @Test
    void theDefaultAnchorIsJpegWhenMeasuredElseTheFirstCodec() {
        assertEquals("jpeg", ComparisonOptions.defaultAnchor(Codecs.NAMES));
        assertEquals("jpeg", ComparisonOptions.defaultAnchor(List.of("png", "jpeg")));
        assertEquals("vqi", ComparisonOptions.defaultAnchor(List.of("vqi")));
        assertEquals("png", ComparisonOptions.defaultAnchor(List.of("png", "vqi")));
    }

    @Test
    void aFolderWithoutImagesIsAnError(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("readme.txt"), "x");
        IOException e = assertThrows(IOException.class, () -> ComparisonOptions.forFolder(dir));
        assertEquals(true, e.getMessage().startsWith("no images in " + dir));
    }
}

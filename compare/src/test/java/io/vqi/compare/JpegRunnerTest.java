package io.vqi.compare;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JpegRunnerTest {
    private static final BufferedImage IMAGE = Synthetic.image(64, 48, 7);

    @Test
    void usesTheJdkWriterAndWrites420() throws IOException {
        try (JpegRunner jpeg = JpegRunner.optimised()) {
            assertTrue(jpeg.available(), () -> jpeg.skipReason().orElse(""));
            List<int[]> components = sofComponents(jpeg.encode(IMAGE, Setting.of(75)));
            assertEquals(3, components.size());
            // (id, H, V): luma sampled 2x2, both chroma planes 1x1, i.e. 4:2:0.
            assertEquals(List.of("1:2x2", "2:1x1", "3:1x1"), components.stream()
                    .map(c -> c[0] + ":" + c[1] + "x" + c[2]).toList());
        }
    }

    @Test
    void optimisedTablesAreSmallerAndDecodeTheSame() throws IOException {
        try (JpegRunner optimised = JpegRunner.optimised(); JpegRunner plain = JpegRunner.plain()) {
            byte[] a = optimised.encode(IMAGE, Setting.of(50));
            byte[] b = plain.encode(IMAGE, Setting.of(50));
            assertTrue(a.length < b.length, a.length + " vs " + b.length);
            // Huffman tables are lossless: the same coefficients, so the same pixels.
            assertEquals(Double.POSITIVE_INFINITY,
                    io.vqi.metrics.Psnr.of(optimised.decode(a), plain.decode(b)));
        }
    }

    /** The (id, H, V) of every component in the first SOFn segment. */
    static List<int[]> sofComponents(byte[] jpeg) {
        int p = 2; // after SOI
        while (p + 4 <= jpeg.length) {
            if ((jpeg[p] & 0xFF) != 0xFF) {
                throw new AssertionError("no marker at " + p);
            }
            int marker = jpeg[p + 1] & 0xFF;
            int length = ((jpeg[p + 2] & 0xFF) << 8) | (jpeg[p + 3] & 0xFF);
            boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof) {
                int count = jpeg[p + 9] & 0xFF;
                List<int[]> components = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    int at = p + 10 + 3 * i;
                    int sampling = jpeg[at + 1] & 0xFF;
                    components.add(new int[]{jpeg[at] & 0xFF, sampling >> 4, sampling & 0xF});
                }
                return components;
            }
            if (marker == 0xDA) {
                break;
            }
            p += 2 + length;
        }
        throw new AssertionError("no SOF marker before the scan");
    }
}

package io.vqi.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vqi.image.ImagePlanes;
import io.vqi.testdata.TestData;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pixel plumbing around the codec: what {@link ImageInput} makes of files, and that {@link ImageOutput} then
 * {@link ImageInput} is lossless for PNG and TIFF, gray or colour, with or without alpha and an ICC profile.
 */
class ImageInputOutputTest {
    private static final byte[] LINEAR_RGB = ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();
    /**
     * Java's gray profile with another creation date: TwelveMonkeys' readers return the built-in gray space for the
     * profile itself, which stands for "no profile".
     */
    private static final byte[] GRAY = redated(ICC_Profile.getInstance(ColorSpace.CS_GRAY).getData());

    private static byte[] redated(byte[] profile) {
        byte[] copy = profile.clone();
        copy[25]++; // low byte of the creation year (header bytes 24-35)
        return copy;
    }

    private static ImageInput.Source read(String testImage) throws IOException {
        return ImageInput.read(TestData.bytes("images/" + testImage));
    }

    @Test
    void graySamplesAreKeptAsTheFileHasThem() throws IOException {
        BufferedImage png = ImageIO.read(TestData.open("images/gray-96x64.png"));
        ImageInput.Source source = read("gray-96x64.png");
        ImagePlanes planes = source.planes();
        assertTrue(planes.gray());
        assertNull(planes.alpha());
        assertNull(source.planes().icc());
        assertEquals(List.of(), source.notes());
        int[] samples = png.getRaster().getSamples(0, 0, 96, 64, 0, (int[]) null);
        for (int i = 0; i < samples.length; i++) {
            assertEquals(samples[i] * 0x010101, planes.rgb()[i], "pixel " + i);
        }
    }

    @Test
    void sixteenBitSamplesAreRounded() throws IOException {
        BufferedImage png = ImageIO.read(TestData.open("images/gray16-40x30.png"));
        ImageInput.Source source = read("gray16-40x30.png");
        assertEquals(List.of("16-bit samples reduced to 8 bits"), source.notes());
        int[] samples = png.getRaster().getSamples(0, 0, 40, 30, 0, (int[]) null);
        for (int i = 0; i < samples.length; i++) {
            int expected = (int) Math.round(samples[i] * 255.0 / 65535.0);
            assertEquals(expected * 0x010101, source.planes().rgb()[i], "pixel " + i);
        }
    }

    @Test
    void alphaIsTheFilesAlpha() throws IOException {
        BufferedImage png = ImageIO.read(TestData.open("images/rgba-64x48.png"));
        ImagePlanes planes = read("rgba-64x48.png").planes();
        assertFalse(planes.gray());
        int[] argb = png.getRGB(0, 0, 64, 48, null, 0, 64);
        for (int i = 0; i < argb.length; i++) {
            assertEquals(argb[i] >>> 24, planes.alpha()[i] & 0xff, "pixel " + i);
            assertEquals(argb[i] & 0xffffff, planes.rgb()[i], "pixel " + i);
        }
    }

    @Test
    void aBlackAndWhitePaletteIsGray() throws IOException {
        BufferedImage binary = new BufferedImage(9, 5, BufferedImage.TYPE_BYTE_BINARY);
        binary.setRGB(3, 2, 0xffffff);
        ImagePlanes planes = ImageInput.read(png(binary)).planes();
        assertTrue(planes.gray());
        assertEquals(0xffffff, planes.rgb()[2 * 9 + 3]);
        assertEquals(0, planes.rgb()[0]);
    }

    @Test
    void anOpaqueAlphaChannelIsNotKept() throws IOException {
        BufferedImage argb = new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB);
        for (int i = 0; i < 16; i++) {
            argb.setRGB(i % 4, i / 4, 0xff000000 | i * 0x0f0f0f);
        }
        assertNull(ImageInput.read(png(argb)).planes().alpha());
    }

    @Test
    void anSrgbProfileIsDroppedSilently() throws IOException {
        ImagePlanes planes = read("odd-123x77.png").planes();
        byte[] srgb = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
        byte[] file = ImageOutput.encode(withIcc(planes, srgb), OutputFormat.PNG).bytes();
        ImageInput.Source back = ImageInput.read(file);
        assertNull(back.planes().icc());
        assertEquals(List.of(), back.notes());
    }

    @Test
    void aProfileOfTheWrongKindIsDroppedWithANote() throws IOException {
        ImagePlanes gray = read("gray-96x64.png").planes();
        ImageOutput.Encoded encoded = ImageOutput.encode(withIcc(gray, LINEAR_RGB), OutputFormat.PNG);
        assertEquals(List.of("ICC profile ignored: it is not a gray profile Java can use; samples written as they are"),
                encoded.notes());
    }

    static Stream<Arguments> losslessCases() {
        return Stream.of(OutputFormat.PNG, OutputFormat.TIFF).flatMap(format -> Stream.of(
                Arguments.of(format, false, false, null),
                Arguments.of(format, false, true, null),
                Arguments.of(format, true, false, null),
                Arguments.of(format, true, true, null),
                Arguments.of(format, false, false, LINEAR_RGB),
                Arguments.of(format, false, true, LINEAR_RGB),
                Arguments.of(format, true, false, GRAY),
                Arguments.of(format, true, true, GRAY)));
    }

    @ParameterizedTest(name = "{0} gray={1} alpha={2} icc={3}")
    @MethodSource("losslessCases")
    void writingThenReadingIsLossless(OutputFormat format, boolean gray, boolean alpha, byte[] icc)
            throws IOException {
        ImagePlanes planes = randomPlanes(13, 7, gray, alpha, 5);
        ImageOutput.Encoded encoded = ImageOutput.encode(withIcc(planes, icc), format);
        assertEquals(List.of(), encoded.notes());
        ImageInput.Source back = ImageInput.read(encoded.bytes());
        assertEquals(List.of(), back.notes());
        assertEquals(gray, back.planes().gray());
        assertArrayEquals(planes.rgb(), back.planes().rgb());
        assertArrayEquals(planes.alpha(), back.planes().alpha());
        assertArrayEquals(icc, back.planes().icc());
    }

    @Test
    void grayAlphaPngHasTwoBands() throws IOException {
        ImagePlanes planes = randomPlanes(6, 4, true, true, 9);
        BufferedImage png = ImageIO.read(new java.io.ByteArrayInputStream(
                ImageOutput.encode(planes, OutputFormat.PNG).bytes()));
        Raster raster = png.getRaster();
        assertEquals(2, raster.getNumBands());
        assertEquals(planes.rgb()[5] & 0xff, raster.getSample(5, 0, 0));
        assertEquals(planes.alpha()[5] & 0xff, raster.getSample(5, 0, 1));
    }

    private static ImagePlanes withIcc(ImagePlanes p, byte[] icc) {
        return new ImagePlanes(p.width(), p.height(), p.rgb(), p.alpha(), p.gray(), icc);
    }

    private static ImagePlanes randomPlanes(int width, int height, boolean gray, boolean alpha, long seed) {
        Random random = new Random(seed);
        int[] rgb = new int[width * height];
        byte[] a = alpha ? new byte[rgb.length] : null;
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = gray ? random.nextInt(256) * 0x010101 : random.nextInt(1 << 24);
            if (a != null) {
                a[i] = (byte) (i == 0 ? 17 : random.nextInt(256)); // never all opaque
            }
        }
        return new ImagePlanes(width, height, rgb, a, gray, null);
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, "png", out));
        return out.toByteArray();
    }

    /**
     * Regression (issue 15): a PNG's iCCP chunk holds a zlib stream, which the JDK's metadata hands over as it is; the
     * profile was dropped silently, and vqi's own PNGs stored it uncompressed. A profiled PNG made byte by byte, as
     * other tools write it, keeps its profile; the PNG vqi writes carries a zlib stream that inflates to the profile.
     */
    @Test
    void aPngsCompressedIccProfileTravels() throws IOException {
        BufferedImage rgb = new BufferedImage(8, 6, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(2, 3, 0x336699);
        java.io.ByteArrayOutputStream z = new java.io.ByteArrayOutputStream();
        try (java.util.zip.DeflaterOutputStream d = new java.util.zip.DeflaterOutputStream(z)) {
            d.write(LINEAR_RGB);
        }
        java.io.ByteArrayOutputStream payload = new java.io.ByteArrayOutputStream();
        payload.write("linear\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        payload.write(0); // compression method: deflate
        payload.write(z.toByteArray());
        byte[] profiled = insertAfterIhdr(png(rgb), "iCCP", payload.toByteArray());

        ImageInput.Source source = ImageInput.read(profiled);
        assertArrayEquals(LINEAR_RGB, source.planes().icc(), String.valueOf(source.notes()));

        byte[] chunk = chunk(ImageOutput.encode(source.planes(), OutputFormat.PNG).bytes(), "iCCP");
        int nul = 0;
        while (chunk[nul] != 0) {
            nul++;
        }
        java.util.zip.Inflater strict = new java.util.zip.Inflater();
        strict.setInput(java.util.Arrays.copyOfRange(chunk, nul + 2, chunk.length));
        byte[] inflated = new byte[LINEAR_RGB.length];
        try {
            assertEquals(LINEAR_RGB.length, strict.inflate(inflated), "vqi's PNG holds a zlib stream of the profile");
        } catch (java.util.zip.DataFormatException e) {
            throw new AssertionError("vqi's PNG holds no zlib stream in iCCP: " + e.getMessage());
        } finally {
            strict.end();
        }
        assertArrayEquals(LINEAR_RGB, inflated);
    }

    private static byte[] insertAfterIhdr(byte[] png, String type, byte[] data) {
        int at = 8 + 12 + 13; // signature, IHDR's frame and payload
        java.nio.ByteBuffer c = java.nio.ByteBuffer.allocate(12 + data.length);
        c.putInt(data.length).put(type.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).put(data);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(c.array(), 4, 4 + data.length);
        c.putInt((int) crc.getValue());
        byte[] out = new byte[png.length + c.capacity()];
        System.arraycopy(png, 0, out, 0, at);
        System.arraycopy(c.array(), 0, out, at, c.capacity());
        System.arraycopy(png, at, out, at + c.capacity(), png.length - at);
        return out;
    }

    private static byte[] chunk(byte[] png, String type) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(png);
        int pos = 8;
        while (pos + 8 <= png.length) {
            int length = b.getInt(pos);
            String t = new String(png, pos + 4, 4, java.nio.charset.StandardCharsets.US_ASCII);
            if (t.equals(type)) {
                return java.util.Arrays.copyOfRange(png, pos + 8, pos + 8 + length);
            }
            pos += 12 + length;
        }
        throw new AssertionError("no " + type + " chunk");
    }
}

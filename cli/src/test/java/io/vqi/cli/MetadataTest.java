package io.vqi.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vqi.format.ImageMetadata;
import io.vqi.format.VqiContainer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, item 4, black box: EXIF and XMP from the input travel through the {@code .vqi} file to the PNG or JPEG
 * output byte for byte, {@code --strip} leaves them behind, the orientation is applied once, formats that cannot
 * carry them and multi-frame inputs are named in one line, and {@code vqi info} shows them.
 */
class MetadataTest extends TinyModelTest {
    /** Little-endian EXIF: IFD0 with Orientation (SHORT) and Make = "Vqi test" (ASCII, 9 bytes at offset 38). */
    static byte[] exif(int orientation) {
        return ByteBuffer.allocate(47).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8)
                .putShort((short) 2)
                .putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0)
                .putShort((short) 0x010F).putShort((short) 2).putInt(9).putInt(38)
                .putInt(0)
                .put("Vqi test\0".getBytes(StandardCharsets.US_ASCII))
                .array();
    }

    static byte[] xmp(String orientation) {
        return ("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>"
                + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                + "<rdf:Description xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
                + "xmlns:tiff=\"http://ns.adobe.com/tiff/1.0/\" tiff:Orientation=\"" + orientation + "\">"
                + "<dc:creator>Zoë</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Cli.Result run(String command, String... args) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of(args));
        all.addAll(List.of("--model", model.toString()));
        return Cli.run(all.toArray(String[]::new));
    }

    private Path pngWithMetadata(String name, byte[] exif, byte[] xmp) throws IOException {
        byte[] png = Files.readAllBytes(Fixtures.image(dir, "odd-123x77.png"));
        Map<String, byte[]> extra = new LinkedHashMap<>();
        if (exif != null) {
            extra.put("eXIf", exif);
        }
        if (xmp != null) {
            ByteArrayOutputStream itxt = new ByteArrayOutputStream();
            itxt.writeBytes("XML:com.adobe.xmp\0\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1));
            itxt.writeBytes(xmp);
            extra.put("iTXt", itxt.toByteArray());
        }
        return Files.write(dir.resolve(name), afterIhdr(png, extra));
    }

    /** {@code png} with {@code chunks} inserted right after IHDR, made byte by byte (no ImageIO writer involved). */
    static byte[] afterIhdr(byte[] png, Map<String, byte[]> chunks) {
        int ihdrEnd = 8 + 12 + 13;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, ihdrEnd);
        chunks.forEach((type, data) -> {
            CRC32 crc = new CRC32();
            crc.update(type.getBytes(StandardCharsets.US_ASCII));
            crc.update(data);
            out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
            out.writeBytes(type.getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(data);
            out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        });
        out.write(png, ihdrEnd, png.length - ihdrEnd);
        return out.toByteArray();
    }

    /** The PNG's chunk types in file order. */
    static List<String> pngChunkTypes(byte[] png) {
        List<String> types = new ArrayList<>();
        for (int pos = 8; pos + 8 <= png.length; ) {
            int length = ByteBuffer.wrap(png, pos, 4).getInt();
            types.add(new String(png, pos + 4, 4, StandardCharsets.US_ASCII));
            pos += 12 + length;
        }
        return types;
    }

    @Test
    void exifAndXmpTravelFromPngToPngAndJpegByteForByte() throws IOException {
        byte[] exif = exif(1);
        byte[] xmp = xmp("1");
        Path png = pngWithMetadata("tagged.png", exif, xmp);
        Cli.Result compressed = run("compress", png.toString(), "--json");
        assertEquals(ExitCodes.OK, compressed.exitCode(), compressed.err());
        assertEquals("", compressed.err());
        assertTrue(compressed.out().contains("\"exif\":true,\"xmp\":true"), compressed.out());
        Path vqi = dir.resolve("tagged.vqi");
        ImageMetadata stored = ImageMetadata.read(Fixtures.container(vqi));
        assertArrayEquals(exif, stored.exif());
        assertArrayEquals(xmp, stored.xmp());

        Path back = dir.resolve("back.png");
        Cli.Result decompressed = run("decompress", vqi.toString(), "-o", back.toString());
        assertEquals(ExitCodes.OK, decompressed.exitCode(), decompressed.err());
        assertEquals("", decompressed.err());
        byte[] out = Files.readAllBytes(back);
        InputMetadata.Found found = InputMetadata.read(out);
        assertArrayEquals(exif, found.exif(), "eXIf bytes");
        assertArrayEquals(xmp, found.xmp(), "iTXt XML:com.adobe.xmp text");
        List<String> types = pngChunkTypes(out);
        assertTrue(types.indexOf("eXIf") < types.indexOf("IDAT"), "eXIf before IDAT: " + types);
        assertEquals(123, Fixtures.read(back).getWidth());

        Path jpeg = dir.resolve("back.jpg");
        Cli.Result asJpeg = run("decompress", vqi.toString(), "-o", jpeg.toString());
        assertEquals(ExitCodes.OK, asJpeg.exitCode(), asJpeg.err());
        assertEquals("", asJpeg.err());
        InputMetadata.Found inJpeg = InputMetadata.read(Files.readAllBytes(jpeg));
        assertArrayEquals(exif, inJpeg.exif(), "APP1 Exif");
        assertArrayEquals(xmp, inJpeg.xmp(), "APP1 XMP");
        assertEquals(123, Fixtures.read(jpeg).getWidth(), "the JPEG still decodes");
    }

    @Test
    void stripLeavesThemBehind() throws IOException {
        Path png = pngWithMetadata("tagged.png", exif(1), xmp("1"));
        Cli.Result result = run("compress", png.toString(), "--strip", "--json");
        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        assertTrue(result.out().contains("\"exif\":false,\"xmp\":false"), result.out());
        VqiContainer container = Fixtures.container(dir.resolve("tagged.vqi"));
        assertTrue(ImageMetadata.read(container).isEmpty());
        assertTrue(container.chunks().stream().noneMatch(c -> c.type().name().equals("exif")
                || c.type().name().equals("xmpd")), container.chunks().toString());
    }

    /** The pixels are turned once, by the encoder: EXIF and XMP then say 1, and nothing else in them changes. */
    @Test
    void anAppliedOrientationIsSetToOneInTheKeptMetadata() throws IOException {
        BufferedImage landscape = new BufferedImage(64, 32, BufferedImage.TYPE_INT_RGB);
        byte[] jpeg = Fixtures.jpegWithOrientation(landscape, 1);
        // Replace the fixture's APP1 with a richer one: orientation 6 in EXIF and XMP.
        byte[] exif6 = exif(6);
        byte[] xmp6 = xmp("6");
        Path file = Files.write(dir.resolve("turned.jpg"), withApp1(jpeg, exif6, xmp6));
        Cli.Result result = run("compress", file.toString());
        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        assertTrue(result.out().contains("  32 x 64  "), result.out());
        ImageMetadata stored = ImageMetadata.read(Fixtures.container(dir.resolve("turned.vqi")));
        assertArrayEquals(exif(1), stored.exif());
        assertArrayEquals(xmp("1"), stored.xmp());
    }

    /** {@code jpeg} (whose first APP1 is the fixture's EXIF) with that segment replaced by EXIF and XMP APP1s. */
    private static byte[] withApp1(byte[] jpeg, byte[] exif, byte[] xmp) {
        int app1 = 2;
        while (!((jpeg[app1] & 0xff) == 0xFF && (jpeg[app1 + 1] & 0xff) == 0xE1)) {
            app1 += 2 + ((jpeg[app1 + 2] & 0xff) << 8 | (jpeg[app1 + 3] & 0xff));
        }
        int end = app1 + 2 + ((jpeg[app1 + 2] & 0xff) << 8 | (jpeg[app1 + 3] & 0xff));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, app1);
        segment(out, "Exif\0\0", exif);
        segment(out, "http://ns.adobe.com/xap/1.0/\0", xmp);
        out.write(jpeg, end, jpeg.length - end);
        return out.toByteArray();
    }

    private static void segment(ByteArrayOutputStream out, String id, byte[] data) {
        byte[] idBytes = id.getBytes(StandardCharsets.ISO_8859_1);
        int length = 2 + idBytes.length + data.length;
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length});
        out.writeBytes(idBytes);
        out.writeBytes(data);
    }

    @Test
    void outputFormatsThatCannotCarryThemSaySoInOneLine() throws IOException {
        Path png = pngWithMetadata("tagged.png", exif(1), xmp("1"));
        assertEquals(ExitCodes.OK, run("compress", png.toString()).exitCode());
        Path vqi = dir.resolve("tagged.vqi");
        for (String extension : new String[] {"bmp", "tif"}) {
            Path out = dir.resolve("back." + extension);
            Cli.Result result = run("decompress", vqi.toString(), "-o", out.toString());
            assertEquals(ExitCodes.OK, result.exitCode(), result.err());
            String format = extension.equals("bmp") ? "BMP" : "TIFF";
            assertEquals("vqi: warning: " + vqi + ": " + format + " output cannot carry the EXIF and XMP (PNG and "
                    + "JPEG can); dropped", result.err().strip());
            assertEquals(1, result.errLines().length);
        }
    }

    @Test
    void aMultiFrameGifWarnsThatOnlyTheFirstFrameIsCoded() throws IOException {
        Path gif = dir.resolve("anim.gif");
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(gif.toFile())) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (int frame = 0; frame < 3; frame++) {
                BufferedImage image = new BufferedImage(20, 10, BufferedImage.TYPE_BYTE_INDEXED);
                image.setRGB(frame, 0, 0xFFFFFF);
                writer.writeToSequence(new IIOImage(image, null, null), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        Cli.Result result = run("compress", gif.toString());
        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        assertEquals("vqi: warning: " + gif + ": GIF has 3 frames; only the first is coded", result.err().strip());

        Cli.Result quiet = run("compress", gif.toString(), "--force", "--quiet");
        assertEquals(ExitCodes.OK, quiet.exitCode(), quiet.err());
        assertEquals("", quiet.err());

        Cli.Result json = run("compress", gif.toString(), "--force", "--json");
        assertEquals(ExitCodes.OK, json.exitCode(), json.err());
        assertEquals("", json.err(), "with --json the warning is in the record");
        Map<String, Object> record = JsonParser.parseObject(json.out());
        assertEquals(List.of("GIF has 3 frames; only the first is coded"), record.get("warnings"));
    }

    @Test
    void aSingleImageNeedsNoWarning() throws IOException {
        Cli.Result result = run("compress", Fixtures.image(dir, "odd-123x77.png").toString());
        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        assertEquals("", result.err());
        assertTrue(result.out().contains("odd-123x77.vqi"), result.out());
        assertNull(ImageMetadata.read(Fixtures.container(dir.resolve("odd-123x77.vqi"))).exif());
    }

    @Test
    void infoShowsThem() throws IOException {
        Path png = pngWithMetadata("tagged.png", exif(1), null);
        assertEquals(ExitCodes.OK, run("compress", png.toString()).exitCode());
        Path vqi = dir.resolve("tagged.vqi");
        Cli.Result text = Cli.run("info", vqi.toString());
        assertEquals(ExitCodes.OK, text.exitCode(), text.err());
        assertTrue(text.out().contains("format       .vqi 2.0\n"), text.out());
        assertTrue(text.out().contains("metadata     EXIF (47 bytes)\n"), text.out());
        Cli.Result json = Cli.run("info", "--json", vqi.toString());
        Map<String, Object> info = JsonParser.parseObject(json.out());
        assertEquals(true, info.get("exif"));
        assertEquals(false, info.get("xmp"));
        assertEquals("2.0", info.get("formatVersion"));
    }
}

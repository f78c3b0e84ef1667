package io.vqi.cli;

import io.vqi.model.ModelBundle;
import io.vqi.model.TestModels;
import io.vqi.model.VqVaeConfig;
import io.vqi.prior.PriorConfig;
import io.vqi.format.VqiContainer;
import io.vqi.format.VqiContainerReader;
import io.vqi.testdata.TestData;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/** Models, images and runners the compress/decompress tests share. */
final class Fixtures {
    private Fixtures() {
    }

    /** A tiny random model with a prior (meaningless pictures, real coding), written to {@code file}. */
    static Path writeModel(Path file, long seed) throws IOException {
        VqVaeConfig config = VqVaeConfig.tiny();
        ModelBundle bundle = TestModels.randomWithPrior(config, PriorConfig.tiny(config.codebookSize()), seed);
        bundle.write(file);
        return file;
    }

    /** The entries of a zip file (a model bundle), by name, in order. */
    static Map<String, byte[]> zipEntries(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    /** A zip file of {@code entries}. */
    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Hex SHA-256 of the parts one after the other. */
    static String sha256Hex(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                md.update(part);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies test image {@code name} (from testdata/images) into {@code dir}. */
    static Path image(Path dir, String name) throws IOException {
        return Files.write(dir.resolve(name), TestData.bytes("images/" + name));
    }

    static BufferedImage read(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new IOException("ImageIO cannot read " + file);
        }
        return image;
    }

    static BufferedImage read(byte[] bytes) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        if (image == null) {
            throw new IOException("ImageIO cannot read these " + bytes.length + " bytes");
        }
        return image;
    }

    static VqiContainer container(Path vqi) throws IOException {
        return VqiContainerReader.read(Files.readAllBytes(vqi));
    }

    /** The file names in {@code dir}, sorted. */
    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** What a run with stdin and stdout swapped for byte streams printed. */
    record StdioResult(Cli.Result result, byte[] stdout) {
    }

    /** Runs vqi in-process with {@code stdin} as System.in and System.out captured (the '-' streams). */
    static synchronized StdioResult runWithStdio(byte[] stdin, String... args) {
        InputStream oldIn = System.in;
        PrintStream oldOut = System.out;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        System.setIn(new ByteArrayInputStream(stdin));
        System.setOut(new PrintStream(stdout, true));
        try {
            return new StdioResult(Cli.run(args), stdout.toByteArray());
        } finally {
            System.setIn(oldIn);
            System.setOut(oldOut);
        }
    }

    /**
     * {@code image} as a JPEG with an EXIF APP1 segment (big-endian TIFF, IFD0 with only Orientation) after the
     * JFIF APP0 segment.
     */
    static byte[] jpegWithOrientation(BufferedImage image, int orientation) throws IOException {
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "jpeg", jpeg)) {
            throw new IOException("no JPEG writer");
        }
        byte[] plain = jpeg.toByteArray();
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4)
                .put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8) // header, IFD0 at 8
                .putShort((short) 1) // one entry
                .putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0)
                .putInt(0); // no next IFD
        byte[] exifId = {'E', 'x', 'i', 'f', 0, 0};
        int length = 2 + exifId.length + tiff.capacity();
        ByteBuffer app1 = ByteBuffer.allocate(2 + length).put((byte) 0xFF).put((byte) 0xE1).putShort((short) length)
                .put(exifId).put(tiff.array());
        int insertAt = 2;
        if ((plain[2] & 0xff) == 0xFF && (plain[3] & 0xff) == 0xE0) {
            insertAt += 2 + ((plain[4] & 0xff) << 8 | (plain[5] & 0xff));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, insertAt);
        out.write(app1.array(), 0, app1.capacity());
        out.write(plain, insertAt, plain.length - insertAt);
        return out.toByteArray();
    }

    /** A PNG signature and IHDR that claim {@code width x height} 8-bit RGB, then IEND: no pixel data at all. */
    static byte[] pngHeaderOnly(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        pngChunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        pngChunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void pngChunk(ByteArrayOutputStream out, String type, byte[] data) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        byte[] typeBytes = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}

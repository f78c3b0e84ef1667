package io.vqi.model;

import io.vqi.core.CorruptStreamException;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * The zip file both bundle kinds ({@code .vqm}: {@link ModelFile}, {@code .vqr}: {@link LayerFile}) are: entries in,
 * entries out, each bounded, reproducible archives, the content hash, atomic writes.
 */
final class BundleFiles {

    @FunctionalInterface
    interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    @FunctionalInterface
    interface Reader<T> {
        T readFrom(InputStream in) throws IOException;
    }

    private BundleFiles() {
    }

    /** Reads {@code file} with {@code reader}. */
    static <T> T read(Path file, Reader<T> reader) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return reader.readFrom(in);
        }
    }

    /**
     * Writes a bundle's entries: its properties under {@code propertiesEntry}, {@code tensors.bin}, the {@code sha256}
     * line and, unless it is empty, {@code card.md}.
     */
    static void writeBundle(OutputStream out, String propertiesEntry, String properties, List<Tensor> tensors,
                            String sha256Hex, String card) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(propertiesEntry, properties.getBytes(StandardCharsets.UTF_8));
        entries.put("tensors.bin", TensorFormat.encode(tensors));
        entries.put("sha256", (sha256Hex + "\n").getBytes(StandardCharsets.US_ASCII));
        if (!card.isEmpty()) {
            entries.put("card.md", card.getBytes(StandardCharsets.UTF_8));
        }
        writeEntries(out, entries);
    }

    /** Writes through a temporary file and a rename, so a crash never leaves half a model. */
    static void writeAtomically(Path file, Writer writer) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".bundle-", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.writeTo(out);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The entries in order, with reproducible (zero) times; the stream is left open. */
    static void writeEntries(OutputStream out, Map<String, byte[]> entries) throws IOException {
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(nonClosing(out))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                putEntry(zip, e.getKey(), e.getValue());
            }
            zip.finish();
        }
    }

    /**
     * Every entry, each at most {@link TensorFormat#MAX_BYTES}: a hostile bundle cannot ask for more. Read with the
     * JDK's zip stream, not Commons Compress's (which writes them): its classes are in the JDK's class-data archive,
     * and it read the embedded model in half the time of a cold start (150 against 300 ms).
     */
    static Map<String, byte[]> readEntries(InputStream in) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(in, StandardCharsets.UTF_8)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                entries.put(e.getName(), readLimited(zip, TensorFormat.MAX_BYTES));
            }
        } catch (ZipException | IllegalArgumentException e) {
            throw new CorruptStreamException(0, "model bundle is not a valid zip file: " + e.getMessage());
        }
        return entries;
    }

    /** An entry as trimmed text ({@code sha256}) or as is ({@code card.md}), or {@code absent}. */
    static String text(Map<String, byte[]> entries, String name, String absent) {
        byte[] body = entries.get(name);
        if (body == null) {
            return absent;
        }
        String s = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        return name.equals("sha256") ? s.trim() : s;
    }

    /** The computed hash, after checking that it is the one the bundle declares. */
    static byte[] checkHash(byte[] actual, String declared, String what)
            throws io.vqi.core.CorruptStreamException {
        String hex = java.util.HexFormat.of().formatHex(actual);
        if (!hex.equalsIgnoreCase(declared)) {
            throw new io.vqi.core.CorruptStreamException(0, what + " hash mismatch: declared " + declared
                    + ", actual " + hex);
        }
        return actual;
    }

    /** A bundle's hash: SHA-256 of its properties text followed by its {@code tensors.bin}. */
    static byte[] hash(String properties, byte[] tensorBytes) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(properties.getBytes(StandardCharsets.UTF_8));
            md.update(tensorBytes);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    static void putEntry(ZipArchiveOutputStream zip, String name, byte[] body) throws IOException {
        ZipArchiveEntry e = new ZipArchiveEntry(name);
        e.setTime(0L); // reproducible archives: the same model gives the same bytes
        zip.putArchiveEntry(e);
        zip.write(body);
        zip.closeArchiveEntry();
    }

    static byte[] readLimited(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > limit) {
                throw new CorruptStreamException(total, "model bundle entry exceeds " + limit + " bytes");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}

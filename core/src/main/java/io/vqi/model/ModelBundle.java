package io.vqi.model;

import io.vqi.core.CorruptStreamException;
import io.vqi.prior.PixelCnnPrior;
import io.vqi.prior.PriorConfig;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A trained model as one file: a zip with {@code model.properties} (the VQ-VAE's architecture and, once trained,
 * its prior's) and {@code tensors.bin} (half-precision weights of both), plus {@code card.md} when there is one.
 *
 * <p>The SHA-256 of {@code model.properties} followed by {@code tensors.bin} is the model's hash: it covers
 * everything that shapes the bitstream, so a retrained prior is a new model id; the model id is
 * {@code <name>-<first 8 hex digits>}. Loading recomputes the hash and refuses a bundle whose {@code sha256} entry
 * disagrees or is missing, so a file can never decode with weights other than the ones that encoded it; then it
 * checks that the tensors are exactly the ones the architecture in {@code model.properties} has. Every refusal is a
 * {@link CorruptStreamException}.
 *
 * <p>{@code tensors.bin}, big-endian: magic "VQT1", u32 tensor count, then per tensor: u16 name length, UTF-8 name,
 * u8 element type (1 = binary16), u8 rank, u32 dimensions, then the values.
 */
public record ModelBundle(VqVaeConfig config, PriorConfig prior, List<Tensor> tensors, byte[] sha256, String card) {

    private static final int TENSORS_MAGIC = 0x56515431; // "VQT1"
    private static final int TYPE_F16 = 1;
    /** Larger than any model this machine can train; stops a hostile bundle from asking for gigabytes. */
    static final long MAX_TENSOR_BYTES = 512L << 20;
    private static final int MAX_TENSORS = 4096;

    public ModelBundle {
        tensors = List.copyOf(tensors);
        sha256 = sha256.clone();
        card = card == null ? "" : card;
    }

    /** A VQ-VAE without a prior (what a VQ-VAE training run exports). */
    public static ModelBundle of(VqVaeConfig config, List<Tensor> weights, String card) {
        return of(config, null, weights, card);
    }

    /** Builds a bundle from float weights; they are rounded to half precision, and the hash covers that. */
    public static ModelBundle of(VqVaeConfig config, PriorConfig prior, List<Tensor> weights, String card) {
        if (prior != null && prior.alphabet() != config.codebookSize()) {
            throw new IllegalArgumentException("prior alphabet " + prior.alphabet() + " is not the codebook size "
                    + config.codebookSize());
        }
        List<Tensor> rounded = new ArrayList<>();
        for (Tensor t : weights) {
            float[] r = new float[t.data().length];
            for (int i = 0; i < r.length; i++) {
                r[i] = Half.toFloat(Half.fromFloat(t.data()[i]));
            }
            rounded.add(new Tensor(t.name(), t.shape(), r));
        }
        byte[] tensorBytes = encodeTensors(rounded);
        return new ModelBundle(config, prior, rounded, hash(propertiesText(config, prior), tensorBytes), card);
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    public String sha256Hex() {
        return HexFormat.of().formatHex(sha256);
    }

    /** Stable id written into every .vqi file: family name plus a hash prefix. */
    public String modelId() {
        return config.name() + "-" + sha256Hex().substring(0, 8);
    }

    public Map<String, Tensor> tensorMap() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (Tensor t : tensors) {
            m.put(t.name(), t);
        }
        return m;
    }

    public ModelBundle withCard(String newCard) {
        return new ModelBundle(config, prior, tensors, sha256, newCard);
    }

    public void write(OutputStream out) throws IOException {
        byte[] tensorBytes = encodeTensors(tensors);
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(nonClosing(out))) {
            putEntry(zip, "model.properties", propertiesText(config, prior).getBytes(StandardCharsets.UTF_8));
            putEntry(zip, "tensors.bin", tensorBytes);
            putEntry(zip, "sha256", (sha256Hex() + "\n").getBytes(StandardCharsets.US_ASCII));
            if (!card.isEmpty()) {
                putEntry(zip, "card.md", card.getBytes(StandardCharsets.UTF_8));
            }
            zip.finish();
        }
    }

    /** Writes through a temporary file and a rename, so a crash never leaves half a model. */
    public void write(Path file) throws IOException {
        BundleFiles.writeAtomically(file, this::write);
    }

    public static ModelBundle read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    public static ModelBundle read(InputStream in) throws IOException {
        Map<String, byte[]> entries = BundleFiles.readEntries(in); // later entries: room to grow
        byte[] props = entries.get("model.properties");
        byte[] tensorBytes = entries.get("tensors.bin");
        String declaredHash = BundleFiles.text(entries, "sha256", null);
        String card = BundleFiles.text(entries, "card.md", "");
        if (props == null || tensorBytes == null) {
            throw new CorruptStreamException(0, "model bundle lacks model.properties or tensors.bin");
        }
        if (declaredHash == null) {
            // Without it nothing vouches for the weights, and a learned decoder cannot see its own corruption.
            throw new CorruptStreamException(0, "model bundle lacks its sha256 entry: a model file without its hash "
                    + "is not a model file");
        }
        String text = new String(props, StandardCharsets.UTF_8);
        VqVaeConfig config;
        PriorConfig prior;
        try {
            config = VqVaeConfig.parse(text);
            Properties p = new Properties();
            p.load(new StringReader(text));
            prior = PriorConfig.fromProperties(p);
        } catch (IOException | IllegalArgumentException e) { // NumberFormatException, a malformed unicode escape
            throw new CorruptStreamException(0, "model.properties: " + e.getMessage(), e);
        }
        byte[] actual = BundleFiles.checkHash(hash(propertiesText(config, prior), tensorBytes), declaredHash,
                "model bundle");
        List<Tensor> tensors = decodeTensors(tensorBytes);
        checkTensors(config, prior, tensors);
        return new ModelBundle(config, prior, tensors, actual, card);
    }

    /**
     * Refuses tensors that are not exactly the architecture's: one per name {@link VqVaeConfig#tensorShapes} and
     * {@link PixelCnnPrior#tensorShapes} list, with that shape, and nothing else. The hash only proves the file is
     * what its writer wrote; this proves the writer wrote a model, so that building the networks cannot fail later.
     */
    static void checkTensors(VqVaeConfig config, PriorConfig prior, List<Tensor> tensors)
            throws CorruptStreamException {
        if (prior != null && prior.alphabet() != config.codebookSize()) {
            throw new CorruptStreamException(0, "model.properties: prior alphabet " + prior.alphabet()
                    + " is not the codebook size " + config.codebookSize());
        }
        Map<String, long[]> wanted = new LinkedHashMap<>(config.tensorShapes());
        if (prior != null) {
            wanted.putAll(PixelCnnPrior.tensorShapes(prior));
        }
        for (Tensor t : tensors) {
            long[] shape = wanted.remove(t.name());
            if (shape == null) {
                throw new CorruptStreamException(0, "tensors.bin: tensor " + t.name() + " is not part of the "
                        + "architecture in model.properties (or appears twice)");
            }
            if (!Arrays.equals(shape, t.shape())) {
                throw new CorruptStreamException(0, "tensors.bin: tensor " + t.name() + " has shape "
                        + Arrays.toString(t.shape()) + ", model.properties needs " + Arrays.toString(shape));
            }
        }
        if (!wanted.isEmpty()) {
            throw new CorruptStreamException(0, "tensors.bin lacks tensor " + wanted.keySet().iterator().next()
                    + " of the architecture in model.properties");
        }
    }

    /** Whether this model can entropy-code (it has a prior), not only quantise. */
    public boolean hasPrior() {
        return prior != null;
    }

    private static String propertiesText(VqVaeConfig config, PriorConfig prior) {
        return config.toProperties() + (prior == null ? "" : prior.toProperties());
    }

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

    static byte[] encodeTensors(List<Tensor> tensors) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(TENSORS_MAGIC);
            out.writeInt(tensors.size());
            for (Tensor t : tensors) {
                byte[] name = t.name().getBytes(StandardCharsets.UTF_8);
                out.writeShort(name.length);
                out.write(name);
                out.writeByte(TYPE_F16);
                long[] shape = t.shape();
                out.writeByte(shape.length);
                for (long d : shape) {
                    out.writeInt((int) d);
                }
                for (float v : t.data()) {
                    out.writeShort(Half.fromFloat(v));
                }
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Tensor> decodeTensors(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        try {
            if (in.readInt() != TENSORS_MAGIC) {
                throw new CorruptStreamException(0, "tensors.bin: bad magic");
            }
            int count = in.readInt();
            if (count < 0 || count > MAX_TENSORS) {
                throw new CorruptStreamException(4, "tensors.bin: bad tensor count " + count);
            }
            List<Tensor> tensors = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                byte[] name = new byte[in.readUnsignedShort()];
                in.readFully(name);
                int type = in.readUnsignedByte();
                int rank = in.readUnsignedByte();
                if (type != TYPE_F16 || rank < 1 || rank > 8) {
                    throw new CorruptStreamException(0, "tensors.bin: unsupported type " + type + " or rank " + rank);
                }
                long[] shape = new long[rank];
                long n = 1;
                for (int d = 0; d < rank; d++) {
                    shape[d] = in.readInt() & 0xffffffffL;
                    n *= Math.max(1, shape[d]);
                    if (n * 2 > bytes.length) {
                        throw new CorruptStreamException(0, "tensors.bin: tensor larger than the file");
                    }
                }
                float[] data = new float[(int) n];
                for (int k = 0; k < data.length; k++) {
                    data[k] = Half.toFloat(in.readShort());
                }
                tensors.add(new Tensor(new String(name, StandardCharsets.UTF_8), shape, data));
            }
            return tensors;
        } catch (EOFException e) {
            throw new CorruptStreamException(bytes.length, "tensors.bin is truncated");
        } catch (IllegalArgumentException e) {
            throw new CorruptStreamException(0, "tensors.bin: " + e.getMessage());
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

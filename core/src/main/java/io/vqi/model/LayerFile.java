package io.vqi.model;

import io.vqi.core.CorruptStreamException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code .vqr} file of a {@link RefineBundle}: a zip with {@code refine.properties}, {@code tensors.bin}
 * ({@link TensorFormat}), {@code sha256} and {@code card.md}; read and verified like a {@link ModelFile}.
 */
public final class LayerFile {

    private LayerFile() {
    }

    public static void write(RefineBundle layer, OutputStream out) throws IOException {
        BundleFiles.writeBundle(out, "refine.properties", layer.config().toProperties(), layer.tensors(),
                layer.sha256Hex(), layer.card());
    }

    /** Writes through a temporary file and a rename, so a crash never leaves half a layer. */
    public static void write(RefineBundle layer, Path file) throws IOException {
        BundleFiles.writeAtomically(file, out -> write(layer, out));
    }

    public static RefineBundle read(Path file) throws IOException {
        return BundleFiles.read(file, LayerFile::read);
    }

    /** Reads and verifies a layer: a bundle without its {@code sha256} entry, or whose hash differs, is refused. */
    public static RefineBundle read(InputStream in) throws IOException {
        Map<String, byte[]> entries = BundleFiles.readEntries(in);
        byte[] props = entries.get("refine.properties");
        byte[] tensorBytes = entries.get("tensors.bin");
        String declaredHash = BundleFiles.text(entries, "sha256", null);
        String card = BundleFiles.text(entries, "card.md", "");
        if (props == null || tensorBytes == null || declaredHash == null) {
            throw new CorruptStreamException(0, "refinement layer lacks refine.properties, tensors.bin or sha256");
        }
        RefineConfig config = RefineConfig.parse(new String(props, StandardCharsets.UTF_8));
        byte[] actual = BundleFiles.checkHash(BundleFiles.hash(config.toProperties(), tensorBytes), declaredHash,
                "refinement layer");
        return new RefineBundle(config, TensorFormat.decode(tensorBytes), actual, card);
    }
}

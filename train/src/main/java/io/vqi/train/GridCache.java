package io.vqi.train;

import io.vqi.model.IndexGrid;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The index grids a prior trains on, cached in its run directory: encoding every image takes minutes. The file is
 * the VQ-VAE's SHA-256 (as {@code writeUTF}), then the training grids and the validation grids, each list as a count
 * and per grid its rows, columns, alphabet (ints) and indices (unsigned shorts), big-endian.
 */
final class GridCache {
    static final String FILE = "grids.bin";

    /** Training and validation grids of one VQ-VAE. */
    record Grids(List<IndexGrid> train, List<IndexGrid> validation) {
        Grids {
            train = List.copyOf(train);
            validation = List.copyOf(validation);
        }
    }

    private GridCache() {
    }

    /** The cached grids, if {@code file} exists and was made by the VQ-VAE of hash {@code vqvaeSha256}. */
    static Optional<Grids> read(Path file, String vqvaeSha256) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (!in.readUTF().equals(vqvaeSha256)) {
                return Optional.empty();
            }
            List<IndexGrid> train = readGrids(in);
            return Optional.of(new Grids(train, readGrids(in)));
        }
    }

    /** Writes through a temporary file, so a run killed meanwhile leaves no half cache. */
    static void write(Path file, String vqvaeSha256, Grids grids) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream o = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
            o.writeUTF(vqvaeSha256);
            writeGrids(o, grids.train());
            writeGrids(o, grids.validation());
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writeGrids(DataOutputStream o, List<IndexGrid> grids) throws IOException {
        o.writeInt(grids.size());
        for (IndexGrid g : grids) {
            o.writeInt(g.rows());
            o.writeInt(g.cols());
            o.writeInt(g.alphabet());
            for (int v : g.indices()) {
                o.writeShort(v);
            }
        }
    }

    private static List<IndexGrid> readGrids(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<IndexGrid> grids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int rows = in.readInt();
            int cols = in.readInt();
            int k = in.readInt();
            int[] idx = new int[rows * cols];
            for (int j = 0; j < idx.length; j++) {
                idx[j] = in.readUnsignedShort();
            }
            grids.add(new IndexGrid(rows, cols, k, idx));
        }
        return grids;
    }
}

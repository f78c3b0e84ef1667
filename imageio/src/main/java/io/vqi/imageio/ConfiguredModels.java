package io.vqi.imageio;

import io.vqi.model.ModelBundle;
import io.vqi.codec.ModelZoo;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Model files named by the system property {@value #PROPERTY} (paths separated by {@link File#pathSeparator}): the
 * only way to hand models to {@code ImageIO.read} and {@code ImageIO.write}, which take no parameters. Each file is
 * loaded (and hash-checked) once, and again only when its size or modification time changes.
 */
final class ConfiguredModels {

    static final String PROPERTY = "io.vqi.imageio.models";

    private static final Map<Path, Loaded> CACHE = new ConcurrentHashMap<>();

    private ConfiguredModels() {
    }

    /** The models the property names, in its order; empty when it is unset or blank. */
    static List<ModelBundle> get() throws IOException {
        String value = System.getProperty(PROPERTY, "").strip();
        if (value.isEmpty()) {
            return List.of();
        }
        List<ModelBundle> models = new ArrayList<>();
        for (String entry : value.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                models.add(load(Path.of(entry.strip()).toAbsolutePath().normalize()));
            }
        }
        return List.copyOf(models);
    }

    private static ModelBundle load(Path file) throws IOException {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            Loaded cached = CACHE.get(file);
            if (cached != null && cached.modified.equals(modified) && cached.size == size) {
                return cached.model;
            }
            ModelBundle model = ModelZoo.load(file);
            CACHE.put(file, new Loaded(modified, size, model));
            return model;
        } catch (IOException e) {
            throw new IOException("model file " + file + " (named by -D" + PROPERTY + ") cannot be loaded: "
                    + e.getMessage(), e);
        }
    }

    private record Loaded(FileTime modified, long size, ModelBundle model) {
    }
}

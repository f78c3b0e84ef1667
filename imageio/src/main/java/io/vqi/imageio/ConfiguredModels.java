package io.vqi.imageio;

import io.vqi.codec.ModelRegistry;
import io.vqi.model.ModelBundle;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The models named by the system property {@value #PROPERTY} (paths separated by {@link File#pathSeparator}): the
 * only way to hand models to {@code ImageIO.read} and {@code ImageIO.write}, which take no parameters. They make one
 * registry on top of a base (the embedded models), shared by every reader and writer while the property and the
 * files' sizes and modification times stay the same; when they change, the next call loads the files again and the
 * old registry's codecs go when nothing uses them.
 */
final class ConfiguredModels {

    static final String PROPERTY = "io.vqi.imageio.models";

    /** The last registry made, and what it was made from. */
    private static volatile Cached cached;

    private ConfiguredModels() {
    }

    /** {@code base} with the models the property names, in its order (none when it is unset or blank). */
    static ModelRegistry on(ModelRegistry base) throws IOException {
        String value = System.getProperty(PROPERTY, "").strip();
        List<Path> files = new ArrayList<>();
        for (String entry : value.isEmpty() ? new String[0] : value.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                files.add(Path.of(entry.strip()).toAbsolutePath().normalize());
            }
        }
        List<Stamp> stamps = new ArrayList<>();
        for (Path file : files) {
            stamps.add(stamp(file));
        }
        Cached c = cached;
        if (c != null && c.base == base && c.stamps.equals(stamps)) {
            return c.registry;
        }
        List<ModelBundle> models = new ArrayList<>();
        for (Path file : files) {
            models.add(load(file));
        }
        ModelRegistry registry = base.withFiles(models, List.of());
        cached = new Cached(base, List.copyOf(stamps), registry);
        return registry;
    }

    private static Stamp stamp(Path file) throws IOException {
        try {
            return new Stamp(file, Files.getLastModifiedTime(file), Files.size(file));
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    private static ModelBundle load(Path file) throws IOException {
        try {
            return ModelBundle.read(file);
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    private static IOException failure(Path file, IOException e) {
        return new IOException("model file " + file + " (named by -D" + PROPERTY + ") cannot be loaded: "
                + e.getMessage(), e);
    }

    private record Stamp(Path file, FileTime modified, long size) {
    }

    private record Cached(ModelRegistry base, List<Stamp> stamps, ModelRegistry registry) {
    }
}

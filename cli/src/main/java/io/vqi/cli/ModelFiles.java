package io.vqi.cli;

import io.vqi.model.ModelBundle;
import io.vqi.model.RefineBundle;
import io.vqi.codec.ModelRegistry;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The models and layers {@code compress} and {@code decompress} use, with errors that name the file. */
final class ModelFiles {
    /** What {@code compress} says, exit code 64, when it is given no model and the build embeds none. */
    static final String NO_DEFAULT_MODEL = "this build has no embedded default model; pass --model FILE";

    private ModelFiles() {
    }

    /** The model in {@code file}; a file that is not a model is bad data (65), a missing one no input (66). */
    static ModelBundle load(Path file) throws IOException {
        return read(file, "model", ModelBundle::read);
    }

    /** The refinement layer in {@code file}, with {@link #load}'s exit codes. */
    static RefineBundle loadLayer(Path file) throws IOException {
        return read(file, "refinement layer", RefineBundle::read);
    }

    /** Reads one file of a kind of model, its errors one line that names the file. */
    private interface Reader<T> {
        T read(Path file) throws IOException;
    }

    private static <T> T read(Path file, String what, Reader<T> reader) throws IOException {
        try {
            Batch.requireRegularFile(file);
        } catch (CliException e) {
            throw new CliException(e.exitCode(), file + ": " + e.getMessage(), e);
        }
        try {
            return reader.read(file);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new CliException(ExitCodes.DATA_ERROR, file + ": not a usable " + what + " file ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
        }
    }

    /** The model in {@code file}, or the embedded default when {@code file} is null. */
    static ModelBundle loadOrDefault(Path file) throws IOException {
        if (file != null) {
            return load(file);
        }
        return ModelRegistry.embedded().defaultModel()
                .orElseThrow(() -> new CliException(ExitCodes.USAGE, NO_DEFAULT_MODEL));
    }
}

package io.vqi.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes output files so that nobody ever sees half of one: the bytes go to a hidden temporary file in the
 * destination folder, which is then renamed over the target in one step ({@code ATOMIC_MOVE}). On any failure the
 * temporary file is removed and the target is untouched. An existing target is replaced only when forced.
 */
final class AtomicFile {
    private static final int TEMP_ATTEMPTS = 100;

    private AtomicFile() {
    }

    /** Fails, before any work is done, if {@code target} may not be written. */
    static void checkWritable(Path target, boolean force) throws IOException {
        if (Files.isDirectory(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "is a folder");
        }
        if (!force && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString(), null, "already exists (use --force to overwrite)");
        }
    }

    /**
     * Writes {@code data} to {@code target}.
     *
     * @param createFolders create the target's missing parent folders (for {@code -d}); otherwise a missing folder
     *                      is an error
     */
    static void write(Path target, byte[] data, boolean force, boolean createFolders) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        if (createFolders) {
            Files.createDirectories(folder);
        } else if (!Files.isDirectory(folder)) {
            throw new CliException(ExitCodes.CANT_CREATE, "cannot write " + target + ": no such folder " + folder);
        }
        checkWritable(target, force);
        Path temp = createTemp(folder, target.getFileName().toString());
        try {
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE)) {
                out.write(data);
            }
            if (!force) {
                checkWritable(target, false); // it may have appeared while we wrote
            }
            // On POSIX the rename replaces an existing target atomically; --force was checked above.
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            temp = null;
        } finally {
            if (temp != null) {
                deleteQuietly(temp);
            }
        }
    }

    /** True for the names {@link #write} gives its temporary files (for tests and cleanup scripts). */
    static boolean isTemporary(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.endsWith(".vqi-tmp");
    }

    /** A new empty hidden file {@code .NAME.RANDOM.vqi-tmp}, created with the user's default permissions. */
    private static Path createTemp(Path folder, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path temp = folder.resolve("." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                    + ".vqi-tmp");
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                if (attempt == TEMP_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // The original failure is what the user needs to see; a leftover hidden file is the lesser harm.
        }
    }
}

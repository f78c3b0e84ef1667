package io.vqi.train;

import org.nd4j.autodiff.samediff.SameDiff;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * A run directory's checkpoint: the SameDiff graph with its Adam state, and a properties file with the step count
 * and whatever the trainer needs to resume. Both are written to a temporary file and renamed, so a run killed at
 * any moment leaves the previous checkpoint intact.
 */
final class Checkpoints {
    private Checkpoints() {
    }

    static void save(SameDiff sd, Path dir, String graphFile, String stateFile, Properties state, String comment)
            throws IOException {
        Path tmp = dir.resolve(graphFile + ".tmp");
        sd.save(tmp.toFile(), true);
        Files.move(tmp, dir.resolve(graphFile), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Path stmp = dir.resolve(stateFile + ".tmp");
        try (Writer w = Files.newBufferedWriter(stmp)) {
            state.store(w, comment);
        }
        Files.move(stmp, dir.resolve(stateFile), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static Properties readState(Path dir, String stateFile) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve(stateFile))) {
            p.load(r);
        }
        return p;
    }
}

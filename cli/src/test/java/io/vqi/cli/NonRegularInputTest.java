package io.vqi.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 14, finding 4: a FIFO given as an input blocked {@code vqi} forever (when nothing writes to it, opening
 * it for reading never returns). The help promises exit 66 for "not a regular file": it is refused before it is
 * opened, for every command that reads a named file.
 */
class NonRegularInputTest extends TinyModelTest {
    @ParameterizedTest
    @ValueSource(strings = {"compress", "decompress", "transcode", "info", "compress --model"})
    void aFifoIsNoInputAndIsNeverOpened(String command) throws Exception {
        Path fifo = fifo(dir.resolve(command.contains("--model") ? "model.vqm" : "input"));
        Path png = Fixtures.image(dir, "pixel-1x1.png");
        String[] args = switch (command) {
            case "compress --model" -> new String[] {"compress", png.toString(), "--model", fifo.toString()};
            case "info" -> new String[] {"info", fifo.toString()};
            case "transcode" -> new String[] {"transcode", "--quality", "1", fifo.toString(), "--model",
                model.toString()};
            default -> new String[] {command, fifo.toString(), "-o",
                dir.resolve(command.equals("compress") ? "out.vqi" : "out.png").toString(), "--model", model.toString()};
        };
        Cli.Result result;
        try (Unblocker unblocker = new Unblocker(fifo)) {
            result = Cli.run(args);
        }
        assertEquals(ExitCodes.NO_INPUT, result.exitCode(), result.err());
        assertEquals("vqi: " + fifo + ": is not a regular file (a FIFO, device or socket; pipe data in through '-', "
                + "stdin)", result.err().strip());
        assertEquals(List.of(fifo.getFileName().toString(), "pixel-1x1.png"), Fixtures.names(dir));
    }

    /** A named pipe made by {@code mkfifo}; the test is skipped where there is none. */
    private static Path fifo(Path path) throws InterruptedException {
        try {
            Process p = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
            assumeTrue(p.waitFor() == 0 && Files.exists(path), "mkfifo failed");
        } catch (IOException e) {
            assumeTrue(false, "no mkfifo: " + e.getMessage());
        }
        return path;
    }

    /**
     * Opens the FIFO for writing and closes it at once, on a daemon thread: were the command under test to open it
     * for reading, it would read an empty file and the test would fail instead of hanging. Closing releases a writer
     * still waiting (Linux opens a FIFO read-write without waiting).
     */
    private static final class Unblocker implements AutoCloseable {
        private final Path fifo;
        private final Thread writer;

        Unblocker(Path fifo) {
            this.fifo = fifo;
            writer = new Thread(() -> {
                try (FileOutputStream out = new FileOutputStream(fifo.toFile())) {
                    out.flush();
                } catch (IOException ignored) {
                    // the test's assertions say what went wrong
                }
            }, "fifo-unblocker");
            writer.setDaemon(true);
            writer.start();
        }

        @Override
        public void close() throws IOException, InterruptedException {
            while (writer.isAlive()) { // until the writer's open has met one of these
                new RandomAccessFile(fifo.toFile(), "rw").close();
                writer.join(50);
            }
        }
    }
}

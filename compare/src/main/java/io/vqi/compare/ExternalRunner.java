package io.vqi.compare;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A codec measured through its command-line encoder and decoder ({@link ExternalCodec}). The tools are found on
 * the PATH given (normally the {@code PATH} environment variable) and started directly with
 * {@link ProcessBuilder}, no shell; each run has a timeout, and its stdout and stderr go to a log whose tail is the
 * message when it fails. Files live in a private temporary folder that {@link #close} deletes: the input PNG is
 * written once per image in {@link #prepare}, outside the timed encode; the decoder writes a PNG that is read back,
 * and that read counts as decoding.
 */
public final class ExternalRunner implements CodecRunner {
    private static final int LOG_TAIL = 600;

    private final ExternalCodec codec;
    private final Optional<Path> encoder;
    private final Optional<Path> decoder;
    private final Duration timeout;
    private Path workDir;
    private BufferedImage preparedFor;

    /**
     * @param searchPath a PATH-style list of folders ({@link File#pathSeparator}-separated)
     * @param timeout    how long one encode or decode may take before the process is killed
     */
    public ExternalRunner(ExternalCodec codec, String searchPath, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("tool timeout must be positive, got " + timeout);
        }
        this.codec = codec;
        this.encoder = onPath(codec.encoder(), searchPath);
        this.decoder = onPath(codec.decoder(), searchPath);
        this.timeout = timeout;
    }

    /** With the tools on this process's {@code PATH}. */
    public static ExternalRunner fromEnvironment(ExternalCodec codec, Duration timeout) {
        String path = System.getenv("PATH");
        return new ExternalRunner(codec, path == null ? "" : path, timeout);
    }

    /** The first executable file called {@code name} in the folders of {@code searchPath}. */
    static Optional<Path> onPath(String name, String searchPath) {
        for (String folder : searchPath.split(File.pathSeparator)) {
            if (folder.isEmpty()) {
                continue;
            }
            Path candidate;
            try {
                candidate = Path.of(folder, name);
            } catch (InvalidPathException e) {
                continue; // a PATH entry that is not a path here cannot hold the tool either
            }
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    @Override
    public String name() {
        return codec.codecName();
    }

    @Override
    public String description() {
        String where = encoder.map(p -> " (" + p.getParent() + ")").orElse("");
        return codec.commandSummary() + where + "; setting = " + codec.settingMeaning();
    }

    @Override
    public List<Setting> settings() {
        return codec.settings();
    }

    @Override
    public Optional<String> skipReason() {
        List<String> missing = new ArrayList<>();
        if (encoder.isEmpty()) {
            missing.add(codec.encoder());
        }
        if (decoder.isEmpty()) {
            missing.add(codec.decoder());
        }
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.join(" and ", missing) + " not found on PATH (Debian package "
                + codec.debianPackage() + ")");
    }

    @Override
    public void prepare(BufferedImage image) throws IOException {
        Path dir = workDir();
        if (!ImageIO.write(image, "png", dir.resolve("input.png").toFile())) {
            throw new IOException("no PNG writer for the input image");
        }
        preparedFor = image;
    }

    @Override
    public byte[] encode(BufferedImage image, Setting setting) throws IOException {
        if (preparedFor != image) {
            prepare(image);
        }
        Path out = workDir.resolve("encoded." + codec.extension());
        Files.deleteIfExists(out);
        run(codec.encodeCommand(tool(encoder), workDir.resolve("input.png"), out, setting));
        return readOutput(out);
    }

    @Override
    public BufferedImage decode(byte[] encoded) throws IOException {
        Path in = workDir().resolve("todecode." + codec.extension());
        Path out = workDir.resolve("decoded.png");
        Files.write(in, encoded);
        Files.deleteIfExists(out);
        run(codec.decodeCommand(tool(decoder), in, out));
        BufferedImage image = ImageIO.read(readOutputFile(out));
        if (image == null) {
            throw new IOException(codec.decoder() + " wrote a PNG that ImageIO cannot read");
        }
        return image;
    }

    private Path tool(Optional<Path> tool) throws IOException {
        return tool.orElseThrow(() -> new IOException(skipReason().orElseThrow()));
    }

    private Path workDir() throws IOException {
        if (workDir == null) {
            workDir = Files.createTempDirectory("vqi-compare-" + codec.codecName() + "-");
        }
        return workDir;
    }

    private byte[] readOutput(Path out) throws IOException {
        return Files.readAllBytes(readOutputFile(out).toPath());
    }

    private File readOutputFile(Path out) throws IOException {
        if (!Files.isRegularFile(out) || Files.size(out) == 0) {
            throw new IOException("the tool exited cleanly but wrote no " + out.getFileName());
        }
        return out.toFile();
    }

    private void run(List<String> command) throws IOException {
        Path log = workDir.resolve("tool.log");
        Process process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        process.getOutputStream().close(); // no tool reads stdin here; EOF rather than a hang
        String tool = Path.of(command.get(0)).getFileName().toString();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IOException(tool + " timed out after " + describe(timeout));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(tool + " was interrupted");
        }
        if (process.exitValue() != 0) {
            throw new IOException(tool + " exited with status " + process.exitValue() + ": " + tail(log));
        }
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** The private working folder, once there is one; for tests and diagnostics. */
    Optional<Path> workingFolder() {
        return Optional.ofNullable(workDir);
    }

    private static String tail(Path log) throws IOException {
        String text = Files.readString(log, StandardCharsets.UTF_8).strip();
        return text.length() <= LOG_TAIL ? text : "..." + text.substring(text.length() - LOG_TAIL);
    }

    @Override
    public void close() throws IOException {
        if (workDir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(workDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
        workDir = null;
        preparedFor = null;
    }
}

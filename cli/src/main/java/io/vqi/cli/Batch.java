package io.vqi.cli;

import io.vqi.core.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * What {@code compress} and {@code decompress} share: turning the inputs and {@link BatchOptions} into a list of
 * {@link Item}s (folders expanded, output names chosen, clashes refused), and running a worker over them, in
 * parallel with {@code -j}, printing each item's result or error in input order. A failed item does not stop the
 * others; the exit code is that of the first failure.
 *
 * <p>{@code -} is stdin as an input and stdout as {@code -o}. Those are the process's {@code System.in} and
 * {@code System.out} byte streams (picocli's writers carry text only); when stdout carries a file, the text report
 * goes to stderr.
 */
final class Batch {
    /** The name of stdin and stdout on the command line. */
    static final String STDIO = "-";
    /** Largest input read into memory, 1 GiB: far above any image of {@code VqiFormat.MAX_PIXELS}. */
    static final int MAX_INPUT_BYTES = 1 << 30;

    private Batch() {
    }

    /**
     * One input and its output.
     *
     * @param input        the input file, or null for stdin
     * @param output       the output file, or null for stdout
     * @param createFolder the output's folder may be created ({@code -d})
     */
    record Item(Path input, Path output, boolean createFolder) {
        String inputName() {
            return input == null ? STDIO : input.toString();
        }

        String outputName() {
            return output == null ? STDIO : output.toString();
        }

        boolean toStdout() {
            return output == null;
        }

        /** The whole input, at most {@link #MAX_INPUT_BYTES}. */
        byte[] read() throws IOException {
            if (input == null) {
                return readLimited(System.in);
            }
            if (Files.isDirectory(input)) {
                throw new CliException(ExitCodes.NO_INPUT, "is a folder (use -r to process the files in it)");
            }
            requireRegularFile(input);
            try (InputStream in = Files.newInputStream(input)) {
                return readLimited(in);
            }
        }

        /** Fails early, before the work, if the output may not be written. */
        void checkOutput(boolean force) throws IOException {
            if (output != null) {
                AtomicFile.checkWritable(output, force);
            }
        }

        /** Writes the output: atomically to a file, or to stdout. */
        void write(byte[] data, boolean force) throws IOException {
            if (output != null) {
                AtomicFile.write(output, data, force, createFolder);
                return;
            }
            PrintStream stdout = System.out;
            stdout.write(data, 0, data.length);
            stdout.flush();
            if (stdout.checkError()) {
                throw new IOException("cannot write to stdout");
            }
        }

        private static byte[] readLimited(InputStream in) throws IOException {
            byte[] data = in.readNBytes(MAX_INPUT_BYTES + 1);
            if (data.length > MAX_INPUT_BYTES) {
                throw new CliException(ExitCodes.DATA_ERROR, "input larger than " + MAX_INPUT_BYTES + " bytes");
            }
            return data;
        }
    }

    /**
     * Refuses an input that exists but is not a regular file (after symbolic links), before it is opened: a FIFO
     * without a writer would block the read forever, and a device or socket is no image file. Exit 66, as the help
     * says; a missing file is left to the caller's open (NoSuchFileException, also 66). Data from a pipe comes in as
     * '-', stdin.
     */
    static void requireRegularFile(Path file) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return;
        }
        if (!attributes.isRegularFile() && !attributes.isDirectory()) {
            throw new CliException(ExitCodes.NO_INPUT, "is not a regular file (a FIFO, device or socket; pipe data "
                    + "in through '-', stdin)");
        }
    }

    /**
     * What a worker made of one item.
     *
     * @param text  the result line
     * @param json  the same as a JSON object
     * @param notes warnings for stderr, one line each
     */
    record Report(String text, Json.Obj json, List<String> notes) {
    }

    /** The work for one item; {@code progress} hears how far it has got ({@link ProgressListener#NONE} if unseen). */
    @FunctionalInterface
    interface Worker {
        Report process(Item item, ProgressListener progress) throws Exception;
    }

    /**
     * The items for {@code inputs}.
     *
     * @param wanted files that {@code -r} picks up in a folder
     * @param rename the output's file name for an input's file name
     * @throws ParameterException for combinations that cannot work (several inputs and {@code -o}, stdin without
     *                            {@code -o}, two inputs with one output, ...)
     */
    static List<Item> plan(CommandSpec spec, List<String> inputs, BatchOptions options, Predicate<Path> wanted,
                           UnaryOperator<String> rename) throws IOException {
        if (options.output != null && options.outputDir != null) {
            throw usage(spec, "-o and -d cannot be used together");
        }
        if (options.jobs < 1) {
            throw usage(spec, "-j needs at least 1 job, got " + options.jobs);
        }
        if (options.outputDir != null && Files.exists(options.outputDir) && !Files.isDirectory(options.outputDir)) {
            throw usage(spec, "-d " + options.outputDir + " is not a folder");
        }
        List<Item> items = new ArrayList<>();
        for (String arg : inputs) {
            if (arg.equals(STDIO)) {
                if (inputs.size() != 1) {
                    throw usage(spec, "'-' (stdin) must be the only input");
                }
                if (options.output == null) {
                    throw usage(spec, "reading stdin needs -o FILE, or -o - for stdout");
                }
                items.add(new Item(null, null, false));
                continue;
            }
            Path input = path(spec, arg);
            if (options.recursive && Files.isDirectory(input)) {
                for (Path file : walk(input, wanted)) {
                    items.add(target(file, input, options, rename));
                }
            } else {
                items.add(target(input, null, options, rename));
            }
        }
        if (items.isEmpty()) {
            throw new CliException(ExitCodes.NO_INPUT, "no input files found in " + String.join(", ", inputs));
        }
        if (options.output != null) {
            if (items.size() != 1) {
                throw usage(spec, "-o names one output but there are " + items.size() + " inputs (use -d DIR)");
            }
            Item only = items.get(0);
            Path output = options.output.equals(STDIO) ? null : path(spec, options.output);
            items.set(0, new Item(only.input(), output, false));
        }
        refuseClashes(spec, items);
        return items;
    }

    /**
     * Runs {@code worker} over {@code items} and prints the results; returns the exit code of the first failure,
     * or {@link ExitCodes#OK}.
     */
    static int run(CommandSpec spec, List<Item> items, BatchOptions options, Worker worker) {
        CommonOptions common = CommonOptions.of(spec);
        PrintWriter err = spec.commandLine().getErr();
        boolean stdoutTaken = items.stream().anyMatch(Item::toStdout);
        // With -q and the file on stdout, the result line would be noise on stderr: only errors are printed.
        PrintWriter report = !stdoutTaken ? spec.commandLine().getOut()
                : common.quiet() ? new PrintWriter(Writer.nullWriter()) : err;
        Progress progress = new Progress(err, items.size(),
                Progress.wanted(common.quiet(), options.json, Progress.stderrIsTerminal()));
        int workers = Math.min(options.jobs, items.size());
        ExecutorService pool = workers > 1 ? Executors.newFixedThreadPool(workers, runnable -> {
            Thread thread = new Thread(runnable, "vqi-worker");
            thread.setDaemon(true);
            return thread;
        }) : null;
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            if (pool != null) {
                for (Item item : items) {
                    futures.add(pool.submit(() -> attempt(worker, item, progress)));
                }
            }
            int status = ExitCodes.OK;
            for (int i = 0; i < items.size(); i++) {
                Item item = items.get(i);
                Outcome outcome = pool == null ? attempt(worker, item, progress) : await(futures.get(i));
                progress.around(() -> print(outcome, item, options.json, common, report, err));
                if (outcome.failure() != null && status == ExitCodes.OK) {
                    status = ErrorHandler.exitCode(outcome.failure());
                }
            }
            return status;
        } finally {
            progress.finish();
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    /** {@code name} with its extension (if any) replaced by {@code extension}: {@code a.png} to {@code a.vqi}. */
    static String replaceExtension(String name, String extension) {
        int dot = name.lastIndexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name) + "." + extension;
    }

    /** The extension of {@code file}'s name, lower case, without the dot ("" if none). */
    static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }

    private record Outcome(Report report, Exception failure) {
    }

    private static Outcome attempt(Worker worker, Item item, Progress progress) {
        try {
            return new Outcome(worker.process(item, progress.listener(item.inputName())), null);
        } catch (Exception e) {
            return new Outcome(null, e);
        } finally {
            progress.step();
        }
    }

    private static Outcome await(Future<Outcome> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.INTERNAL, "interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error; // attempt() catches every Exception: only Errors get here
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static void print(Outcome outcome, Item item, boolean json, CommonOptions common, PrintWriter report,
                              PrintWriter err) {
        if (outcome.failure() == null) {
            List<String> notes = outcome.report().notes();
            if (json && !notes.isEmpty()) {
                // With --json the warnings are part of the record, not lines on stderr.
                Json.Arr warnings = Json.array();
                notes.forEach(warnings::add);
                outcome.report().json().put("warnings", warnings);
            } else if (!common.quiet()) {
                for (String note : notes) {
                    err.println(ErrorHandler.PREFIX + "warning: " + item.inputName() + ": " + note);
                }
                err.flush();
            }
            report.println(json ? outcome.report().json().toString() : outcome.report().text());
            report.flush();
            return;
        }
        Exception failure = outcome.failure();
        String message = ErrorHandler.message(Path.of(item.inputName()), failure);
        if (json) {
            report.println(Json.object().put("input", item.inputName()).put("error", message)
                    .put("exitCode", ErrorHandler.exitCode(failure)));
            report.flush();
        }
        ErrorHandler.report(err, message, failure, common.verbose());
    }

    /** The item for {@code file}, found below {@code root} (a folder given with -r) or given itself (root null). */
    private static Item target(Path file, Path root, BatchOptions options, UnaryOperator<String> rename) {
        Path name = file.getFileName();
        String outputName = rename.apply(name == null ? file.toString() : name.toString());
        if (options.outputDir == null) {
            return new Item(file, file.resolveSibling(outputName), false);
        }
        Path relative = root == null ? Path.of(outputName) : root.relativize(file).resolveSibling(outputName);
        return new Item(file, options.outputDir.resolve(relative), true);
    }

    /** The wanted regular files below {@code root}, in path order; hidden files and folders are skipped. */
    private static List<Path> walk(Path root, Predicate<Path> wanted) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> !hidden(root.relativize(p)) && Files.isRegularFile(p) && wanted.test(p))
                    .sorted().toList();
        }
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static void refuseClashes(CommandSpec spec, List<Item> items) {
        Map<Path, Item> byOutput = new HashMap<>();
        for (Item item : items) {
            if (item.output() == null) {
                continue;
            }
            Item other = byOutput.putIfAbsent(item.output().toAbsolutePath().normalize(), item);
            if (other != null) {
                throw usage(spec, other.inputName() + " and " + item.inputName() + " would both be written to "
                        + item.outputName());
            }
        }
    }

    private static Path path(CommandSpec spec, String name) {
        try {
            return Path.of(name);
        } catch (InvalidPathException e) {
            throw usage(spec, "not a valid path: " + e.getMessage());
        }
    }

    private static ParameterException usage(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}

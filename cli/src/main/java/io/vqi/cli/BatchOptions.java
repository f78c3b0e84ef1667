package io.vqi.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options {@code compress} and {@code decompress} share: where outputs go and how the batch runs. */
final class BatchOptions {
    @Option(names = {"-o", "--output"}, paramLabel = "OUT",
            description = "Output file, '-' for stdout. Only with a single input.")
    String output;

    @Option(names = {"-d", "--output-dir"}, paramLabel = "DIR",
            description = "Write the outputs into DIR (created if missing), keeping the paths below each input "
                    + "folder. Default: next to each input.")
    Path outputDir;

    @Option(names = {"-r", "--recursive"},
            description = "Process the files in folders named as inputs, and in their subfolders.")
    boolean recursive;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", defaultValue = "1",
            description = "Work on N files at once (default: ${DEFAULT-VALUE}). Results are printed in input order.")
    int jobs;

    @Option(names = "--force", description = "Overwrite existing output files.")
    boolean force;

    @Option(names = "--json",
            description = "Print one JSON object per input, one per line, instead of text (failures too, with "
                    + "\"error\" and \"exitCode\").")
    boolean json;
}

package io.vqi.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vqi info FILE...}: checks each {@code .vqi} file completely (signature, every CRC, the chunk rules) and
 * describes it. Needs no model: it never decodes the image. A bad file is reported and the others still get their
 * turn; the exit code is that of the first failure.
 */
@Command(name = "info",
        description = {"Check .vqi files and show their header and chunks.",
                "Reads every byte and verifies every CRC; needs no model."})
public final class InfoCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = ".vqi files to describe.")
    private List<Path> files;

    @Option(names = "--json",
            description = "Print one JSON object per file, one per line, instead of text.")
    private boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean verbose = CommonOptions.of(spec).verbose();
        int status = ExitCodes.OK;
        boolean first = true;
        for (Path file : files) {
            try {
                ContainerInfo info = ContainerInfo.read(file);
                if (json) {
                    out.println(info.toJson());
                } else {
                    out.print((first ? "" : "\n") + info.toText());
                }
                first = false;
            } catch (Exception e) {
                out.flush();
                ErrorHandler.report(err, ErrorHandler.message(file, e), e, verbose);
                if (status == ExitCodes.OK) {
                    status = ErrorHandler.exitCode(e);
                }
            }
            out.flush();
        }
        return status;
    }
}

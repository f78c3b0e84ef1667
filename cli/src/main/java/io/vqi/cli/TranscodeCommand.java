package io.vqi.cli;

import io.vqi.codec.ModelRegistry;

import io.vqi.model.ModelBundle;
import io.vqi.format.VqiContainer;
import io.vqi.format.VqiContainerReader;
import io.vqi.format.VqiContainerWriter;
import io.vqi.codec.VqiTranscoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code vqi transcode FILE.vqi --quality N}: lowers a file's quality without decoding it (quality 1 drops the
 * refinement layer; between refinement levels the integers are re-quantised). Milliseconds, no network runs.
 */
@Command(name = "transcode",
        description = {"Lower the quality of .vqi files without decoding them.",
                "Quality 1 keeps the base layer alone: byte for byte what 'vqi compress -q 1' writes. A level "
                        + "between re-quantises the refinement data. Prints input -> output, quality and bytes."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  vqi transcode photo.vqi -q 1 -o preview.vqi     the base layer alone",
                "  vqi transcode -r archive/ -d small/ -q 3        a whole tree at quality 3"})
final class TranscodeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = ".vqi files, folders (with -r), or '-' for stdin.")
    private List<String> inputs;

    @Mixin
    private BatchOptions batch = new BatchOptions();

    @Option(names = {"-q", "--quality"}, required = true, paramLabel = "N",
            description = "The quality to lower to: 1 up to the file's own.")
    private int quality;

    @Mixin
    private ModelOptions models = new ModelOptions();

    @Override
    public Integer call() throws IOException {
        if (quality < 1) {
            throw new ParameterException(spec.commandLine(), "--quality must be at least 1, got " + quality);
        }
        List<Batch.Item> items = Batch.plan(spec, inputs, batch, file -> Batch.extension(file).equals("vqi"),
                name -> Batch.replaceExtension(name, "q" + quality + ".vqi"));
        ModelRegistry bundles = models.registry();
        return Batch.run(spec, items, batch, (item, progress) -> transcode(item, bundles));
    }

    private Batch.Report transcode(Batch.Item item, ModelRegistry bundles) throws IOException {
        item.checkOutput(batch.force);
        byte[] in = item.read();
        VqiContainer container = VqiContainerReader.read(in);
        VqiContainer lowered;
        try {
            lowered = VqiTranscoder.lower(container, quality, bundles);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
        byte[] out = VqiContainerWriter.toBytes(lowered);
        item.write(out, batch.force);
        String text = String.format(Locale.ROOT, "%s -> %s  quality %d -> %d  %d -> %d bytes", item.inputName(),
                item.outputName(), container.header().quality(), quality, in.length, out.length);
        Json.Obj json = Json.object()
                .put("input", item.inputName())
                .put("output", item.outputName())
                .put("fromQuality", container.header().quality())
                .put("quality", quality)
                .put("inputBytes", in.length)
                .put("bytes", out.length);
        return new Batch.Report(text, json, List.of());
    }
}

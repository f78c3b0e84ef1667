package io.vqi.cli;

import io.vqi.codec.ModelRegistry;

import io.vqi.core.ProgressListener;
import io.vqi.model.ModelBundle;
import io.vqi.format.ImageMetadata;
import io.vqi.image.ImagePlanes;
import io.vqi.codec.VqiCodec;
import io.vqi.format.VqiContainer;
import io.vqi.format.VqiContainerReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vqi decompress FILE.vqi...}: {@code .vqi} files to PNG (or JPEG, BMP, TIFF). The model is the one the file
 * names: the embedded default or one passed with {@code --model}. Alpha, the ICC profile, EXIF and XMP come back where
 * the output format can hold them (EXIF and XMP: PNG and JPEG).
 */
@Command(name = "decompress",
        description = {"Decompress .vqi files to PNG, JPEG, BMP or TIFF.",
                "Each file names the model it was made with: the embedded one or one given with --model. Prints one "
                        + "line per file: input -> output, size, format and bytes written."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  vqi decompress photo.vqi                    writes photo.png next to it",
                "  vqi decompress photo.vqi -o photo-vqi.jpg   JPEG, chosen by the extension",
                "  vqi decompress -r out/ -d png/ -j 4         a whole tree, 4 files at a time",
                "  vqi decompress photo.vqi -o - | display     PNG on stdout",
                "  vqi decompress *.vqi --format tiff --force  TIFFs, replacing old ones"})
final class DecompressCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*",
            description = ".vqi files, folders (with -r), or '-' for stdin.")
    private List<String> inputs;

    @Mixin
    private BatchOptions batch = new BatchOptions();

    @Option(names = "--format", paramLabel = "FORMAT", converter = OutputFormat.Converter.class,
            completionCandidates = OutputFormat.Names.class,
            description = "Output format: ${COMPLETION-CANDIDATES}. Default: from the extension of -o, else png.")
    private OutputFormat format;

    @Mixin
    private ModelOptions models = new ModelOptions();

    @Override
    public Integer call() throws IOException {
        CommonOptions.of(spec).useDevice(spec.commandLine().getErr());
        OutputFormat chosen = format != null ? format : formatOfOutput();
        List<Batch.Item> items = Batch.plan(spec, inputs, batch, file -> Batch.extension(file).equals("vqi"),
                name -> Batch.replaceExtension(name, chosen.extension()));
        ModelRegistry bundles = models.registry();
        return Batch.run(spec, items, batch, (item, progress) -> decompress(item, bundles, chosen, progress));
    }

    /** The format {@code -o}'s extension names; PNG for stdout or without {@code -o}. */
    private OutputFormat formatOfOutput() {
        if (batch.output == null || batch.output.equals(Batch.STDIO)) {
            return OutputFormat.PNG;
        }
        return OutputFormat.byFileName(Path.of(batch.output)).orElseThrow(() -> new ParameterException(
                spec.commandLine(), "cannot tell the image format from '" + batch.output
                + "' (use .png, .jpg, .bmp or .tif, or --format)"));
    }

    private Batch.Report decompress(Batch.Item item, ModelRegistry bundles, OutputFormat outputFormat,
                                    ProgressListener progress) throws IOException {
        byte[] file = item.read();
        // The input first: "a.png: already exists" for `vqi decompress a.png` blamed the wrong file.
        VqiContainerReader.readHeader(file);
        item.checkOutput(batch.force);
        VqiContainer container = VqiContainerReader.read(file);
        ImageMetadata metadata = ImageMetadata.read(container);
        ImagePlanes planes = VqiCodec.decompressPlanes(container, bundles, progress);
        ImageOutput.Encoded image = ImageOutput.encode(planes, metadata, outputFormat);
        item.write(image.bytes(), batch.force);

        String text = String.format(Locale.ROOT, "%s -> %s  %d x %d  %s  %d bytes", item.inputName(),
                item.outputName(), planes.width(), planes.height(), outputFormat, image.bytes().length);
        Json.Obj json = Json.object()
                .put("input", item.inputName())
                .put("output", item.outputName())
                .put("format", outputFormat.imageIoName())
                .put("width", planes.width())
                .put("height", planes.height())
                .put("bytes", image.bytes().length)
                .put("inputBytes", file.length)
                .put("bitsPerPixel", 8.0 * file.length / planes.pixelCount())
                .put("gray", planes.gray())
                .put("alpha", planes.alpha() != null)
                .put("icc", planes.icc() != null)
                .put("exif", metadata.exif() != null)
                .put("xmp", metadata.xmp() != null);
        return new Batch.Report(text, json, image.notes());
    }
}

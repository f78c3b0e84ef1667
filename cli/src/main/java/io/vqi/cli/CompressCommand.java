package io.vqi.cli;

import io.vqi.codec.ModelRegistry;

import io.vqi.core.ProgressListener;
import io.vqi.metrics.Psnr;
import io.vqi.model.ModelBundle;
import io.vqi.network.Backend;
import io.vqi.image.ImagePlanes;
import io.vqi.codec.VqiCodec;
import io.vqi.format.VqiContainerReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vqi compress IMAGE...}: images to {@code .vqi} files. Alpha is kept losslessly ({@code alph} chunk), an ICC
 * profile in {@code iccp}, EXIF and XMP in {@code exif} and {@code xmpd} (unless {@code --strip}), gray stays gray,
 * deeper samples become 8-bit (with a warning), the EXIF orientation is applied. Without {@code --model} the embedded default model is used; a build without one says so and exits 64.
 */
@Command(name = "compress",
        description = {"Compress images to .vqi files.",
                "Reads PNG, JPEG, BMP, GIF, TIFF, WebP, PNM, PSD and TGA. Prints one line per file: "
                        + "input -> output, size, bytes and bits per pixel."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  vqi compress photo.png                      writes photo.vqi next to it (quality 6)",
                "  vqi compress -q 8 photo.png                 the best quality (1 = smallest, 8 = best)",
                "  vqi compress photo.jpg -o small.vqi --psnr  and report its PSNR",
                "  vqi compress --strip photo.jpg              without its EXIF and XMP",
                "  vqi compress -r photos/ -d out/ -j 4        a whole tree, 4 files at a time",
                "  cat photo.png | vqi compress - -o - > photo.vqi",
                "  vqi compress *.png --json | jq .bitsPerPixel"})
final class CompressCommand implements Callable<Integer> {
    /** The extensions {@code -r} picks up in folders. */
    static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "jpe", "jfif", "bmp", "dib", "gif",
            "tif", "tiff", "webp", "pnm", "pbm", "pgm", "ppm", "pam", "psd", "psb", "tga");

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "IMAGE", arity = "1..*",
            description = "Image files, folders (with -r), or '-' for stdin.")
    private List<String> inputs;

    @Mixin
    private BatchOptions batch = new BatchOptions();

    @Mixin
    private ModelOptions models = new ModelOptions();

    @Option(names = {"-q", "--quality"}, paramLabel = "N",
            description = "Quality level, 1 (smallest file: the VQ base layer alone) to the model's best (8 for the "
                    + "embedded model). Default: " + VqiCodec.DEFAULT_QUALITY + ".")
    private Integer quality;

    @Option(names = "--no-colour-plane", description = "Write the layers alone: no colour plane or edge strip, and "
            + "the refinement at every quality above 1 even where the base layer with a plane would be smaller "
            + "(smooth images then cost more; such files lower to any quality by transcode exactly).")
    private boolean noColourPlane;

    @Option(names = "--psnr", description = "Also decode each file and report its PSNR against the input, in dB.")
    private boolean psnr;

    @Option(names = "--strip", description = "Leave the EXIF and XMP metadata behind (as cwebp -metadata none). The "
            + "ICC profile stays: it defines the colours. The EXIF orientation is applied either way.")
    private boolean strip;

    @Override
    public Integer call() throws IOException {
        CommonOptions.of(spec).useDevice(spec.commandLine().getErr());
        List<Batch.Item> items = Batch.plan(spec, inputs, batch,
                file -> IMAGE_EXTENSIONS.contains(Batch.extension(file)),
                name -> Batch.replaceExtension(name, "vqi"));
        Backend.preload(); // while the model loads and the first image is read (see there for what it loads first)
        ModelBundle bundle = models.single();
        int levels = VqiCodec.qualities(models.registry(), bundle);
        if (quality != null && (quality < 1 || quality > levels)) {
            throw new ParameterException(spec.commandLine(), "--quality must be in 1.." + levels + " for model "
                    + bundle.modelId() + ", got " + quality);
        }
        int q = quality != null ? quality : Math.min(VqiCodec.DEFAULT_QUALITY, levels);
        return Batch.run(spec, items, batch, (item, progress) -> compress(item, bundle, q, progress));
    }

    private Batch.Report compress(Batch.Item item, ModelBundle bundle, int level, ProgressListener progress)
            throws IOException {
        if (!item.toStdout() && IMAGE_EXTENSIONS.contains(Batch.extension(item.output()))) {
            // `-o out.png` used to write a .vqi file named out.png without a word.
            throw new CliException(ExitCodes.USAGE, item.outputName() + ": compress writes .vqi files, this name "
                    + "says " + Batch.extension(item.output()).toUpperCase(Locale.ROOT) + " (use a .vqi name)");
        }
        item.checkOutput(batch.force);
        ImageInput.Source source = ImageInput.read(item.read(), strip);
        ImagePlanes planes = source.planes();
        byte[] file = VqiCodec.compress(planes, source.metadata(), models.registry(), bundle, level, !noColourPlane,
                progress);
        double quality = Double.NaN;
        if (psnr) {
            ImagePlanes decoded = VqiCodec.decompressPlanes(VqiContainerReader.read(file), models.registry(), progress);
            quality = Psnr.ofRgb(planes.rgb(), decoded.rgb());
        }
        item.write(file, batch.force);

        double bpp = 8.0 * file.length / planes.pixelCount();
        // The encoder may find the base layer and a colour plane better than the refinement at this level's
        // trade-off (smooth content): the file then says quality 1, and the line says why.
        int made = VqiContainerReader.read(file).header().quality();
        String text = String.format(Locale.ROOT, "%s -> %s  %d x %d  quality %d%s  %d bytes  %.4f bpp",
                item.inputName(), item.outputName(), planes.width(), planes.height(), made,
                made == level ? "" : " (asked " + level + ": the base layer with a colour plane gave nearly the same picture "
                        + "for fewer bytes)", file.length, bpp);
        Json.Obj json = Json.object()
                .put("input", item.inputName())
                .put("output", item.outputName())
                .put("width", planes.width())
                .put("height", planes.height())
                .put("quality", made)
                .put("requestedQuality", level)
                .put("bytes", file.length)
                .put("bitsPerPixel", bpp)
                .put("gray", planes.gray())
                .put("alpha", planes.alpha() != null)
                .put("icc", planes.icc() != null)
                .put("exif", source.metadata().exif() != null)
                .put("xmp", source.metadata().xmp() != null);
        if (psnr) {
            text += String.format(Locale.ROOT, "  %.2f dB", quality);
            json.put("psnr", quality);
        }
        return new Batch.Report(text, json, source.notes());
    }
}

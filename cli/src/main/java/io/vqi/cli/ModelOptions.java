package io.vqi.cli;

import io.vqi.codec.ModelRegistry;
import io.vqi.model.ModelBundle;
import io.vqi.model.RefineBundle;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --model FILE} and {@code --layer FILE}, for every command that codes images: the models and refinement layers
 * they name on top of the ones the build embeds (what {@link VqiCli} was made with), loaded with {@link ModelFiles}'
 * errors (65 for a file that is not a model or a layer, 66 for a missing one, 64 when there is no model at all).
 */
final class ModelOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE",
            description = "Model file (.vqm); repeat for several. Encoding uses it instead of the model embedded in "
                    + "vqi; decoding also tries it on files the embedded model did not make.")
    private List<Path> files = new ArrayList<>();

    @Option(names = "--layer", paramLabel = "FILE",
            description = "Refinement layer file (.vqr, from vqi train export); repeat for several. Encoding above "
                    + "quality 1 uses the first one made for the model instead of the embedded layer; decoding also "
                    + "tries them on files whose layer this build does not embed.")
    private List<Path> layerFiles = new ArrayList<>();

    private ModelRegistry registry;
    private List<RefineBundle> layers;

    /** The embedded models (unless the command line was made without them) and the files', loaded once. */
    ModelRegistry registry() throws IOException {
        if (registry == null) {
            List<ModelBundle> loaded = new ArrayList<>();
            for (Path file : files) {
                loaded.add(ModelFiles.load(file));
            }
            ModelRegistry base = spec.root().userObject() instanceof VqiCli root ? root.models()
                    : ModelRegistry.embedded();
            registry = base.withFiles(loaded, layers());
        }
        return registry;
    }

    /** Whether {@code --model} was given. */
    boolean given() {
        return !files.isEmpty();
    }

    /** For a command that has no use for refinement layers: {@code --layer} is a usage error, not ignored. */
    void refuseLayers(String why) {
        if (!layerFiles.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "option '--layer' is not used here: " + why);
        }
    }

    /** The layers {@code --layer} names, in their order, loaded once. */
    List<RefineBundle> layers() throws IOException {
        if (layers == null) {
            List<RefineBundle> loaded = new ArrayList<>();
            for (Path file : layerFiles) {
                loaded.add(ModelFiles.loadLayer(file));
            }
            layers = List.copyOf(loaded);
        }
        return layers;
    }

    /** The models the files hold, in their order. */
    List<ModelBundle> fileModels() throws IOException {
        return registry().fileModels();
    }

    /** The one model a command that encodes uses: the file's, else the embedded default (64 when neither). */
    ModelBundle single() throws IOException {
        if (files.size() > 1) {
            throw new ParameterException(spec.commandLine(), "option '--model' (FILE) should be specified only once");
        }
        ModelRegistry r = registry();
        if (!r.fileModels().isEmpty()) {
            return r.fileModels().get(0);
        }
        return r.defaultModel().orElseThrow(() -> new CliException(ExitCodes.USAGE, ModelFiles.NO_DEFAULT_MODEL));
    }
}

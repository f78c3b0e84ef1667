package io.vqi.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Properties;

/**
 * What the trainers' tasks share: the run's options, its model's part of them and the log; and, for the tasks that
 * train on image crops, the corpus split and the state they record.
 *
 * @param <R> what the run returns
 * @param <M> the model the options train
 */
abstract class ModelTask<R, M extends TrainOptions.Model> implements TrainingTask<R> {
    protected final TrainOptions options;
    protected final M spec;
    protected final PrintStream log;
    private final Layout layout;

    ModelTask(TrainOptions options, Class<M> kind, PrintStream log, Layout layout) {
        this.options = options;
        this.spec = options.model(kind);
        this.log = log;
        this.layout = layout;
    }

    @Override
    public final Layout layout() {
        return layout;
    }

    /** The training images and, when some are held out, a centre-cropped batch of up to 8 of them. */
    record Images(ImageCorpus train, INDArray validation) {
    }

    /** Loads {@code --data} at the run's downscale and crop, holds out the validation images, logs the split. */
    final Images loadImages() throws IOException {
        ImageCorpus all = ImageCorpus.load(options.data(), options.downscale(), options.crop());
        ImageCorpus[] parts = all.split(options.validationImages());
        ImageCorpus train = parts[0];
        ImageCorpus val = parts[1];
        if (!options.nativeData().isEmpty()) {
            train = train.withNative(ImageCorpus.load(options.nativeData(), 1, options.crop()));
        }
        log.printf(Locale.ROOT, "data: %d training images (%d of them at native resolution, half of each batch), "
                + "%d held out for validation%n", train.size(), train.nativeCount(), val.size());
        int crop = options.crop();
        INDArray valBatch = null;
        if (val.size() > 0) {
            int vb = Math.min(8, val.size());
            float[] vbuf = new float[vb * 3 * crop * crop];
            val.centreBatch(vb, crop, vbuf);
            valBatch = Nd4j.create(vbuf, new long[] {vb, 3, crop, crop}, 'c');
        }
        return new Images(train, valBatch);
    }

    /** Records the architecture and the crops' settings, which resuming and a look at the run read back. */
    final void describeCrops(Properties p, String configProperties) {
        p.setProperty("config", toState(configProperties));
        p.setProperty("batch", Integer.toString(options.batch()));
        p.setProperty("crop", Integer.toString(options.crop()));
        p.setProperty("downscale", Integer.toString(options.downscale()));
        if (!options.nativeData().isEmpty()) {
            p.setProperty("nativeData", options.nativeData().toString());
        }
    }

    /** A config's properties on one line of the state file. */
    static String toState(String configProperties) {
        return configProperties.replace('\n', ';');
    }

    /** The properties of the config a state file records. */
    static String configOf(Properties state) {
        return state.getProperty("config").replace(';', '\n');
    }
}

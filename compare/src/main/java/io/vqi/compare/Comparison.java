package io.vqi.compare;

import io.vqi.metrics.MsSsim;
import io.vqi.metrics.Psnr;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rate-distortion sweep behind {@code vqi compare}: every available codec, at every setting, on every image.
 *
 * <p>Per codec: one warm-up encode and decode of the first image (JIT, ND4J start-up, the tool's page cache are
 * not measured), then for each image ({@link Images#read}, so 8-bit RGB) and each setting an encode and a decode,
 * each timed by wall clock; the rate is the encoded file's size, the quality is compared against the input. A
 * codec that is not installed is skipped with its reason; one that fails part-way (a tool crashes, a decoder gives
 * the wrong size) loses all its rows and is reported as skipped with the error, so a mean curve never mixes image
 * sets. Errors reading the input images end the run.
 */
public final class Comparison {
    private Comparison() {
    }

    /** Runs the comparison; {@code progress} hears about every item and every skipped codec. */
    public static ComparisonResult run(ComparisonOptions options, ProgressSink progress) throws IOException {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        List<Path> files = options.images();
        List<String> names = files.stream().map(p -> p.getFileName().toString()).toList();
        BufferedImage first = Images.read(files.get(0));
        Rectangle area = Images.centreSquare(first.getWidth(), first.getHeight(), options.cropSize());

        List<CodecRunner> runners = new ArrayList<>();
        try {
            for (String name : options.codecs()) {
                runners.add(Codecs.create(name, options.vqiLevels(), options.toolTimeout()));
            }
            int total = 0;
            for (CodecRunner r : runners) {
                if (r.available()) {
                    total += r.settings().size() * files.size();
                }
            }
            List<CodecStatus> statuses = new ArrayList<>();
            List<Measurement> rows = new ArrayList<>();
            List<Crops.Crop> crops = new ArrayList<>();
            int done = 0;
            for (CodecRunner runner : runners) {
                List<String> settings = runner.settings().stream().map(Setting::label).toList();
                Optional<String> skip = runner.skipReason();
                if (skip.isEmpty()) {
                    Sweep sweep = new Sweep(runner, files, names, first, area, progress, done, total);
                    skip = sweep.run();
                    if (skip.isEmpty()) {
                        rows.addAll(sweep.rows);
                        crops.addAll(sweep.crops);
                    }
                    done += runner.settings().size() * files.size();
                }
                skip.ifPresent(reason -> progress.onSkipped(runner.name(), reason));
                statuses.add(new CodecStatus(runner.name(), runner.description(), settings, skip));
            }
            Analysis analysis = Analysis.of(rows, options.anchor(), options.targetRates());
            Optional<Crops> cropSet = crops.isEmpty() ? Optional.empty()
                    : Optional.of(new Crops(names.get(0), area, Images.copy(first, area), crops));
            return new ComparisonResult(names, statuses, rows, analysis, cropSet, Machine.current(), started,
                    Duration.ofNanos(System.nanoTime() - t0));
        } finally {
            closeAll(runners);
        }
    }

    private static void closeAll(List<CodecRunner> runners) throws IOException {
        IOException failure = null;
        for (CodecRunner r : runners) {
            try {
                r.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** One codec over all images and settings. */
    private static final class Sweep {
        private final CodecRunner runner;
        private final List<Path> files;
        private final List<String> names;
        private final BufferedImage first;
        private final Rectangle area;
        private final ProgressSink progress;
        private final int total;
        private int index;
        final List<Measurement> rows = new ArrayList<>();
        final List<Crops.Crop> crops = new ArrayList<>();

        Sweep(CodecRunner runner, List<Path> files, List<String> names, BufferedImage first, Rectangle area,
              ProgressSink progress, int done, int total) {
            this.runner = runner;
            this.files = files;
            this.names = names;
            this.first = first;
            this.area = area;
            this.progress = progress;
            this.index = done;
            this.total = total;
        }

        /** Empty on success; the failure as a reason otherwise. Input images that cannot be read throw. */
        Optional<String> run() throws IOException {
            String where = "warm-up";
            try {
                List<Setting> settings = runner.settings();
                Setting middle = settings.get(settings.size() / 2);
                runner.prepare(first);
                runner.decode(runner.encode(first, middle));
                for (int i = 0; i < files.size(); i++) {
                    BufferedImage image = i == 0 ? first : readInput(files.get(i));
                    runner.prepare(image);
                    for (Setting setting : settings) {
                        where = names.get(i) + " at setting " + setting.label();
                        progress.onItem(runner.name(), setting.label(), names.get(i), ++index, total);
                        measure(image, names.get(i), setting, i == 0);
                    }
                }
                return Optional.empty();
            } catch (InputUnreadable e) {
                throw e.getCause();
            } catch (IOException | RuntimeException e) {
                String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                return Optional.of("failed on " + where + ": " + message);
            }
        }

        /** Input read errors are not the codec's fault: tunnel them past the codec's catch. */
        private static BufferedImage readInput(Path file) {
            try {
                return Images.read(file);
            } catch (IOException e) {
                throw new InputUnreadable(e);
            }
        }

        private static final class InputUnreadable extends RuntimeException {
            InputUnreadable(IOException cause) {
                super(cause);
            }

            @Override
            public synchronized IOException getCause() {
                return (IOException) super.getCause();
            }
        }

        private void measure(BufferedImage image, String name, Setting setting, boolean keepCrop)
                throws IOException {
            long t0 = System.nanoTime();
            byte[] encoded = runner.encode(image, setting);
            long t1 = System.nanoTime();
            BufferedImage decoded = runner.decode(encoded);
            long t2 = System.nanoTime();
            int w = image.getWidth();
            int h = image.getHeight();
            if (decoded.getWidth() != w || decoded.getHeight() != h) {
                throw new IOException("decoded " + decoded.getWidth() + "x" + decoded.getHeight() + ", expected "
                        + w + "x" + h);
            }
            double psnr = Psnr.of(image, decoded);
            double msssim = Math.min(w, h) >= MsSsim.MIN_SIDE ? MsSsim.of(image, decoded) : Double.NaN;
            Measurement m = Measurement.of(runner.name(), setting.label(), name, w, h, encoded.length, psnr, msssim,
                    (t1 - t0) / 1e6, (t2 - t1) / 1e6);
            rows.add(m);
            if (keepCrop) {
                crops.add(new Crops.Crop(runner.name(), setting.label(), m.bpp(), Images.copy(decoded, area)));
            }
        }
    }
}

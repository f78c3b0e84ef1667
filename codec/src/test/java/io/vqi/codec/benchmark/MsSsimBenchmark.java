package io.vqi.codec.benchmark;

import io.vqi.metrics.MsSsim;
import io.vqi.metrics.Psnr;
import io.vqi.metrics.SyntheticImages;

import java.awt.image.BufferedImage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/** Time of the metrics on one Kodak-sized (768x512) RGB pair. Run on purpose, not by the test suite. */
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MsSsimBenchmark extends MillisecondBenchmark {
    private BufferedImage reference;
    private BufferedImage distorted;

    @Setup
    public void setup() {
        reference = SyntheticImages.texture(768, 512, 1);
        distorted = SyntheticImages.noisy(reference, 8, 2);
    }

    @Benchmark
    public double msSsim() {
        return MsSsim.of(reference, distorted);
    }

    @Benchmark
    public double psnr() {
        return Psnr.of(reference, distorted);
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(MsSsimBenchmark.class.getSimpleName()).build()).run();
    }
}

package io.vqi.codec.benchmark;

import io.vqi.metrics.MsSsim;
import io.vqi.metrics.Psnr;
import io.vqi.metrics.SyntheticImages;

import java.awt.image.BufferedImage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/** Time of the metrics on one Kodak-sized (768x512) RGB pair. Run on purpose, not by the test suite. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MsSsimBenchmark {
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

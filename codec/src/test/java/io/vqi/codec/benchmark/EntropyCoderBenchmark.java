package io.vqi.codec.benchmark;

import io.vqi.core.CorruptStreamException;
import io.vqi.entropy.CdfQuantizer;
import io.vqi.entropy.QuantizedCdf;
import io.vqi.entropy.RangeDecoder;
import io.vqi.entropy.RangeEncoder;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of the entropy coder alone, per symbol, on a 64x64 grid of a 1024-symbol alphabet (a 512x512 image at
 * 8x downsampling): range encode, range decode (binary search included), and {@link CdfQuantizer#fromLogits}
 * per call. The CDFs are realistic: softmax of peaked, noisy logits, as a PixelCNN prior produces.
 *
 * <p>Run on purpose, never by the test suite: {@code ./bench.sh EntropyCoderBenchmark -wi 2 -i 3 -f 1}, or without
 * installing anything:
 * <pre>
 * mvn -B -o -q -pl codec test-compile dependency:build-classpath \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath
 * java -cp codec/target/test-classes:codec/target/classes:$(cat codec/target/test.classpath) \
 *     io.vqi.codec.benchmark.EntropyCoderBenchmark -wi 2 -i 3 -f 1 -p precision=24
 * </pre>
 * ({@link #main} adds the class name to JMH's options). Scores are symbols per second for {@code encode} and
 * {@code decode}, and CDFs per second for {@code quantizeLogits}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EntropyCoderBenchmark {
    private static final int ALPHABET = 1024;
    private static final int SYMBOLS = 64 * 64;
    private static final int DISTINCT_CDFS = 64;

    @Param({"16", "24"})
    public int precision;

    private float[][] logits;
    private QuantizedCdf[] cdfs;
    private int[] which;
    private int[] symbols;
    private byte[] payload;
    private CdfQuantizer quantizer;

    @Setup
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(42);
        quantizer = new CdfQuantizer(precision);
        logits = new float[DISTINCT_CDFS][ALPHABET];
        cdfs = new QuantizedCdf[DISTINCT_CDFS];
        for (int c = 0; c < DISTINCT_CDFS; c++) {
            double center = rnd.nextDouble() * ALPHABET;
            double spread = 2 + rnd.nextDouble() * 60;   // from nearly certain to broad
            for (int i = 0; i < ALPHABET; i++) {
                logits[c][i] = (float) (1.5 * rnd.nextGaussian() - Math.abs(i - center) / spread);
            }
            cdfs[c] = quantizer.fromLogits(logits[c]);
        }
        which = new int[SYMBOLS];
        symbols = new int[SYMBOLS];
        RangeEncoder encoder = new RangeEncoder(SYMBOLS);
        for (int i = 0; i < SYMBOLS; i++) {
            which[i] = rnd.nextInt(DISTINCT_CDFS);
            QuantizedCdf cdf = cdfs[which[i]];
            symbols[i] = cdf.symbolAt(rnd.nextInt(cdf.total()));   // drawn from the CDF itself
            encoder.encode(cdf, symbols[i]);
        }
        payload = encoder.finish();
    }

    @Benchmark
    @OperationsPerInvocation(SYMBOLS)
    public byte[] encode() {
        RangeEncoder encoder = new RangeEncoder(payload.length + 64);
        for (int i = 0; i < SYMBOLS; i++) {
            encoder.encode(cdfs[which[i]], symbols[i]);
        }
        return encoder.finish();
    }

    @Benchmark
    @OperationsPerInvocation(SYMBOLS)
    public int decode() throws CorruptStreamException {
        RangeDecoder decoder = new RangeDecoder(payload);
        int check = 0;
        for (int i = 0; i < SYMBOLS; i++) {
            check += decoder.decode(cdfs[which[i]]);
        }
        decoder.finish();
        return check;
    }

    @Benchmark
    @OperationsPerInvocation(DISTINCT_CDFS)
    public void quantizeLogits(Blackhole blackhole) {
        for (float[] l : logits) {
            blackhole.consume(quantizer.fromLogits(l));
        }
    }

    /** Runs this benchmark; the arguments are JMH options such as {@code -wi 2 -i 3 -f 1 -p precision=24}. */
    public static void main(String[] args) throws Exception {
        String[] all = new String[args.length + 1];
        all[0] = EntropyCoderBenchmark.class.getName();
        System.arraycopy(args, 0, all, 1, args.length);
        org.openjdk.jmh.Main.main(all);
    }
}

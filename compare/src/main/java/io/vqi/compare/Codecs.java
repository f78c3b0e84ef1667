package io.vqi.compare;

import io.vqi.core.InvalidOptionException;
import java.time.Duration;
import java.util.List;

/** The codec names {@code vqi compare} knows, and the runner for each. */
public final class Codecs {
    /** Every codec, in report order. */
    public static final List<String> NAMES = List.of(VqiRunner.NAME, JpegRunner.OPTIMISED, JpegRunner.PLAIN,
            Jpeg2000Runner.NAME, ExternalCodec.WEBP.codecName(), ExternalCodec.AVIF.codecName(),
            ExternalCodec.JXL.codecName(), PngRunner.NAME);

    private Codecs() {
    }

    /**
     * A new runner for {@code name}; external tools are looked up on this process's PATH.
     *
     * @throws IllegalArgumentException for a name not in {@link #NAMES}
     */
    public static CodecRunner create(String name, List<VqiLevel> vqiLevels, Duration toolTimeout) {
        return switch (name) {
            case VqiRunner.NAME -> new VqiRunner(vqiLevels);
            case JpegRunner.OPTIMISED -> JpegRunner.optimised();
            case JpegRunner.PLAIN -> JpegRunner.plain();
            case Jpeg2000Runner.NAME -> new Jpeg2000Runner();
            case PngRunner.NAME -> new PngRunner();
            default -> ExternalRunner.fromEnvironment(external(name), toolTimeout);
        };
    }

    private static ExternalCodec external(String name) {
        for (ExternalCodec codec : ExternalCodec.values()) {
            if (codec.codecName().equals(name)) {
                return codec;
            }
        }
        throw new IllegalArgumentException("unknown codec \"" + name + "\"; known: " + String.join(", ", NAMES));
    }

    /** @throws InvalidOptionException for a name not in {@link #NAMES} */
    static void requireKnown(String name) {
        if (!NAMES.contains(name)) {
            throw new InvalidOptionException("unknown codec \"" + name + "\"; known: " + String.join(", ", NAMES));
        }
    }
}

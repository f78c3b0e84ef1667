package io.vqi.compare;

import com.github.jaiimageio.jpeg2000.J2KImageWriteParam;
import com.github.jaiimageio.jpeg2000.impl.J2KImageReaderSpi;
import com.github.jaiimageio.jpeg2000.impl.J2KImageWriterSpi;

import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Lossy JPEG 2000 through jai-imageio-jpeg2000 (JJ2000): 9/7 wavelet, irreversible colour transform, rate control
 * to a target in bpp, which is the setting. It writes a bare codestream (no JP2 boxes), the closest analogue of
 * OpenJPEG's {@code .j2k}; the measured bpp is that file's size and lands a little under the target (within 5 % on
 * 200x200 images, within 1 % from 0.1 bpp up). JJ2000 refuses targets below its header overhead (about 0.03 bpp on
 * a 200x200 image), which fails the codec for that run.
 *
 * <p>The plugin's SPIs are instantiated directly rather than looked up in the ImageIO registry, so the runner
 * works in a shaded jar whose service files were not merged. Its writer mis-encodes packed-int images
 * ({@code TYPE_INT_RGB} comes out with about 20 dB whatever the rate), so it is always given interleaved bytes.
 */
public final class Jpeg2000Runner implements CodecRunner {
    public static final String NAME = "jpeg2000";
    public static final List<Double> RATES = List.of(0.05, 0.1, 0.15, 0.25, 0.35, 0.5, 0.75, 1.0, 1.5, 2.0);

    private final List<Setting> settings = RATES.stream().map(Setting::of).toList();
    private final ImageWriter writer;
    private final ImageReader reader;

    public Jpeg2000Runner() {
        try {
            writer = new J2KImageWriterSpi().createWriterInstance();
            reader = new J2KImageReaderSpi().createReaderInstance();
        } catch (IOException e) {
            throw new IllegalStateException("jai-imageio-jpeg2000 cannot create its plugins", e);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "JPEG 2000 via jai-imageio-jpeg2000 (JJ2000), 9/7 wavelet, codestream only; "
                + "setting = target rate in bpp";
    }

    @Override
    public List<Setting> settings() {
        return settings;
    }

    @Override
    public Optional<String> skipReason() {
        return Optional.empty();
    }

    @Override
    public byte[] encode(BufferedImage image, Setting setting) throws IOException {
        J2KImageWriteParam param = (J2KImageWriteParam) writer.getDefaultWriteParam();
        param.setLossless(false);
        param.setFilter(J2KImageWriteParam.FILTER_97);
        param.setComponentTransformation(true);
        param.setEncodingRate(setting.value());
        param.setWriteCodeStreamOnly(true);
        return ImageIoPlugins.write(writer, Images.toRgb8(image), param);
    }

    @Override
    public BufferedImage decode(byte[] encoded) throws IOException {
        return ImageIoPlugins.read(reader, encoded);
    }

    @Override
    public void close() {
        writer.dispose();
        reader.dispose();
    }
}

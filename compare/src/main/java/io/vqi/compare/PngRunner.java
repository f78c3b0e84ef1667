package io.vqi.compare;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;

/**
 * PNG through the JDK's ImageIO plugin: the lossless reference. Its PSNR is +Infinity, so it has no rate-quality
 * curve; it shows what the pictures cost without loss.
 */
public final class PngRunner extends JdkImageIoRunner {
    public static final String NAME = "png";
    public static final String JDK_WRITER = "com.sun.imageio.plugins.png.PNGImageWriter";
    public static final String JDK_READER = "com.sun.imageio.plugins.png.PNGImageReader";
    public static final Setting LOSSLESS = new Setting("lossless", 0);

    public PngRunner() {
        super("png", "the JDK's PNG plugin", JDK_WRITER, JDK_READER);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "JDK ImageIO PNG (" + JDK_WRITER + "), default deflate level; lossless reference, one setting";
    }

    @Override
    public List<Setting> settings() {
        return List.of(LOSSLESS);
    }

    @Override
    public byte[] encode(BufferedImage image, Setting setting) throws IOException {
        return plugins.write(image, plugins.writer().getDefaultWriteParam());
    }
}

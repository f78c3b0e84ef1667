package io.vqi.compare;

import javax.imageio.ImageWriteParam;
import javax.imageio.plugins.jpeg.JPEGImageWriteParam;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;

/**
 * Baseline JPEG through the JDK's own ImageIO writer, chosen by class name even when TwelveMonkeys' JPEG plugin is
 * registered too. For RGB input the JDK writes JFIF YCbCr with 2x2 luma sampling, i.e. 4:2:0 (the JPEG anchor of
 * ANCHORS.md). Two variants, because Huffman tables alone move JPEG's rate by about a quarter:
 * {@code jpeg} optimises them per image as {@code cjpeg -optimize} does, {@code jpeg-plain} uses the standard
 * tables of Annex K. The setting is the IJG quality 0-100 ({@code compressionQuality = q / 100}, which the JDK
 * scales the Annex K tables with exactly as libjpeg's {@code jpeg_quality_scaling}).
 */
public final class JpegRunner extends JdkImageIoRunner {
    public static final String OPTIMISED = "jpeg";
    public static final String PLAIN = "jpeg-plain";
    public static final String JDK_WRITER = "com.sun.imageio.plugins.jpeg.JPEGImageWriter";
    public static final String JDK_READER = "com.sun.imageio.plugins.jpeg.JPEGImageReader";
    public static final List<Integer> QUALITIES = List.of(5, 10, 15, 20, 30, 40, 50, 60, 70, 80, 90, 95);

    private final String name;
    private final boolean optimiseHuffman;
    private final List<Setting> settings = QUALITIES.stream().map(Setting::of).toList();

    private JpegRunner(String name, boolean optimiseHuffman) {
        super("jpeg", "the JDK's JPEG plugin", JDK_WRITER, JDK_READER);
        this.name = name;
        this.optimiseHuffman = optimiseHuffman;
    }

    /** {@code jpeg}: optimised Huffman tables, the fair anchor. */
    public static JpegRunner optimised() {
        return new JpegRunner(OPTIMISED, true);
    }

    /** {@code jpeg-plain}: the standard Huffman tables, what a default ImageIO write produces. */
    public static JpegRunner plain() {
        return new JpegRunner(PLAIN, false);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "JDK ImageIO JPEG (" + JDK_WRITER + "), baseline 4:2:0, "
                + (optimiseHuffman ? "optimised Huffman tables" : "standard Huffman tables")
                + "; setting = quality 0-100";
    }

    @Override
    public List<Setting> settings() {
        return settings;
    }

    @Override
    public byte[] encode(BufferedImage image, Setting setting) throws IOException {
        JPEGImageWriteParam param = (JPEGImageWriteParam) plugins.writer().getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality((float) (setting.value() / 100));
        param.setOptimizeHuffmanTables(optimiseHuffman);
        return plugins.write(image, param);
    }
}

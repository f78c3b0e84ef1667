package io.vqi.compare;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Optional;

/** A codec through one of the JDK's own ImageIO plugins, chosen by class name: it is skipped where they are absent. */
abstract sealed class JdkImageIoRunner implements CodecRunner permits JpegRunner, PngRunner {
    protected final ImageIoPlugins.Pair plugins;

    JdkImageIoRunner(String format, String label, String writerClass, String readerClass) {
        this.plugins = new ImageIoPlugins.Pair(format, label, writerClass, readerClass);
    }

    @Override
    public Optional<String> skipReason() {
        return plugins.skipReason();
    }

    @Override
    public BufferedImage decode(byte[] encoded) throws IOException {
        return plugins.read(encoded);
    }

    @Override
    public void close() {
        plugins.close();
    }
}

package io.vqi.imageio;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both SPIs take their names from {@link VqiProviderInfo}, and the service files register exactly them. */
class VqiProviderInfoTest {

    @Test
    void bothProvidersShareTheNames() {
        VqiImageReaderSpi reader = new VqiImageReaderSpi();
        VqiImageWriterSpi writer = new VqiImageWriterSpi();
        assertEquals(Arrays.asList(reader.getFormatNames()), Arrays.asList(writer.getFormatNames()));
        assertEquals(Arrays.asList(reader.getFileSuffixes()), Arrays.asList(writer.getFileSuffixes()));
        assertEquals(Arrays.asList(reader.getMIMETypes()), Arrays.asList(writer.getMIMETypes()));
        assertEquals(VqiProviderInfo.FORMAT_NAMES, Arrays.asList(reader.getFormatNames()));
        assertEquals(List.of(VqiImageWriterSpi.class.getName()), Arrays.asList(reader.getImageWriterSpiNames()));
        assertEquals(List.of(VqiImageReaderSpi.class.getName()), Arrays.asList(writer.getImageReaderSpiNames()));
        assertEquals(VqiImageReader.class.getName(), reader.getPluginClassName());
        assertEquals(VqiImageWriter.class.getName(), writer.getPluginClassName());
        assertEquals(VqiProviderInfo.NATIVE_IMAGE_METADATA_FORMAT_NAME, reader.getNativeImageMetadataFormatName());
        assertEquals(VqiProviderInfo.NATIVE_IMAGE_METADATA_FORMAT_NAME, writer.getNativeImageMetadataFormatName());
        assertTrue(reader.isStandardImageMetadataFormatSupported());
        assertEquals(VqiImageMetadataFormat.getInstance(),
                reader.getImageMetadataFormat(VqiProviderInfo.NATIVE_IMAGE_METADATA_FORMAT_NAME));
    }

    @Test
    void serviceFilesRegisterExactlyTheProviders() throws IOException {
        assertEquals(List.of(VqiImageReaderSpi.class.getName()), registered("javax.imageio.spi.ImageReaderSpi"));
        assertEquals(List.of(VqiImageWriterSpi.class.getName()), registered("javax.imageio.spi.ImageWriterSpi"));
    }

    /** The vqi lines of this module's service file (other jars on the test classpath may have their own). */
    private static List<String> registered(String service) throws IOException {
        List<String> lines = new ArrayList<>();
        for (URL url : Collections.list(VqiProviderInfoTest.class.getClassLoader()
                .getResources("META-INF/services/" + service))) {
            try (InputStream in = url.openStream()) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    String entry = line.strip();
                    if (entry.startsWith("io.vqi.")) {
                        lines.add(entry);
                    }
                }
            }
        }
        return lines;
    }
}

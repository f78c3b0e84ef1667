package io.vqi.imageio;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.spi.ImageReaderWriterSpi;
import javax.imageio.spi.ImageWriterSpi;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 15, item 5: the write param works as it comes, and the plugin leaves a host's other formats alone. */
class ImageIoMannersTest {

    /**
     * 5(a): as the JDK's JPEG param has type "JPEG" preset, the default param has a compression type, so the quality
     * API works without {@code setCompressionType}.
     */
    @Test
    void theDefaultWriteParamsQualityApiWorksWithoutSetCompressionType() {
        ImageWriteParam param = ImageIO.getImageWritersByFormatName("vqi").next().getDefaultWriteParam();
        assertEquals(ImageWriteParam.MODE_EXPLICIT, param.getCompressionMode());
        assertNotNull(param.getCompressionType());
        float[] bounds = param.getCompressionQualityValues();
        assertEquals(0f, bounds[0]);
        assertEquals(1f, bounds[bounds.length - 1]);
        assertEquals(bounds.length - 1, param.getCompressionQualityDescriptions().length);
        param.setCompressionQuality(0f);
        assertEquals(0f, param.getCompressionQuality());
    }

    /** The same for a param offered no model (a writer without one, or the public constructor). */
    @Test
    void aParamWithoutModelsStillHasAWorkingQualityApi() {
        for (VqiImageWriteParam param : List.of(new VqiImageWriteParam(Locale.ROOT),
                new VqiImageWriter(new VqiImageWriterSpi()).getDefaultWriteParam())) {
            int levels = param.levels();
            assertEquals(levels + 1, param.getCompressionQualityValues().length);
            param.setCompressionQuality(0f);
            assertEquals(1, param.getQualityLevel(), "quality 0 is level 1, model or not");
            param.setCompressionQuality(1f);
            assertEquals(levels, param.getQualityLevel());
        }
        VqiImageWriteParam none = new VqiImageWriteParam(Locale.ROOT);
        assertNull(none.getCompressionTypes(), "no model to choose: no types, and no type to set");
        none.setModel(TestFixtures.MODEL);
        assertArrayEquals(new String[] {TestFixtures.MODEL.modelId()}, none.getCompressionTypes());
        assertEquals(TestFixtures.MODEL.modelId(), none.getCompressionType());
    }

    /**
     * 5(b): with only this module's classpath (its runtime dependencies plus test-only ones, which bring no ImageIO
     * plugin either) the readers and writers registered are the JDK's and vqi's: no TwelveMonkeys or jai-imageio
     * plugin comes with the plugin artifact, so a host's {@code .jpg} files are read by the reader they were read by
     * before.
     */
    @Test
    void thePluginBringsNoOtherFormatsReadersOrWriters() {
        ImageIO.scanForPlugins();
        List<String> foreign = new ArrayList<>();
        IIORegistry registry = IIORegistry.getDefaultInstance();
        for (Class<? extends ImageReaderWriterSpi> category : List.of(ImageReaderSpi.class, ImageWriterSpi.class)) {
            Iterator<? extends ImageReaderWriterSpi> providers = registry.getServiceProviders(category, true);
            while (providers.hasNext()) {
                String name = providers.next().getClass().getName();
                if (!name.startsWith("com.sun.imageio.") && !name.startsWith("io.vqi.")) {
                    foreign.add(name);
                }
            }
        }
        assertEquals(List.of(), foreign, "ImageIO plugins that are neither the JDK's nor vqi's");
        Iterator<ImageReader> jpeg = ImageIO.getImageReadersByFormatName("jpeg");
        assertTrue(jpeg.hasNext());
        assertEquals("com.sun.imageio.plugins.jpeg.JPEGImageReader", jpeg.next().getClass().getName());
    }
}

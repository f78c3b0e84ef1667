package io.vqi.imageio;

import io.vqi.codec.FuzzSeeds;
import io.vqi.format.ChunkMutator;
import io.vqi.format.Outcomes;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vqi.imageio.VqiImageMetadata;
import io.vqi.imageio.VqiImageReader;
import io.vqi.imageio.VqiImageReaderSpi;
import org.junit.jupiter.api.Timeout;

import javax.imageio.IIOException;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes the ImageIO reader (issue 14) the way a program drives it: {@code canDecodeInput}, the size, the image
 * types, the metadata trees, and a read with a region, subsampling, destination offset, destination type and source
 * bands the fuzzer picks. Files
 * come from {@link ChunkMutator} (valid CRCs); the reader knows the tiny model of {@link FuzzSeeds}. Every refusal
 * must be an {@link IIOException} in one line; an image must have the size the parameters ask for.
 */
class ImageReaderFuzzTest {

    private static final VqiImageReaderSpi SPI = new VqiImageReaderSpi();

    @Timeout(10)
    @FuzzTest
    void read(FuzzedDataProvider data) throws IOException {
        byte[] file = ChunkMutator.mutate(data, FuzzSeeds.decodable());
        check(file, data);
    }

    static void check(byte[] file, FuzzedDataProvider data) throws IOException {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(file))) {
            SPI.canDecodeInput(in);
            assertEquals(0, in.getStreamPosition(), "canDecodeInput must leave the stream where it was");
            VqiImageReader reader = (VqiImageReader) SPI.createReaderInstance(null);
            reader.setModels(List.of(FuzzSeeds.MODEL));
            reader.setInput(in);
            try {
                drive(reader, data);
            } catch (IIOException e) {
                Outcomes.oneLine(e);
            } finally {
                reader.dispose();
            }
        }
    }

    private static void drive(VqiImageReader reader, FuzzedDataProvider data) throws IOException {
        assertEquals(1, reader.getNumImages(true));
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        List<ImageTypeSpecifier> types = new ArrayList<>();
        reader.getImageTypes(0).forEachRemaining(types::add);
        assertTrue(!types.isEmpty(), "no image type");
        VqiImageMetadata metadata = reader.getImageMetadata(0);
        metadata.getAsTree(metadata.getNativeMetadataFormatName());
        metadata.getAsTree("javax_imageio_1.0");
        ImageReadParam param = reader.getDefaultReadParam();
        Rectangle region = new Rectangle(0, 0, width, height);
        if (data.consumeBoolean()) {
            int x = data.consumeInt(0, width - 1);
            int y = data.consumeInt(0, height - 1);
            region = new Rectangle(x, y, data.consumeInt(1, width - x), data.consumeInt(1, height - y));
            param.setSourceRegion(region);
        }
        int periodX = data.consumeInt(1, 4);
        int periodY = data.consumeInt(1, 4);
        param.setSourceSubsampling(periodX, periodY, 0, 0);
        int dx = data.consumeInt(0, 3);
        int dy = data.consumeInt(0, 3);
        param.setDestinationOffset(new java.awt.Point(dx, dy));
        int bands = types.get(0).getNumBands();
        if (data.consumeBoolean()) {
            ImageTypeSpecifier type = types.get(data.consumeInt(0, types.size() - 1));
            param.setDestinationType(type);
            bands = type.getNumBands();
        }
        if (data.consumeBoolean() && bands == types.get(0).getNumBands()) {
            // every band once, in an order the fuzzer picks (IIOParam#setSourceBands refuses duplicates)
            int[] source = new int[bands];
            for (int i = 0; i < bands; i++) {
                int j = data.consumeInt(0, i);
                source[i] = source[j];
                source[j] = i;
            }
            param.setSourceBands(source);
        }
        BufferedImage image = reader.read(0, param);
        assertEquals(dx + (region.width + periodX - 1) / periodX, image.getWidth(), "destination width");
        assertEquals(dy + (region.height + periodY - 1) / periodY, image.getHeight(), "destination height");
    }
}

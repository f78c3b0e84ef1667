package io.vqi.imageio;

import io.vqi.format.ImageMetadata;
import io.vqi.format.VqiContainer;
import io.vqi.format.VqiContainerReader;
import io.vqi.format.VqiContainerWriter;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Node;

import javax.imageio.IIOImage;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.metadata.IIOMetadataNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.vqi.imageio.TestFixtures.MODEL;
import static io.vqi.imageio.TestFixtures.RGB_37x23;
import static io.vqi.imageio.TestFixtures.RGB_37x23_FILE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** EXIF and XMP through ImageIO (issue 15, item 4): the reader's native tree gives them, the writer keeps them. */
class ImageIoMetadataTest {
    static final byte[] EXIF = ByteBuffer.allocate(26).put((byte) 'I').put((byte) 'I').put((byte) 42).put((byte) 0)
            .put((byte) 8).put(new byte[3]).put((byte) 1).put((byte) 0) // IFD0 at 8, one entry
            .put((byte) 0x12).put((byte) 0x01).put((byte) 3).put((byte) 0).put((byte) 1).put(new byte[3])
            .put((byte) 1).put(new byte[3]) // Orientation 1
            .array();
    static final byte[] XMP = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><!-- caf\u00e9 --></x:xmpmeta>"
            .getBytes(StandardCharsets.UTF_8);

    private static byte[] withMetadata(byte[] file, ImageMetadata metadata) throws IOException {
        return VqiContainerWriter.toBytes(metadata.applyTo(VqiContainerReader.read(file)));
    }

    private static VqiImageReader reader(byte[] file) {
        VqiImageReader reader = new VqiImageReader(new VqiImageReaderSpi());
        reader.setModels(List.of(MODEL));
        reader.setInput(ImageReaderContractTest.memoryStream(file));
        return reader;
    }

    private static IIOMetadataNode child(Node root, String name) {
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeName().equals(name)) {
                return (IIOMetadataNode) n;
            }
        }
        return null;
    }

    @Test
    void theNativeTreeHasTheExifAndXmpBytes() throws IOException {
        VqiImageMetadata metadata = reader(withMetadata(RGB_37x23_FILE, new ImageMetadata(EXIF, XMP)))
                .getImageMetadata(0);
        assertArrayEquals(EXIF, metadata.metadata().exif());
        assertArrayEquals(XMP, metadata.metadata().xmp());
        assertEquals("2.0", metadata.formatVersion());
        Node root = metadata.getAsTree(VqiProviderInfo.NATIVE_IMAGE_METADATA_FORMAT_NAME);
        assertArrayEquals(EXIF, (byte[]) child(root, "Exif").getUserObject());
        assertEquals(Integer.toString(EXIF.length), child(root, "Exif").getAttribute("length"));
        assertArrayEquals(XMP, (byte[]) child(root, "XMP").getUserObject());
        assertTrue(metadata.getMetadataFormat(VqiProviderInfo.NATIVE_IMAGE_METADATA_FORMAT_NAME)
                .canNodeAppear("XMP", null));
    }

    @Test
    void aFileWithoutThemHasNoNodes() throws IOException {
        VqiImageMetadata metadata = reader(RGB_37x23_FILE).getImageMetadata(0);
        assertTrue(metadata.metadata().isEmpty());
        Node root = metadata.getAsTree(VqiProviderInfo.NATIVE_IMAGE_METADATA_FORMAT_NAME);
        assertNull(child(root, "Exif"));
        assertNull(child(root, "XMP"));
    }

    /** Read with its metadata, write the IIOImage back: the new file has the same EXIF and XMP chunks. */
    @Test
    void readingAndWritingKeepsThem() throws IOException {
        IIOImage image = reader(withMetadata(RGB_37x23_FILE, new ImageMetadata(EXIF, XMP))).readAll(0, null);
        ImageMetadata written = ImageMetadata.read(VqiContainerReader.read(write(image)));
        assertArrayEquals(EXIF, written.exif());
        assertArrayEquals(XMP, written.xmp());
    }

    @Test
    void theWritersDefaultMetadataTakesThemWithMetadata() throws IOException {
        VqiImageWriter writer = new VqiImageWriter(new VqiImageWriterSpi());
        writer.setModels(List.of(MODEL));
        VqiImageMetadata metadata = (VqiImageMetadata) writer.getDefaultImageMetadata(
                ImageTypeSpecifier.createFromRenderedImage(RGB_37x23), null);
        VqiContainer file = VqiContainerReader.read(write(new IIOImage(RGB_37x23, null,
                metadata.withMetadata(new ImageMetadata(null, XMP)))));
        assertNull(ImageMetadata.read(file).exif());
        assertArrayEquals(XMP, ImageMetadata.read(file).xmp());
    }

    private static byte[] write(IIOImage image) throws IOException {
        return TestFixtures.writeWithPlugin(image);
    }
}

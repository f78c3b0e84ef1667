package io.vqi.imageio;

import io.vqi.codec.ModelRegistry;

import io.vqi.codec.VqiCodec;
import io.vqi.format.Chunk;
import io.vqi.format.ChunkType;
import io.vqi.format.DeflatedChunk;
import io.vqi.format.IccChunk;
import io.vqi.image.ImagePlanes;
import io.vqi.format.MalformedContainerException;
import io.vqi.format.VqiContainer;
import io.vqi.format.VqiContainerReader;
import io.vqi.format.VqiContainerWriter;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vqi.testdata.TestData;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 14, finding 2: an {@code iccp} profile that passes the header checks but that Java's CMM cannot link (a
 * colour-space field that lies, a damaged tag count) threw {@code CMMException} from {@code getImageTypes} and the
 * codec (exit 70), or was handed on in an image whose {@code getRGB} threw, and into the CLI's PNG. SPEC.md §5.2.2:
 * such a file is malformed, refused when the chunk is read, at the chunk's payload offset.
 */
class IccProfileValidationTest {
    static final String GRAY_FILE = "golden/default/gray-96x64.vqi";
    static final String RGB_FILE = "golden/default/scene-256x192.vqi";

    static byte[] linearRgb() {
        return ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();
    }

    static byte[] gray() {
        return ICC_Profile.getInstance(ColorSpace.CS_GRAY).getData();
    }

    /** The profile with its data colour space field (bytes 16-19) set to {@code field}. */
    static byte[] claiming(byte[] profile, String field) {
        System.arraycopy(field.getBytes(StandardCharsets.US_ASCII), 0, profile, 16, 4);
        return profile;
    }

    /** The profile with its tag count (bytes 128-131) set to {@code count}. */
    static byte[] tagCount(byte[] profile, int count) {
        ByteBuffer.wrap(profile).putInt(128, count);
        return profile;
    }

    /** The golden file with an {@code iccp} chunk of {@code profile} before its other chunks, unchecked. */
    static byte[] withProfile(String golden, byte[] profile) throws IOException {
        VqiContainer base = VqiContainerReader.read(TestData.bytes(golden));
        List<Chunk> chunks = new ArrayList<>();
        chunks.add(DeflatedChunk.deflate(ChunkType.ICCP, profile));
        chunks.addAll(base.chunks());
        return VqiContainerWriter.toBytes(new VqiContainer(base.header(), chunks));
    }

    static Stream<Arguments> unusable() {
        return Stream.of(
                Arguments.of("RGB profile claiming GRAY in a gray file", GRAY_FILE, claiming(linearRgb(), "GRAY")),
                Arguments.of("gray profile, tag count 2", GRAY_FILE, tagCount(gray(), 2)),
                Arguments.of("RGB profile, tag count 2", RGB_FILE, tagCount(linearRgb(), 2)),
                Arguments.of("RGB profile, tag count 0", RGB_FILE, tagCount(linearRgb(), 0)),
                Arguments.of("gray profile claiming RGB in an RGB file", RGB_FILE, claiming(gray(), "RGB ")),
                Arguments.of("honest RGB profile in a gray file", GRAY_FILE, linearRgb()),
                Arguments.of("honest gray profile in an RGB file", RGB_FILE, gray()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusable")
    void theChunkIsRefusedWhereItIs(String what, String golden, byte[] profile) throws IOException {
        byte[] file = withProfile(golden, profile);
        MalformedContainerException e = assertThrows(MalformedContainerException.class,
                () -> IccChunk.read(VqiContainerReader.read(file)));
        int payload = (int) e.offset();
        assertEquals("iccp", new String(file, payload - 8, 4, StandardCharsets.US_ASCII), e.getMessage());
        assertTrue(e.getMessage().contains("'iccp' chunk: "), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusable")
    void theCodecRefusesTheFileBeforeDecoding(String what, String golden, byte[] profile) throws IOException {
        byte[] file = withProfile(golden, profile);
        // No model is passed and the embedded one is not needed: the chunk is checked before the networks.
        assertThrows(MalformedContainerException.class, () -> VqiCodec.decompressPlanes(file, ModelRegistry.embedded()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusable")
    void imageIoReportsAnIioExceptionNeverACmmException(String what, String golden, byte[] profile)
            throws IOException {
        byte[] file = withProfile(golden, profile);
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(file))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            ImageReader reader = readers.next();
            reader.setInput(in);
            IIOException e = assertThrows(IIOException.class, () -> reader.getImageTypes(0));
            assertTrue(e.getCause() instanceof MalformedContainerException, e::toString);
            reader.dispose();
        }
        assertThrows(IIOException.class, () -> ImageIO.read(new ByteArrayInputStream(file)));
    }

    @Test
    void aUsableProfileIsStillRead() throws IOException {
        byte[] profile = gray();
        assertArrayEquals(profile, IccChunk.read(VqiContainerReader.read(withProfile(GRAY_FILE, profile)))
                .orElseThrow());
    }

    /** The writer's side: a profile from the input that readers would refuse is dropped, with a note. */
    @Test
    void anUnusableProfileOfTheInputIsDroppedWithANote() {
        BufferedImage image = new BufferedImage(4, 3, BufferedImage.TYPE_BYTE_GRAY);
        List<String> notes = new ArrayList<>();
        ImagePlanes planes = ImagePlanes.of(image, ICC_Profile.getInstance(tagCount(gray(), 2)), notes);
        assertNull(planes.icc());
        assertEquals(1, notes.size(), notes::toString);
        assertTrue(notes.get(0).startsWith("ICC profile dropped: a gray profile Java cannot use ("), notes::toString);
    }

    @Test
    void encodeRefusesWhatReadWouldRefuse() {
        assertThrows(IllegalArgumentException.class, () -> IccChunk.encode(tagCount(linearRgb(), 2)));
        assertThrows(IllegalArgumentException.class, () -> IccChunk.encode(linearRgb(), true));
        assertThrows(IllegalArgumentException.class, () -> IccChunk.encode(gray(), false));
        IccChunk.encode(linearRgb(), false);
        IccChunk.encode(gray(), true);
    }
}

package io.vqi.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code exif} and {@code xmpd} chunks (SPEC.md §5.2.4-5.2.6): round trips, placement, version, bad payloads. */
class MetadataChunksTest {
    private static final VqiContainer BASE = Samples.minimalRgb();

    private static VqiContainer roundTrip(VqiContainer container) throws MalformedContainerException {
        return VqiContainerReader.read(VqiContainerWriter.toBytes(container));
    }

    @Test
    void exifAndXmpRoundTripExactly() throws MalformedContainerException {
        ImageMetadata metadata = new ImageMetadata(Samples.exif(), Samples.xmp());
        ImageMetadata read = ImageMetadata.read(roundTrip(metadata.applyTo(BASE)));
        assertArrayEquals(Samples.exif(), read.exif());
        assertArrayEquals(Samples.xmp(), read.xmp());
        ImageMetadata exifOnly = ImageMetadata.read(roundTrip(new ImageMetadata(Samples.exif(), null).applyTo(BASE)));
        assertArrayEquals(Samples.exif(), exifOnly.exif());
        assertEquals(null, exifOnly.xmp());
    }

    @Test
    void aFileWithoutThemHasNone() throws MalformedContainerException {
        assertSame(ImageMetadata.NONE, ImageMetadata.read(BASE));
        assertTrue(ImageMetadata.NONE.isEmpty());
        assertEquals(BASE, ImageMetadata.NONE.applyTo(BASE));
    }

    @Test
    void theyGoAfterIccAndAlphaAndBeforeCode() {
        byte[] opaque = new byte[16 * 16];
        VqiContainer withAlpha = new VqiContainer(BASE.header(), List.of(AlphaChunk.encode(opaque, 16, 16),
                BASE.chunks().get(0)));
        VqiContainer both = new ImageMetadata(Samples.exif(), Samples.xmp()).applyTo(withAlpha);
        assertEquals(List.of(ChunkType.ALPH, ChunkType.EXIF, ChunkType.XMPD, ChunkType.CODE),
                both.chunks().stream().map(Chunk::type).toList());
        // Applying again replaces them; NONE removes them.
        VqiContainer replaced = new ImageMetadata(null, Samples.xmp()).applyTo(both);
        assertEquals(List.of(ChunkType.ALPH, ChunkType.XMPD, ChunkType.CODE),
                replaced.chunks().stream().map(Chunk::type).toList());
        assertEquals(withAlpha, ImageMetadata.NONE.applyTo(both));
    }

    /** 1.2 only when the file has one of them, so every other file stays what a 1.1 (or 1.0) writer made. */
    @Test
    void theVersionIsOnePointTwoOnlyWithMetadata() {
        assertEquals(0, VqiContainerWriter.toBytes(BASE)[17]);
        assertEquals(2, VqiContainerWriter.toBytes(new ImageMetadata(Samples.exif(), null).applyTo(BASE))[17]);
        assertEquals(2, VqiContainerWriter.toBytes(new ImageMetadata(null, Samples.xmp()).applyTo(BASE))[17]);
    }

    @Test
    void aSecondChunkIsMalformed() throws MalformedContainerException {
        List<Chunk> chunks = new ArrayList<>(new ImageMetadata(Samples.exif(), Samples.xmp()).applyTo(BASE).chunks());
        chunks.add(0, new Chunk(ChunkType.XMPD, Samples.xmp()));
        VqiContainer twice = roundTrip(new VqiContainer(BASE.header(), chunks));
        MalformedContainerException e = assertThrows(MalformedContainerException.class,
                () -> ImageMetadata.read(twice));
        assertTrue(e.getMessage().contains("second 'xmpd' chunk"), e.getMessage());
    }

    @Test
    void anExifBlockWithoutATiffHeaderIsMalformedAtItsPayload() throws MalformedContainerException {
        byte[] withIdentifier = new byte[6 + Samples.exif().length]; // "Exif\0\0" + TIFF: the APP1 form
        System.arraycopy("Exif".getBytes(StandardCharsets.US_ASCII), 0, withIdentifier, 0, 4);
        System.arraycopy(Samples.exif(), 0, withIdentifier, 6, Samples.exif().length);
        VqiContainer bad = roundTrip(new VqiContainer(BASE.header(), List.of(new Chunk(ChunkType.EXIF,
                withIdentifier), BASE.chunks().get(0))));
        MalformedContainerException e = assertThrows(MalformedContainerException.class,
                () -> ImageMetadata.read(bad));
        assertTrue(e.getMessage().contains("TIFF header"), e.getMessage());
        assertEquals(0x66 + 8, e.offset(), "blamed on the payload's first byte");
        assertThrows(IllegalArgumentException.class, () -> new ImageMetadata(withIdentifier, null));
        assertThrows(IllegalArgumentException.class, () -> new ImageMetadata(new byte[] {'M', 'M', 0, 42}, null));
    }

    @Test
    void anXmpPacketMustBeUtf8AndNotEmpty() throws MalformedContainerException {
        byte[] latin1 = "<x:xmpmeta>caf\u00e9</x:xmpmeta>".getBytes(StandardCharsets.ISO_8859_1);
        assertThrows(IllegalArgumentException.class, () -> new ImageMetadata(null, latin1));
        assertThrows(IllegalArgumentException.class, () -> new ImageMetadata(null, new byte[0]));
        new ImageMetadata(null, "<x:xmpmeta>caf\u00e9</x:xmpmeta>".getBytes(StandardCharsets.UTF_8));
        VqiContainer bad = roundTrip(new VqiContainer(BASE.header(), List.of(new Chunk(ChunkType.XMPD, latin1),
                BASE.chunks().get(0))));
        MalformedContainerException e = assertThrows(MalformedContainerException.class,
                () -> ImageMetadata.read(bad));
        assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
    }

    /** An older reader skips them as unknown ancillary chunks: the container rules accept any ancillary type. */
    @Test
    void theyAreAncillary() {
        assertTrue(ChunkType.EXIF.isAncillary());
        assertTrue(ChunkType.XMPD.isAncillary());
    }
}

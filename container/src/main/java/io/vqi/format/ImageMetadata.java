package io.vqi.format;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The EXIF and XMP metadata of an image, as the {@code exif} and {@code xmpd} chunks (SPEC.md §5.2.4, §5.2.5, version
 * 1.2) hold them: bytes kept as they are, uncompressed, so that they go back into a PNG, JPEG or WebP file exactly.
 * At most one chunk of each per file, anywhere between HEAD and IEND; the writer puts them before the CODE chunks.
 *
 * <p>{@code exif} is the TIFF structure of EXIF, starting with its byte-order mark ({@code II*\0} or {@code MM\0*}),
 * without the {@code Exif\0\0} identifier of a JPEG APP1 segment: what PNG's {@code eXIf} chunk holds. Its
 * Orientation tag keeps its EXIF meaning; {@code vqi compress} turns the pixels upright and stores orientation 1.
 * {@code xmp} is an XMP packet, UTF-8 XML text, what a JPEG's XMP APP1 segment holds after its namespace identifier.
 * The arrays are shared, not copied.
 *
 * @param exif the EXIF block, or null
 * @param xmp  the XMP packet, or null
 */
public record ImageMetadata(byte[] exif, byte[] xmp) {
    /** No metadata. */
    public static final ImageMetadata NONE = new ImageMetadata(null, null);

    /** Length of the TIFF header an EXIF block starts with: byte order, 42, offset of IFD0. */
    public static final int TIFF_HEADER_LENGTH = 8;

    /**
     * @throws IllegalArgumentException if {@code exif} does not start with a TIFF header or {@code xmp} is empty or
     *                                  not UTF-8
     */
    public ImageMetadata {
        String problem = exif == null ? null : exifProblem(exif);
        problem = problem != null || xmp == null ? problem : xmpProblem(xmp);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    public boolean isEmpty() {
        return exif == null && xmp == null;
    }

    public ImageMetadata withoutExif() {
        return new ImageMetadata(null, xmp);
    }

    /** The chunks for this metadata, {@code exif} then {@code xmpd}, each only if there is something to hold. */
    public List<Chunk> chunks() {
        List<Chunk> chunks = new ArrayList<>(2);
        if (exif != null) {
            chunks.add(new Chunk(ChunkType.EXIF, exif));
        }
        if (xmp != null) {
            chunks.add(new Chunk(ChunkType.XMPD, xmp));
        }
        return chunks;
    }

    /**
     * {@code container} with this metadata's chunks in place of any it had, placed before the first CODE chunk
     * (after {@code iccp} and {@code alph}, where the reference writer puts those).
     */
    public VqiContainer applyTo(VqiContainer container) {
        List<Chunk> chunks = new ArrayList<>();
        List<Chunk> mine = chunks();
        for (Chunk chunk : container.chunks()) {
            if (chunk.type().equals(ChunkType.EXIF) || chunk.type().equals(ChunkType.XMPD)) {
                continue;
            }
            if (chunk.type().equals(ChunkType.CODE) && !mine.isEmpty()) {
                chunks.addAll(mine);
                mine = List.of();
            }
            chunks.add(chunk);
        }
        return new VqiContainer(container.header(), chunks);
    }

    /**
     * The metadata of {@code container}: {@link #NONE} if it has neither chunk.
     *
     * @throws MalformedContainerException if a chunk appears twice, the EXIF block does not start with a TIFF header
     *                                     or the XMP packet is empty or not UTF-8
     */
    public static ImageMetadata read(VqiContainer container) throws MalformedContainerException {
        byte[] exif = payload(container, ChunkType.EXIF);
        byte[] xmp = payload(container, ChunkType.XMPD);
        return exif == null && xmp == null ? NONE : new ImageMetadata(exif, xmp);
    }

    private static byte[] payload(VqiContainer container, ChunkType type) throws MalformedContainerException {
        Optional<DeflatedChunk.Located> found = DeflatedChunk.find(container, type);
        if (found.isEmpty()) {
            return null;
        }
        byte[] payload = found.get().chunk().payload();
        String problem = type.equals(ChunkType.EXIF) ? exifProblem(payload) : xmpProblem(payload);
        if (problem != null) {
            throw new MalformedContainerException(found.get().payloadOffset(), "'" + type + "' chunk: " + problem);
        }
        return payload;
    }

    /** What keeps {@code exif} from being an EXIF block, or null. */
    static String exifProblem(byte[] exif) {
        if (exif.length < TIFF_HEADER_LENGTH) {
            return "EXIF block of " + exif.length + " bytes is shorter than a TIFF header";
        }
        boolean little = exif[0] == 'I' && exif[1] == 'I' && exif[2] == 42 && exif[3] == 0;
        boolean big = exif[0] == 'M' && exif[1] == 'M' && exif[2] == 0 && exif[3] == 42;
        return little || big ? null : "EXIF block does not start with a TIFF header (II*\\0 or MM\\0*)";
    }

    /** What keeps {@code xmp} from being an XMP packet in UTF-8, or null. */
    static String xmpProblem(byte[] xmp) {
        if (xmp.length == 0) {
            return "empty XMP packet";
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(xmp));
            return null;
        } catch (CharacterCodingException e) {
            return "XMP packet is not UTF-8 text";
        }
    }
}

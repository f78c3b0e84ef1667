package io.vqi.cli;

import io.vqi.format.Chunk;
import io.vqi.format.ChunkType;
import io.vqi.format.CodeChunk;
import io.vqi.format.ColorModel;
import io.vqi.format.VqiContainer;
import io.vqi.format.VqiContainerReader;
import io.vqi.format.VqiFormat;
import io.vqi.format.VqiHeader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code vqi info} reports about one valid {@code .vqi} file: the header, the version bytes and every chunk
 * with its file offset (HEAD and IEND included), plus the file size.
 *
 * @param file         the file as the user named it
 * @param size         bytes in the file
 * @param versionMajor format version of the file (HEAD payload byte 0)
 * @param versionMinor (HEAD payload byte 1)
 * @param header       the validated header
 * @param chunks       every chunk in file order, from HEAD to IEND
 */
record ContainerInfo(Path file, long size, int versionMajor, int versionMinor, VqiHeader header,
                     List<ChunkEntry> chunks) {
    /** Signature, HEAD type and HEAD length: the version bytes follow (SPEC.md §4.1). */
    private static final int HEAD_PAYLOAD_OFFSET = VqiFormat.SIGNATURE_LENGTH + 8;

    /**
     * One chunk as it sits in the file.
     *
     * @param offset file offset of the chunk's type field
     * @param type   chunk type
     * @param length payload length (framing not counted)
     * @param code   stage and tile for a CODE chunk, else null
     */
    record ChunkEntry(long offset, ChunkType type, long length, CodeChunk code) {
    }

    ContainerInfo {
        chunks = List.copyOf(chunks);
    }

    /** Reads and fully validates {@code file}; every problem with its bytes is a MalformedContainerException. */
    static ContainerInfo read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new CliException(ExitCodes.NO_INPUT, "is a directory");
        }
        Batch.requireRegularFile(file);
        long size = Files.size(file); // NoSuchFileException names the file
        byte[] prefix;
        VqiContainer container;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            // The reader validates the version bytes and HEAD length but does not expose them: peek, then rewind.
            in.mark(HEAD_PAYLOAD_OFFSET + 2);
            prefix = in.readNBytes(HEAD_PAYLOAD_OFFSET + 2);
            in.reset();
            container = VqiContainerReader.read(in);
        }
        ByteBuffer fields = ByteBuffer.wrap(prefix);
        long headLength = Integer.toUnsignedLong(fields.getInt(VqiFormat.SIGNATURE_LENGTH + 4));

        List<ChunkEntry> chunks = new ArrayList<>();
        long offset = VqiFormat.SIGNATURE_LENGTH;
        chunks.add(new ChunkEntry(offset, ChunkType.HEAD, headLength, null));
        offset += VqiFormat.CHUNK_OVERHEAD + headLength;
        for (Chunk chunk : container.chunks()) {
            CodeChunk code = chunk.type().equals(ChunkType.CODE) ? CodeChunk.from(chunk) : null;
            chunks.add(new ChunkEntry(offset, chunk.type(), chunk.length(), code));
            offset += VqiFormat.CHUNK_OVERHEAD + chunk.length();
        }
        chunks.add(new ChunkEntry(offset, ChunkType.IEND, 0, null));
        return new ContainerInfo(file, size, Byte.toUnsignedInt(prefix[HEAD_PAYLOAD_OFFSET]),
                Byte.toUnsignedInt(prefix[HEAD_PAYLOAD_OFFSET + 1]), container.header(), chunks);
    }

    /** Coded size per image pixel, the file's framing and header included: 8 × bytes / (width × height). */
    double bitsPerPixel() {
        return 8.0 * size / header.pixelCount();
    }

    /** Bytes of the refinement layer ({@code rfin} payloads), 0 for a base-layer file. */
    long refinementBytes() {
        return chunks.stream().filter(c -> c.type().equals(ChunkType.RFIN)).mapToLong(ChunkEntry::length).sum();
    }

    private boolean hasAlpha() {
        return has(ChunkType.ALPH);
    }

    private boolean has(ChunkType type) {
        return chunks.stream().anyMatch(c -> c.type().equals(type));
    }

    /** Payload bytes of the chunk of {@code type} (the metadata chunks are stored as they are), or 0 if none. */
    private long bytesOf(ChunkType type) {
        return chunks.stream().filter(c -> c.type().equals(type)).mapToLong(ChunkEntry::length).findFirst()
                .orElse(0);
    }

    /** "ICC profile, EXIF (38 bytes), XMP (37 bytes)" or "none". */
    private String metadataText() {
        List<String> parts = new ArrayList<>();
        if (has(ChunkType.ICCP)) {
            parts.add("ICC profile");
        }
        if (has(ChunkType.EXIF)) {
            parts.add("EXIF (" + bytesOf(ChunkType.EXIF) + " bytes)");
        }
        if (has(ChunkType.XMPD)) {
            parts.add("XMP (" + bytesOf(ChunkType.XMPD) + " bytes)");
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    private boolean refined() {
        return chunks.stream().anyMatch(c -> c.type().equals(ChunkType.RFIN));
    }

    private String qualityText() {
        return header.quality() + (refined()
                ? String.format(Locale.ROOT, " (base layer + refinement level %d, %d bytes)", header.quality() - 1,
                        refinementBytes())
                : " (base layer only)");
    }

    Json.Obj toJson() {
        Json.Arr chunkList = Json.array();
        for (ChunkEntry chunk : chunks) {
            Json.Obj entry = Json.object()
                    .put("offset", chunk.offset())
                    .put("type", chunk.type().name())
                    .put("critical", chunk.type().isCritical())
                    .put("length", chunk.length());
            if (chunk.code() != null) {
                entry.put("stage", chunk.code().stage()).put("tile", chunk.code().tile());
            }
            chunkList.add(entry);
        }
        return Json.object()
                .put("file", file.toString())
                .put("bytes", size)
                .put("bitsPerPixel", bitsPerPixel())
                .put("formatVersion", versionMajor + "." + versionMinor)
                .put("width", header.width())
                .put("height", header.height())
                .put("colorModel", header.colorModel().name().toLowerCase(Locale.ROOT))
                .put("channels", header.channels())
                .put("alpha", hasAlpha())
                .put("icc", has(ChunkType.ICCP))
                .put("exif", has(ChunkType.EXIF))
                .put("xmp", has(ChunkType.XMPD))
                .put("bitDepth", header.bitDepth())
                .put("quality", header.quality())
                .put("refinementBytes", refinementBytes())
                .put("model", Json.object()
                        .put("id", header.model().id())
                        .put("weightsSha256", header.model().weightsSha256Hex()))
                .put("latent", Json.object()
                        .put("rows", header.latentRows())
                        .put("cols", header.latentCols()))
                .put("stages", header.stages())
                .put("tiles", Json.object()
                        .put("count", header.tileCount())
                        .put("columns", header.tileColumns())
                        .put("rows", header.tileRows())
                        .put("width", header.tileWidth())
                        .put("height", header.tileHeight()))
                .put("chunks", chunkList);
    }

    String toText() {
        StringBuilder out = new StringBuilder();
        out.append(file).append('\n');
        field(out, "format", ".vqi %d.%d", versionMajor, versionMinor);
        field(out, "image", "%d x %d %s%s, %d bits per sample", header.width(), header.height(),
                header.colorModel() == ColorModel.GRAY ? "gray" : header.colorModel().name(),
                hasAlpha() ? " + alpha" : "", header.bitDepth());
        field(out, "size", "%d bytes, %.4f bits per pixel", size, bitsPerPixel());
        field(out, "metadata", "%s", metadataText());
        field(out, "quality", "%s", qualityText());
        field(out, "model", "%s", header.model().id());
        field(out, "weights", "sha256 %s%s", header.model().weightsSha256Hex(),
                header.isV1() ? "" : "... (a format 2 file keeps the first 8 bytes)");
        field(out, "latent grid", "%d x %d (cols x rows)", header.latentCols(), header.latentRows());
        field(out, "stages", "%d", header.stages());
        field(out, "tiles", "%d (%d x %d grid of %d x %d px)", header.tileCount(), header.tileColumns(),
                header.tileRows(), header.tileWidth(), header.tileHeight());
        field(out, "chunks", "%d", chunks.size());
        out.append(String.format(Locale.ROOT, "    %10s  %-4s  %-9s  %10s\n", "offset", "type", "class", "length"));
        for (ChunkEntry chunk : chunks) {
            out.append(String.format(Locale.ROOT, "    %10d  %-4s  %-9s  %10d", chunk.offset(), chunk.type(),
                    chunk.type().isCritical() ? "critical" : "ancillary", chunk.length()));
            if (chunk.code() != null) {
                out.append(String.format(Locale.ROOT, "  stage %d, tile %d", chunk.code().stage(),
                        chunk.code().tile()));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static void field(StringBuilder out, String name, String format, Object... args) {
        out.append(String.format(Locale.ROOT, "  %-12s %s\n", name, String.format(Locale.ROOT, format, args)));
    }
}

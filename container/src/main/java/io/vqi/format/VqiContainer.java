package io.vqi.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A whole {@code .vqi} file: the header and the chunks between HEAD and IEND, in file order (HEAD and IEND
 * themselves are implied). Construction enforces the chunk rules of SPEC.md §5, so every container can be written
 * and read back. Unknown ancillary chunks are kept, in order, so that a rewrite preserves them.
 *
 * @param header the validated header
 * @param chunks CODE chunks and ancillary chunks, in file order
 */
public record VqiContainer(VqiHeader header, List<Chunk> chunks) {
    public VqiContainer {
        Objects.requireNonNull(header, "header");
        chunks = List.copyOf(chunks);
        if (chunks.size() > VqiFormat.MAX_CHUNK_COUNT - 2) {
            throw new IllegalArgumentException(chunks.size() + " chunks (+ HEAD and IEND) exceed limit "
                    + VqiFormat.MAX_CHUNK_COUNT);
        }
        ChunkOrder order = new ChunkOrder(header);
        chunks.forEach(order::accept);
        order.finish();
    }

    /** A container with only the given codes, which must be in stage-major order. */
    public static VqiContainer ofCodes(VqiHeader header, List<CodeChunk> codes) {
        return new VqiContainer(header, codes.stream().map(CodeChunk::toChunk).toList());
    }

    /** The CODE chunks, in their (stage-major) file order: index {@code stage * tileCount + tile}. */
    public List<CodeChunk> codeChunks() {
        return chunks.stream().filter(c -> c.type().equals(ChunkType.CODE)).map(CodeChunk::from).toList();
    }

    /** The CODE chunk for one stage and tile. */
    public CodeChunk code(int stage, int tile) {
        if (stage < 0 || stage >= header.stages() || tile < 0 || tile >= header.tileCount()) {
            throw new IndexOutOfBoundsException("stage " + stage + " tile " + tile + " outside " + header.stages()
                    + " stage(s) × " + header.tileCount() + " tile(s)");
        }
        return codeChunks().get(stage * header.tileCount() + tile);
    }

    /** The ancillary chunks of one type, in file order (empty if none). */
    public List<Chunk> ancillary(ChunkType type) {
        if (!type.isAncillary()) {
            throw new IllegalArgumentException("'" + type + "' is a critical chunk type");
        }
        List<Chunk> found = new ArrayList<>();
        for (Chunk chunk : chunks) {
            if (chunk.type().equals(type)) {
                found.add(chunk);
            }
        }
        return List.copyOf(found);
    }
}

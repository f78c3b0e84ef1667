package io.vqi.format;

/**
 * The rules for the chunks between HEAD and IEND (SPEC.md §5), checked one chunk at a time so that the reader can
 * blame the chunk that broke them. {@link VqiContainer} runs the same rules, so a container that exists can be
 * written and read back. Violations are {@link IllegalArgumentException}s.
 */
final class ChunkOrder {
    private final int stages;
    private final int tiles;
    private int nextCode;

    ChunkOrder(VqiHeader header) {
        this.stages = header.stages();
        this.tiles = header.tileCount();
    }

    void accept(Chunk chunk) {
        ChunkType type = chunk.type();
        if (type.equals(ChunkType.HEAD)) {
            throw new IllegalArgumentException("duplicate HEAD chunk");
        } else if (type.equals(ChunkType.IEND)) {
            throw new IllegalArgumentException("IEND must be the last chunk");
        } else if (type.equals(ChunkType.CODE)) {
            acceptCode(CodeChunk.from(chunk));
        } else if (type.isCritical()) {
            throw new IllegalArgumentException("unknown critical chunk '" + type + "'");
        }
        // Ancillary chunks, known or not, may appear anywhere between HEAD and IEND.
    }

    /** Called at IEND: every (stage, tile) must have had its CODE chunk. */
    void finish() {
        if (nextCode < stages * tiles) {
            throw new IllegalArgumentException("missing CODE chunk for " + name(nextCode) + " (header declares "
                    + stages + " stage(s) × " + tiles + " tile(s))");
        }
    }

    private void acceptCode(CodeChunk code) {
        if (code.stage() >= stages || code.tile() >= tiles) {
            throw new IllegalArgumentException("CODE chunk for stage " + code.stage() + " tile " + code.tile()
                    + " is outside the header's " + stages + " stage(s) × " + tiles + " tile(s)");
        }
        // Stage-major order: all tiles of stage 0, then of stage 1, so a reader can stop after a coarse stage.
        int index = code.stage() * tiles + code.tile();
        if (index < nextCode) {
            throw new IllegalArgumentException("duplicate or out-of-order CODE chunk for " + name(index)
                    + " (expected " + name(nextCode) + ")");
        }
        if (index > nextCode) {
            throw new IllegalArgumentException("missing CODE chunk for " + name(nextCode) + " (found "
                    + name(index) + ")");
        }
        nextCode++;
    }

    private String name(int index) {
        return "stage " + index / tiles + " tile " + index % tiles;
    }
}

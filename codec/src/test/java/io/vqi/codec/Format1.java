package io.vqi.codec;

import io.vqi.format.Chunk;
import io.vqi.format.ChunkType;
import io.vqi.format.ModelRef;
import io.vqi.format.RefinementChunk;
import io.vqi.format.VqiContainer;
import io.vqi.format.VqiHeader;
import io.vqi.model.ModelBundle;
import io.vqi.model.RefineBundle;

import java.util.ArrayList;
import java.util.List;

/** A container as format 1 held it: the whole hashes in HEAD and {@code rfin}, everything else the same. */
final class Format1 {
    private Format1() {
    }

    static VqiContainer of(VqiContainer c, ModelBundle model, RefineBundle layer) {
        VqiHeader h = c.header();
        VqiHeader v1 = new VqiHeader(h.width(), h.height(), h.colorModel(), h.bitDepth(), h.quality(),
                new ModelRef(h.model().id(), model.sha256()), h.latentRows(), h.latentCols(), h.stages(),
                h.tileWidth(), h.tileHeight(), 1);
        List<Chunk> chunks = new ArrayList<>();
        for (Chunk chunk : c.chunks()) {
            if (chunk.type().equals(ChunkType.RFIN)) {
                RefinementChunk r = RefinementChunk.from(chunk, h.hashLength());
                chunks.add(new RefinementChunk(r.level(), r.channels(), r.tile(), layer.sha256(), r.data())
                        .toChunk());
            } else {
                chunks.add(chunk);
            }
        }
        return new VqiContainer(v1, chunks);
    }
}

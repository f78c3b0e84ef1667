package io.vqi.format;

import io.vqi.core.WeightsHash;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The typed view of an {@code rfin} chunk (SPEC.md §5.2.3): one tile's refinement data. On the wire the payload is
 * {@code u8 level, u8 channels, u16 tile, layer hash, data}, the layer hash being its whole SHA-256 (32 bytes) in a
 * format 1 file and the first 8 bytes of it from format 2 ({@link VqiHeader#hashLength()}).
 *
 * <p>Ancillary on purpose: a reader that does not know it decodes the base layer, and dropping every {@code rfin}
 * chunk (with the header's quality set back to 1) leaves exactly the file the base layer alone would have made.
 */
public record RefinementChunk(int level, int channels, int tile, byte[] layerSha256, byte[] data) {

    /** Bytes of the payload before the layer hash: level, channels, tile. */
    public static final int FIELDS_LENGTH = 4;
    /** Refinement levels a file can carry; quality is level + 1, and HEAD's quality is a u8. */
    public static final int MAX_LEVEL = 15;

    public RefinementChunk {
        if (level < 1 || level > MAX_LEVEL) {
            throw new IllegalArgumentException("rfin level " + level + " is out of range 1.." + MAX_LEVEL);
        }
        if (channels < 1 || channels > 255) {
            throw new IllegalArgumentException("rfin channels " + channels + " is out of range 1..255");
        }
        if (tile < 0 || tile >= VqiFormat.MAX_TILES) {
            throw new IllegalArgumentException("rfin tile " + tile + " is out of range 0.." + (VqiFormat.MAX_TILES - 1));
        }
        if (layerSha256 == null || !WeightsHash.isValidLength(layerSha256.length)) {
            throw new IllegalArgumentException("rfin layer hash must be 32 bytes (or its first 8)");
        }
        data = ChunkPayloads.checkedData("rfin", data, prefixLength(layerSha256.length));
        layerSha256 = layerSha256.clone();
    }

    /** Bytes before the data in a file whose hashes are {@code hashLength} long. */
    public static int prefixLength(int hashLength) {
        return FIELDS_LENGTH + hashLength;
    }

    /** Parses the payload of an {@code rfin} chunk of a file whose hashes are {@code hashLength} bytes long. */
    public static RefinementChunk from(Chunk chunk, int hashLength) {
        ByteBuffer p = ChunkPayloads.payload(chunk, ChunkType.RFIN, "an", "rfin", prefixLength(hashLength));
        int level = Byte.toUnsignedInt(p.get());
        int channels = Byte.toUnsignedInt(p.get());
        int tile = Short.toUnsignedInt(p.getShort());
        byte[] hash = new byte[hashLength];
        p.get(hash);
        return new RefinementChunk(level, channels, tile, hash, ChunkPayloads.rest(p));
    }

    /** The chunk, its layer hash as long as this view holds it (as the file's header requires: {@link #read}). */
    public Chunk toChunk() {
        return new Chunk(ChunkType.RFIN, ByteBuffer.allocate(prefixLength(layerSha256.length) + data.length)
                .put((byte) level).put((byte) channels).putShort((short) tile).put(layerSha256).put(data).array());
    }

    /**
     * The file's refinement chunks, checked against each other and the header (one per tile, in tile order, one
     * level, one layer, quality = level + 1); empty when the file has none (the base layer alone).
     */
    public static List<RefinementChunk> read(VqiContainer container) throws MalformedContainerException {
        List<RefinementChunk> out = new ArrayList<>();
        for (Chunk c : container.ancillary(ChunkType.RFIN)) {
            try {
                out.add(from(c, container.header().hashLength()));
            } catch (IllegalArgumentException e) {
                throw new MalformedContainerException(0, e.getMessage());
            }
        }
        if (out.isEmpty()) {
            return out;
        }
        VqiHeader h = container.header();
        RefinementChunk first = out.get(0);
        if (out.size() != h.tileCount()) {
            throw new MalformedContainerException(0, out.size() + " rfin chunks for " + h.tileCount() + " tiles");
        }
        if (h.quality() != first.level + 1) {
            throw new MalformedContainerException(0, "HEAD quality " + h.quality() + " but rfin level "
                    + first.level + " (quality " + (first.level + 1) + ")");
        }
        for (int i = 0; i < out.size(); i++) {
            RefinementChunk r = out.get(i);
            if (r.tile != i || r.level != first.level || r.channels != first.channels
                    || !Arrays.equals(r.layerSha256, first.layerSha256)) {
                throw new MalformedContainerException(0, "rfin chunk " + i + " disagrees with the first "
                        + "(tile order, level, channels and layer must match)");
            }
        }
        return out;
    }

    @Override
    public byte[] layerSha256() {
        return layerSha256.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RefinementChunk r && r.level == level && r.channels == channels && r.tile == tile
                && Arrays.equals(r.layerSha256, layerSha256) && Arrays.equals(r.data, data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(level, channels, tile, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "RefinementChunk[level=" + level + ", tile=" + tile + ", " + data.length + " bytes]";
    }
}

package io.vqi.format;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The structure-aware half of the fuzzer: the fuzzer's bytes choose a seed file and a few edits to its chunks (a
 * HEAD field, a new image size with a consistent header and tiling, a CODE or {@code rfin} field, payload bytes, lengths, order, types, chunks spliced from other seeds,
 * the profile or alpha plane inside a zlib stream), and the file is written back with every length and CRC-32C
 * right. Without this, nearly every mutation of a {@code .vqi} file stops at a CRC. One edit in twenty damages the
 * framing on purpose, so the CRC and length checks stay in play.
 *
 * <p>The fuzzer's input is read as {@link FuzzedDataProvider} reads it (integers from the end, bytes from the
 * start); a one-byte input {@code k} is seed {@code k} unchanged, which is how the committed seed inputs are made.
 */
public final class ChunkMutator {

    /** Values that sit on the format's limits and on the usual off-by-ones, for fields of any width. */
    private static final long[] INTERESTING = {0, 1, 2, 3, 4, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128,
        255, 256, 257, 1023, 1024, 2047, 2048, 4096, 8191, 8192, 16383, 16384, 0x7FFF, 0x8000, 0xFFFF, 0x10000,
        1L << 24, (1L << 24) + 1, 1L << 28, 0x7FFFFFFF, 0x80000000L, 0xFFFFFFFFL};

    private static final String[] TYPES = {"HEAD", "CODE", "IEND", "iccp", "alph", "rfin", "meta", "xtra", "Xtra",
        "head", "CODe"};

    private static final HeaderField[] HEAD_FIELDS = Arrays.stream(HeaderField.values())
            .filter(f -> f.size > 0 && f != HeaderField.WEIGHTS_SHA256).toArray(HeaderField[]::new);

    /** Inflated profiles and alpha planes are mutated up to this size (the seeds' are a few KB). */
    private static final int MAX_INFLATED = 1 << 20;

    private ChunkMutator() {
    }

    /** A file made from one of {@code seeds} by the edits {@code data} chooses. */
    public static byte[] mutate(FuzzedDataProvider data, List<byte[]> seeds) {
        RawFile file = RawFile.parse(seeds.get(data.consumeInt(0, seeds.size() - 1)));
        int edits = data.consumeInt(0, 6);
        int damage = -1;
        for (int i = 0; i < edits && data.remainingBytes() > 0; i++) {
            // (an exhausted provider answers every question with its minimum: it would only set the version to 0)
            int op = data.consumeInt(0, 21);
            if (op == 19) {
                damage = data.consumeInt(0, Integer.MAX_VALUE);
            } else {
                edit(file, op, data, seeds);
            }
        }
        byte[] bytes = file.bytes();
        if (damage >= 0 && bytes.length > 0) {
            bytes[damage % bytes.length] ^= (byte) (1 << (damage >>> 28 & 7));
        }
        return bytes;
    }

    private static void edit(RawFile file, int op, FuzzedDataProvider data, List<byte[]> seeds) {
        List<RawFile.RawChunk> chunks = file.chunks;
        if (chunks.isEmpty() && op != 17) {
            op = 17;
        }
        switch (op) {
            case 0, 1, 2 -> headField(file, data);
            case 20, 21 -> geometry(file, data);
            case 3, 4 -> chunkField(pick(chunks, data), data);
            case 5 -> {
                RawFile.RawChunk c = pick(chunks, data);
                c.payload = overwrite(c.payload, data);
            }
            case 6 -> {
                RawFile.RawChunk c = pick(chunks, data);
                c.payload = resize(c.payload, data);
            }
            case 7 -> {
                RawFile.RawChunk c = pick(chunks, data);
                c.payload = insert(c.payload, data);
            }
            case 8 -> chunks.remove(data.consumeInt(0, chunks.size() - 1));
            case 9 -> {
                RawFile.RawChunk c = pick(chunks, data);
                chunks.add(data.consumeInt(0, chunks.size()), c.copy());
            }
            case 10 -> {
                RawFile.RawChunk c = chunks.remove(data.consumeInt(0, chunks.size() - 1));
                chunks.add(data.consumeInt(0, chunks.size()), c);
            }
            case 11 -> pick(chunks, data).type = type(data);
            case 12 -> chunks.add(data.consumeInt(0, chunks.size()),
                    new RawFile.RawChunk(type(data), data.consumeBytes(data.consumeInt(0, 64))));
            case 13, 14 -> {
                RawFile other = RawFile.parse(seeds.get(data.consumeInt(0, seeds.size() - 1)));
                if (!other.chunks.isEmpty()) {
                    RawFile.RawChunk spliced = pick(other.chunks, data).copy();
                    int at = data.consumeInt(0, chunks.size());
                    if (data.consumeBoolean() && at < chunks.size()) {
                        chunks.set(at, spliced);
                    } else {
                        chunks.add(at, spliced);
                    }
                }
            }
            case 15, 16 -> {
                RawFile.RawChunk c = pick(chunks, data);
                if (c.is("iccp") || c.is("alph")) {
                    deflated(c, data);
                } else {
                    c.payload = overwrite(c.payload, data);
                }
            }
            case 17 -> {
                if (data.consumeBoolean()) {
                    file.trailing = data.consumeBytes(data.consumeInt(0, 16));
                } else {
                    file.signature[data.consumeInt(0, 7)] = data.consumeByte();
                }
            }
            default -> {
                // a lie in the length field, CRC computed over what is written
                if (!chunks.isEmpty()) {
                    RawFile.RawChunk c = pick(chunks, data);
                    c.payload = Arrays.copyOf(c.payload, Math.max(0, c.payload.length + data.consumeInt(-8, 8)));
                }
            }
        }
    }

    /** A HEAD field set to an interesting, nearby or random value (the first HEAD chunk, or the first chunk). */
    private static void headField(RawFile file, FuzzedDataProvider data) {
        RawFile.RawChunk head = file.chunks.stream().filter(c -> c.is("HEAD")).findFirst()
                .orElse(file.chunks.get(0));
        HeaderField field = HEAD_FIELDS[data.consumeInt(0, HEAD_FIELDS.length - 1)];
        if (head.payload.length < field.offset + field.size) {
            head.payload = Arrays.copyOf(head.payload, field.offset + field.size);
        }
        ByteBuffer payload = ByteBuffer.wrap(head.payload);
        field.write(payload, value(data, field.size, field.read(payload)));
    }

    /**
     * A new image size with the header kept consistent (latent grid, one stage, a tiling of the whole image or of
     * squares a multiple of 8) and the CODE and {@code rfin} chunks re-dealt to the new tile count from the payloads
     * the file had: what takes a decoder past the cheap header checks to a grid of another size, such as a tiny file
     * declaring a huge image (issue 14, finding 1).
     */
    private static void geometry(RawFile file, FuzzedDataProvider data) {
        RawFile.RawChunk head = file.chunks.stream().filter(c -> c.is("HEAD")).findFirst().orElse(null);
        if (head == null) {
            return;
        }
        VqiHeader h;
        try {
            h = HeaderLayout.decode(head.payload);
        } catch (IllegalArgumentException e) {
            return; // an earlier edit broke it: nothing consistent to keep
        }
        int width = dimension(data);
        int height = dimension(data);
        int tileWidth = width;
        int tileHeight = height;
        if (data.consumeBoolean()) {
            tileWidth = Math.min(width, 8 * data.consumeInt(1, 64));
            tileHeight = Math.min(height, 8 * data.consumeInt(1, 64));
        }
        long tiles = (long) ((width + tileWidth - 1) / tileWidth) * ((height + tileHeight - 1) / tileHeight);
        if (tiles > VqiFormat.MAX_TILES) {
            tileWidth = width;
            tileHeight = height;
            tiles = 1;
        }
        VqiHeader resized;
        try {
            resized = new VqiHeader(width, height, h.colorModel(), h.bitDepth(), h.quality(), h.model(),
                    (height + 7) / 8, (width + 7) / 8, 1, tileWidth, tileHeight, h.formatMajor());
        } catch (IllegalArgumentException e) {
            return;
        }
        // Both layouts, in the file's own minor version (HEAD payload byte 1).
        head.payload = HeaderLayout.encode(resized, head.payload[1] & 0xFF);
        redeal(file.chunks, "CODE", 4, (int) tiles, 0);
        redeal(file.chunks, "rfin", RefinementChunk.prefixLength(h.hashLength()), (int) tiles, 2);
    }

    /** The chunks of {@code type} replaced by {@code tiles} of them, in tile order, cycling through their data. */
    private static void redeal(List<RawFile.RawChunk> chunks, String type, int prefix, int tiles, int tileOffset) {
        int at = -1;
        List<RawFile.RawChunk> old = new java.util.ArrayList<>();
        for (int i = chunks.size() - 1; i >= 0; i--) {
            if (chunks.get(i).is(type) && chunks.get(i).payload.length >= prefix) {
                old.add(0, chunks.remove(i));
                at = i;
            }
        }
        if (old.isEmpty()) {
            return;
        }
        for (int t = 0; t < tiles; t++) {
            byte[] payload = old.get(t % old.size()).payload.clone();
            ByteBuffer.wrap(payload).putShort(tileOffset, (short) t);
            if (type.equals("CODE")) {
                ByteBuffer.wrap(payload).putShort(0, (short) 0);
            }
            chunks.add(at + t, new RawFile.RawChunk(type.getBytes(StandardCharsets.US_ASCII), payload));
        }
    }

    private static int dimension(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 3)) {
            case 0 -> new int[] {1, 2, 7, 8, 9, 15, 16, 17, 63, 64, 65, 255, 256, 257, 1023, 1024, 4095, 4096, 16384,
                65535}[data.consumeInt(0, 19)];
            case 1 -> data.consumeInt(1, 64);
            case 2 -> data.consumeInt(1, 4096);
            default -> data.consumeInt(1, VqiFormat.MAX_DIMENSION);
        };
    }

    /** CODE: stage or tile; rfin: level, channels or tile; any other chunk: a field at any offset. */
    private static void chunkField(RawFile.RawChunk c, FuzzedDataProvider data) {
        int offset;
        int size;
        if (c.is("CODE")) {
            offset = data.consumeBoolean() ? 0 : 2;
            size = 2;
        } else if (c.is("rfin")) {
            int which = data.consumeInt(0, 2);
            offset = which == 2 ? 2 : which;
            size = which == 2 ? 2 : 1;
        } else {
            size = 1 << data.consumeInt(0, 2);
            offset = data.consumeInt(0, Math.max(0, c.payload.length - size));
        }
        if (c.payload.length < offset + size) {
            c.payload = Arrays.copyOf(c.payload, offset + size);
        }
        ByteBuffer payload = ByteBuffer.wrap(c.payload);
        long current = switch (size) {
            case 1 -> Byte.toUnsignedLong(payload.get(offset));
            case 2 -> Short.toUnsignedLong(payload.getShort(offset));
            default -> Integer.toUnsignedLong(payload.getInt(offset));
        };
        long v = value(data, size, current);
        switch (size) {
            case 1 -> payload.put(offset, (byte) v);
            case 2 -> payload.putShort(offset, (short) v);
            default -> payload.putInt(offset, (int) v);
        }
    }

    /** The inflated profile or alpha plane edited, then deflated again behind the same method byte. */
    private static void deflated(RawFile.RawChunk c, FuzzedDataProvider data) {
        if (c.payload.length < 1) {
            return;
        }
        byte[] inner = inflate(Arrays.copyOfRange(c.payload, 1, c.payload.length));
        if (inner == null) {
            c.payload = overwrite(c.payload, data);
            return;
        }
        switch (data.consumeInt(0, 3)) {
            case 0 -> {
                // an ICC header or tag-table field: the first 256 bytes hold both for the seeds' profiles
                int size = 1 << data.consumeInt(0, 2);
                int offset = data.consumeInt(0, Math.max(0, Math.min(256, inner.length) - size));
                if (inner.length < offset + size) {
                    inner = Arrays.copyOf(inner, offset + size);
                }
                ByteBuffer b = ByteBuffer.wrap(inner);
                long v = value(data, size, 0);
                switch (size) {
                    case 1 -> b.put(offset, (byte) v);
                    case 2 -> b.putShort(offset, (short) v);
                    default -> b.putInt(offset, (int) v);
                }
            }
            case 1 -> inner = overwrite(inner, data);
            case 2 -> inner = resize(inner, data);
            default -> inner = insert(inner, data);
        }
        byte[] deflated = deflate(inner);
        c.payload = new byte[1 + deflated.length];
        c.payload[0] = data.consumeInt(0, 15) == 0 ? data.consumeByte() : 0;
        System.arraycopy(deflated, 0, c.payload, 1, deflated.length);
    }

    private static long value(FuzzedDataProvider data, int size, long current) {
        long mask = size >= 8 ? -1L : (1L << (8 * size)) - 1;
        long v = switch (data.consumeInt(0, 2)) {
            case 0 -> INTERESTING[data.consumeInt(0, INTERESTING.length - 1)];
            case 1 -> current + data.consumeInt(-16, 16);
            default -> data.consumeLong();
        };
        return v & mask;
    }

    private static byte[] type(FuzzedDataProvider data) {
        int i = data.consumeInt(0, TYPES.length);
        if (i < TYPES.length) {
            return TYPES[i].getBytes(StandardCharsets.US_ASCII);
        }
        return Arrays.copyOf(data.consumeBytes(4), 4);
    }

    private static byte[] overwrite(byte[] payload, FuzzedDataProvider data) {
        byte[] with = data.consumeBytes(data.consumeInt(1, 8));
        if (payload.length == 0) {
            return with;
        }
        byte[] out = payload.clone();
        int at = data.consumeInt(0, out.length - 1);
        for (int i = 0; i < with.length && at + i < out.length; i++) {
            out[at + i] = with[i];
        }
        return out;
    }

    private static byte[] resize(byte[] payload, FuzzedDataProvider data) {
        if (data.consumeBoolean()) {
            return Arrays.copyOf(payload, data.consumeInt(0, payload.length));
        }
        byte[] more = data.consumeBytes(data.consumeInt(0, 256));
        byte[] out = Arrays.copyOf(payload, payload.length + more.length);
        System.arraycopy(more, 0, out, payload.length, more.length);
        return out;
    }

    private static byte[] insert(byte[] payload, FuzzedDataProvider data) {
        int at = data.consumeInt(0, payload.length);
        byte[] more = data.consumeBytes(data.consumeInt(1, 32));
        byte[] out = new byte[payload.length + more.length];
        System.arraycopy(payload, 0, out, 0, at);
        System.arraycopy(more, 0, out, at, more.length);
        System.arraycopy(payload, at, out, at + more.length, payload.length - at);
        return out;
    }

    private static <T> T pick(List<T> list, FuzzedDataProvider data) {
        return list.get(data.consumeInt(0, list.size() - 1));
    }

    /** The zlib stream inflated, or null if it is not one or inflates past {@link #MAX_INFLATED}. */
    static byte[] inflate(byte[] zlib) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(zlib);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    return null;
                }
                out.write(buffer, 0, n);
                if (out.size() > MAX_INFLATED) {
                    return null;
                }
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            return null;
        } finally {
            inflater.end();
        }
    }

    static byte[] deflate(byte[] raw) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(raw);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }
}

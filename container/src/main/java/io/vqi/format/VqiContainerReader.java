package io.vqi.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads {@code .vqi} files of format 1 and 2 (SPEC.md). Every problem with the bytes, including truncation and limits, is a
 * {@link MalformedContainerException} carrying the byte offset; a length is checked against the limits (and the
 * remaining input, when known) before anything is allocated for it.
 */
public final class VqiContainerReader {
    private VqiContainerReader() {
    }

    /** Reads a whole file held in memory. */
    public static VqiContainer read(byte[] file) throws MalformedContainerException {
        try {
            return readContainer(ByteSource.of(file));
        } catch (MalformedContainerException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("ByteArrayInputStream cannot fail", e);
        }
    }

    /**
     * Reads a whole file from {@code in}, to its end: bytes after IEND are an error (SPEC.md §5.5). Does not close
     * the stream. I/O errors of the stream itself propagate unchanged.
     */
    public static VqiContainer read(InputStream in) throws IOException {
        return readContainer(ByteSource.of(in));
    }

    /**
     * Reads and validates only the signature and HEAD chunk, consuming nothing after them: enough for {@code info}
     * and for ImageIO's {@code canDecodeInput}.
     */
    public static VqiHeader readHeader(InputStream in) throws IOException {
        return readSignatureAndHeader(ByteSource.of(in));
    }

    /** Reads the header from a file (or a prefix of one) held in memory. */
    public static VqiHeader readHeader(byte[] file) throws MalformedContainerException {
        try {
            return readSignatureAndHeader(ByteSource.of(file));
        } catch (MalformedContainerException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("ByteArrayInputStream cannot fail", e);
        }
    }

    private static VqiContainer readContainer(ByteSource in) throws IOException {
        VqiHeader header = readSignatureAndHeader(in);
        ChunkOrder order = new ChunkOrder(header);
        List<Chunk> chunks = new ArrayList<>();
        int count = 1;
        while (true) {
            if (in.atEnd()) {
                throw new MalformedContainerException(in.position(), "truncated: input ends without IEND chunk");
            }
            if (count == VqiFormat.MAX_CHUNK_COUNT) {
                throw new MalformedContainerException(in.position(), "more than " + VqiFormat.MAX_CHUNK_COUNT
                        + " chunks");
            }
            long start = in.position();
            RawChunk raw = readChunk(in);
            count++;
            if (raw.type.equals(ChunkType.IEND)) {
                try {
                    order.finish();
                } catch (IllegalArgumentException e) {
                    throw new MalformedContainerException(start, e.getMessage());
                }
                break;
            }
            try {
                Chunk chunk = new Chunk(raw.type, raw.payload);
                order.accept(chunk);
                chunks.add(chunk);
            } catch (IllegalArgumentException e) {
                throw new MalformedContainerException(start, e.getMessage());
            }
        }
        if (!in.atEnd()) {
            long left = in.remaining();
            throw new MalformedContainerException(in.position(), "unexpected data after IEND"
                    + (left > 0 ? " (" + left + " bytes)" : ""));
        }
        return new VqiContainer(header, chunks);
    }

    private static VqiHeader readSignatureAndHeader(ByteSource in) throws IOException {
        checkSignature(in);
        long start = in.position();
        RawChunk head = readChunk(in);
        if (!head.type.equals(ChunkType.HEAD)) {
            throw new MalformedContainerException(start, "first chunk must be HEAD, found '" + head.type + "'");
        }
        long payloadStart = start + 8;
        try {
            return HeaderLayout.decode(head.payload);
        } catch (HeaderField.HeaderFieldException e) {
            throw new MalformedContainerException(payloadStart + e.offset, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new MalformedContainerException(start, e.getMessage());
        }
    }

    private static void checkSignature(ByteSource in) throws IOException {
        byte[] expected = VqiFormat.signature();
        byte[] actual = in.readAtMost(expected.length);
        if (!Arrays.equals(actual, 0, actual.length, expected, 0, actual.length)) {
            // "VQI" intact but the rest changed: the file went through a text-mode transfer.
            boolean nameIntact = actual.length >= 4 && Arrays.equals(actual, 1, 4, expected, 1, 4);
            throw new MalformedContainerException(0, nameIntact
                    ? "damaged .vqi signature (was the file transferred as text?)"
                    : "not a .vqi file (bad signature)");
        }
        if (actual.length < expected.length) {
            throw new MalformedContainerException(0, "truncated: signature needs " + expected.length
                    + " bytes, only " + actual.length + " present");
        }
    }

    /** One framed chunk with its limits and CRC checked. */
    private static RawChunk readChunk(ByteSource in) throws IOException {
        long start = in.position();
        byte[] typeBytes = in.read(4, "chunk type");
        for (byte b : typeBytes) {
            if (!ChunkType.isLetter(b)) {
                throw new MalformedContainerException(start, "invalid chunk type bytes "
                        + HexFormat.ofDelimiter(" ").formatHex(typeBytes));
            }
        }
        ChunkType type = new ChunkType(new String(typeBytes, StandardCharsets.US_ASCII));
        long length = in.readU32("chunk '" + type + "' length");
        checkLength(type, length, start + 4);
        byte[] payload = in.read((int) length, "chunk '" + type + "' payload");
        int stored = (int) in.readU32("chunk '" + type + "' CRC");
        int computed = ChunkFraming.crc(typeBytes, (int) length, payload);
        if (stored != computed) {
            throw new MalformedContainerException(start, String.format(
                    "CRC mismatch in chunk '%s': stored %08x, computed %08x", type, stored, computed));
        }
        return new RawChunk(type, payload);
    }

    /** The limits on a chunk's length, checked before anything is allocated for the payload. */
    private static void checkLength(ChunkType type, long length, long offset) throws MalformedContainerException {
        if (type.equals(ChunkType.IEND) && length != 0) {
            throw new MalformedContainerException(offset, "IEND payload must be empty, length is " + length);
        }
        long limit = type.equals(ChunkType.HEAD) ? VqiFormat.MAX_HEADER_LENGTH : VqiFormat.MAX_CHUNK_LENGTH;
        if (length > limit) {
            throw new MalformedContainerException(offset, "chunk '" + type + "' length " + length
                    + " exceeds limit " + limit);
        }
    }

    private record RawChunk(ChunkType type, byte[] payload) {
    }
}

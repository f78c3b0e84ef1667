package io.vqi.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Writes a {@link VqiContainer} as a {@code .vqi} file (SPEC.md): signature, HEAD, the chunks, IEND, in the format
 * its header names. A format 2 file is version 2.0. A format 1 file (a rewrite of one, as by transcode) gets the
 * lowest minor version that defines what it uses: 1.3 when it has an edge strip ({@code edge}), 1.2 when it has a
 * colour correction ({@code corr}) or EXIF or XMP ({@code exif}, {@code xmpd}) chunks, 1.1 when it has refinement
 * ({@code rfin}) chunks, else 1.0, so a base-layer file is byte for byte what a 1.0 writer made.
 */
public final class VqiContainerWriter {
    private VqiContainerWriter() {
    }

    /** Writes the file to {@code out}; does not flush or close it. */
    public static void write(VqiContainer container, OutputStream out) throws IOException {
        out.write(VqiFormat.signature());
        ChunkFraming.write(out, ChunkType.HEAD, HeaderLayout.encode(container.header(), minorVersion(container)));
        for (Chunk chunk : container.chunks()) {
            ChunkFraming.write(out, chunk.type(), chunk.payload());
        }
        ChunkFraming.write(out, ChunkType.IEND, new byte[0]);
    }

    static int minorVersion(VqiContainer container) {
        if (!container.header().isV1()) {
            return VqiFormat.VERSION_MINOR;
        }
        if (!container.ancillary(ChunkType.EDGE).isEmpty()) {
            return 3;
        }
        if (!container.ancillary(ChunkType.CORR).isEmpty() || !container.ancillary(ChunkType.EXIF).isEmpty()
                || !container.ancillary(ChunkType.XMPD).isEmpty()) {
            return 2;
        }
        return container.ancillary(ChunkType.RFIN).isEmpty() ? 0 : 1;
    }

    /** The file as bytes. */
    public static byte[] toBytes(VqiContainer container) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(container, out);
        } catch (IOException e) {
            throw new UncheckedIOException("ByteArrayOutputStream cannot fail", e);
        }
        return out.toByteArray();
    }
}

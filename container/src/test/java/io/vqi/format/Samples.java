package io.vqi.format;

import io.vqi.correction.EdgeStrip;
import io.vqi.correction.EdgeStripCoder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The containers behind the golden files: deterministic, with arbitrary payload bytes (no codec involved). */
final class Samples {
    static final ModelRef DUMMY_MODEL = ModelRef.of(Forge.DUMMY_ID, Forge.EMPTY_SHA256);

    private Samples() {
    }

    /**
     * Golden file name to the container it must hold: the files of format 1 (as 1.x writers made them, which every
     * later reader reads) and those of format 2.
     */
    static Map<String, VqiContainer> golden() {
        return Map.of(
                "minimal-rgb.vqi", minimalRgb(1),
                "gray16-two-stage.vqi", gray16TwoStage(),
                "unknown-ancillary.vqi", unknownAncillary(),
                "tiled-2x2-two-stage.vqi", tiled(),
                "metadata.vqi", metadata(),
                "edge.vqi", edge(),
                "minimal-rgb-v2.vqi", minimalRgb(2),
                "wide-rfin-v2.vqi", wideRefined());
    }

    /** 16 × 16 RGB, one stage, one tile: the worked examples of SPEC.md §8 (format 1) and §4.4 (format 2). */
    static VqiContainer minimalRgb(int formatMajor) {
        return VqiContainer.ofCodes(rgb16x16(formatMajor), List.of(new CodeChunk(0, 0, pattern(5, 1))));
    }

    /** minimal-rgb as format 1 wrote it. */
    static VqiContainer minimalRgb() {
        return minimalRgb(1);
    }

    /**
     * Format 2 with sizes that take two varint bytes: 1000 × 8 RGB at quality 2 in one tile, a 1 × 125 latent grid,
     * its CODE chunk and an {@code rfin} chunk (level 1, 192 channels) whose layer hash is the first 8 bytes of the
     * SHA-256 of the ASCII text {@code layer}.
     */
    static VqiContainer wideRefined() {
        VqiHeader header = VqiHeader.builder().size(1000, 8).colorModel(ColorModel.RGB).quality(2)
                .model(DUMMY_MODEL).latentGrid(1, 125).build();
        byte[] layer = java.util.Arrays.copyOf(sha256("layer"), 8);
        return new VqiContainer(header, List.of(new CodeChunk(0, 0, pattern(6, 4)).toChunk(),
                new RefinementChunk(1, 192, 0, layer, pattern(4, 5)).toChunk()));
    }

    static byte[] sha256(String ascii) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256")
                    .digest(ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }

    /** 40 × 24 grayscale at 16 bits, two code stages. */
    static VqiContainer gray16TwoStage() {
        VqiHeader header = VqiHeader.builder().size(40, 24).colorModel(ColorModel.GRAY).bitDepth(16).quality(1)
                .model(DUMMY_MODEL).latentGrid(3, 5).stages(2).formatMajor(1).build();
        return VqiContainer.ofCodes(header, List.of(
                new CodeChunk(0, 0, pattern(7, 2)),
                new CodeChunk(1, 0, pattern(4, 3))));
    }

    /** minimal-rgb plus ancillary chunks this version does not know, before and after CODE. */
    static VqiContainer unknownAncillary() {
        return new VqiContainer(rgb16x16(), List.of(
                Chunk.of("xtra", "kept, not understood".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                new CodeChunk(0, 0, pattern(5, 1)).toChunk(),
                Chunk.of("zero", new byte[0])));
    }

    /** minimal-rgb plus an {@code exif} and an {@code xmpd} chunk before CODE: the worked example of SPEC.md §5.2.5. */
    static VqiContainer metadata() {
        return new ImageMetadata(exif(), xmp()).applyTo(minimalRgb());
    }

    /** minimal-rgb plus an {@code edge} chunk after CODE (version 1.3): the worked example of SPEC.md §5.2.8. */
    static VqiContainer edge() {
        return new VqiContainer(rgb16x16(), List.of(new CodeChunk(0, 0, pattern(5, 1)).toChunk(),
                new EdgeChunk(rgb16x16().quality(), 1, 3, 4, EdgeStripCoder.encode(edgeStrip())).toChunk()));
    }

    /**
     * The strip of {@link #edge()}: 16 x 16, depth 1, nodes every 8 pixels (3 along each edge), step 4; red is
     * lowered by 2 steps along the top edge, rising to 1 at its right end; every other value is 0.
     */
    static EdgeStrip edgeStrip() {
        int[] v = new int[3 * 1 * 2 * (3 + 3)];
        v[0] = -2;
        v[1] = -2;
        v[2] = -1;
        return new EdgeStrip(1, 3, 4, 3, 3, v);
    }

    /**
     * A big-endian EXIF block of 38 bytes: TIFF header, IFD0 with Orientation = 1 (SHORT) and Software = "vqi"
     * (ASCII, 4 bytes with its NUL, so it fits the entry), no next IFD.
     */
    static byte[] exif() {
        return java.nio.ByteBuffer.allocate(38)
                .put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8)
                .putShort((short) 2)
                .putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) 1).putShort((short) 0)
                .putShort((short) 0x0131).putShort((short) 2).putInt(4).put("vqi\0".getBytes(
                        java.nio.charset.StandardCharsets.US_ASCII))
                .putInt(0)
                .array();
    }

    /** The smallest XMP packet: an empty {@code x:xmpmeta} element, 37 bytes of UTF-8. */
    static byte[] xmp() {
        return "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"/>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** 64 × 48 RGB in 2 × 2 tiles of 32 × 32 (the last row of tiles 16 px high), two stages: 8 CODE chunks. */
    static VqiContainer tiled() {
        VqiHeader header = VqiHeader.builder().size(64, 48).colorModel(ColorModel.RGB).quality(5)
                .model(DUMMY_MODEL).latentGrid(6, 8).stages(2).tileSize(32, 32).formatMajor(1).build();
        List<CodeChunk> codes = new ArrayList<>();
        for (int stage = 0; stage < 2; stage++) {
            for (int tile = 0; tile < 4; tile++) {
                codes.add(new CodeChunk(stage, tile, pattern(3 + tile, 10 * stage + tile)));
            }
        }
        return VqiContainer.ofCodes(header, codes);
    }

    /** The header of minimal-rgb in format 1. */
    static VqiHeader rgb16x16() {
        return rgb16x16(1);
    }

    static VqiHeader rgb16x16(int formatMajor) {
        return VqiHeader.builder().size(16, 16).colorModel(ColorModel.RGB).quality(3).model(DUMMY_MODEL)
                .latentGrid(2, 2).formatMajor(formatMajor).build();
    }

    /** Arbitrary but fixed bytes standing in for entropy-coded indices. */
    static byte[] pattern(int length, int seed) {
        byte[] bytes = new byte[length];
        int x = 0x9E3779B9 * (seed + 1);
        for (int i = 0; i < length; i++) {
            x ^= x << 13;
            x ^= x >>> 17;
            x ^= x << 5;
            bytes[i] = (byte) x;
        }
        return bytes;
    }
}

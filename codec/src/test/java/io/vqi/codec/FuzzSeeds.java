package io.vqi.codec;

import io.vqi.format.HeaderField;
import io.vqi.image.ImagePlanes;
import io.vqi.format.RawFile;
import io.vqi.format.RefinementChunk;
import io.vqi.format.VqiContainerWriter;
import io.vqi.model.ModelBundle;
import io.vqi.model.RefineBundle;
import io.vqi.model.TestModels;
import io.vqi.model.VqVaeConfig;
import io.vqi.prior.PriorConfig;
import io.vqi.testdata.TestData;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The files the fuzz tests start from: the golden files, and files made here with a random tiny model and
 * refinement layer (so that a decode costs milliseconds), covering what the format holds: gray and RGB, alpha, ICC
 * profiles, tiles, refinement levels. Everything is deterministic: the same seeds in every run.
 */
public final class FuzzSeeds {

    /** The tiny model every decode in the fuzz tests uses (the one {@link VqiCodecTest} uses: one cached codec). */
    public static final ModelBundle MODEL = TestModels.randomWithPrior(VqVaeConfig.tiny(),
            PriorConfig.tiny(VqVaeConfig.tiny().codebookSize()), 21);
    static final RefineBundle LAYER = TestModels.randomRefine(MODEL, 5);

    static final List<String> GOLDEN = List.of(
            "golden/minimal-rgb.vqi",
            "golden/gray16-two-stage.vqi",
            "golden/unknown-ancillary.vqi",
            "golden/tiled-2x2-two-stage.vqi",
            "golden/edge.vqi",
            "golden/default/pixel-1x1.vqi",
            "golden/default/gray-96x64.vqi",
            "golden/default/scene-256x192-q2.vqi");

    /** Tiles of 16 pixels and 2-cell windows, small enough for the tiny images here. */
    static final Tiling SMALL_TILES = new Tiling(100, 16, 2);

    private static List<byte[]> tinyModelFiles;

    private FuzzSeeds() {
    }

    /** Every seed: the golden files as they are, then the tiny model's files. */
    public static synchronized List<byte[]> all() {
        List<byte[]> all = new ArrayList<>();
        GOLDEN.forEach(name -> all.add(TestData.bytes(name)));
        all.addAll(tinyModelFiles());
        return all;
    }

    /**
     * Seeds a decoder can run: the tiny model's files, then the golden files retargeted to the tiny model (their
     * codes are noise to it, which is what a fuzzer wants). None names the embedded model, which would cost seconds
     * a decode.
     */
    public static synchronized List<byte[]> decodable() {
        List<byte[]> seeds = new ArrayList<>(tinyModelFiles());
        GOLDEN.forEach(name -> seeds.add(retarget(TestData.bytes(name))));
        return seeds;
    }

    private static List<byte[]> tinyModelFiles() {
        if (tinyModelFiles == null) {
            try {
                byte[] linearRgb = ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();
                byte[] gray = ICC_Profile.getInstance(ColorSpace.CS_GRAY).getData();
                tinyModelFiles = List.of(
                        file(planes(37, 29, false, false, null), 1, Tiling.DEFAULT),
                        file(planes(30, 20, true, false, null), 1, Tiling.DEFAULT),
                        file(planes(24, 16, false, true, linearRgb), 1, Tiling.DEFAULT),
                        file(planes(17, 9, true, true, gray), 2, Tiling.DEFAULT),
                        file(planes(40, 24, false, false, null), 3, Tiling.DEFAULT),
                        file(planes(40, 24, false, false, null), 2, SMALL_TILES),
                        file(planes(1, 1, false, false, null), 2, Tiling.DEFAULT),
                        withEdgeStrip(planes(37, 29, false, false, null)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return tinyModelFiles;
    }

    private static byte[] file(ImagePlanes planes, int quality, Tiling tiling) throws IOException {
        return VqiContainerWriter.toBytes(VqiCodec.toContainer(planes, MODEL, LAYER, quality, tiling));
    }

    /** The quality-1 file of {@code planes} with an {@code edge} chunk added: depth 2, nodes every 8 pixels. */
    private static byte[] withEdgeStrip(ImagePlanes planes) throws IOException {
        io.vqi.format.VqiContainer c = VqiCodec.toContainer(planes, MODEL, LAYER, 1, Tiling.DEFAULT);
        int across = io.vqi.correction.ColourPlane.cells(planes.width(), 3);
        int down = io.vqi.correction.ColourPlane.cells(planes.height(), 3);
        int[] v = new int[3 * 2 * 2 * (across + down)];
        for (int i = 0; i < v.length; i++) {
            v[i] = i % 7 - 3;
        }
        io.vqi.correction.EdgeStrip strip = new io.vqi.correction.EdgeStrip(2, 3, 2, across, down, v);
        List<io.vqi.format.Chunk> chunks = new ArrayList<>(c.chunks());
        chunks.removeIf(x -> x.type().equals(io.vqi.format.ChunkType.EDGE));
        chunks.add(new io.vqi.format.EdgeChunk(1, 2, 3, 2, io.vqi.correction.EdgeStripCoder.encode(strip))
                .toChunk());
        return VqiContainerWriter.toBytes(new io.vqi.format.VqiContainer(c.header(), chunks));
    }

    /** Gradients plus noise, optionally gray, with an alpha ramp and a profile. */
    static ImagePlanes planes(int w, int h, boolean gray, boolean alpha, byte[] icc) {
        int[] rgb = new int[w * h];
        byte[] a = alpha ? new byte[w * h] : null;
        long x = w * 7919L + h;
        for (int i = 0; i < rgb.length; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            int noise = (int) (x >>> 59);
            int r = (i % w * 255 / Math.max(1, w - 1) + noise) & 0xff;
            int g = (i / w * 255 / Math.max(1, h - 1) + noise) & 0xff;
            int b = (i * 3 + noise) & 0xff;
            rgb[i] = gray ? r * 0x010101 : r << 16 | g << 8 | b;
            if (a != null) {
                a[i] = (byte) (i * 255 / rgb.length);
            }
        }
        return new ImagePlanes(w, h, rgb, a, gray, icc);
    }

    /**
     * {@code file} naming the tiny model, and its {@code rfin} chunks the tiny layer (with its channel count):
     * chunk by chunk, CRCs recomputed; a file that does not parse into chunks is returned as it is.
     */
    static byte[] retarget(byte[] file) {
        RawFile parsed = RawFile.parse(file);
        if (parsed == null) {
            return file;
        }
        int hashLength = 32;
        for (RawFile.RawChunk c : parsed.chunks) {
            if (c.is("HEAD") && c.payload.length >= 2 && c.payload[0] == 2) {
                hashLength = 8;
                c.payload = retargetV2(c.payload);
            } else if (c.is("HEAD") && c.payload.length >= HeaderField.FIXED_LENGTH) {
                byte[] id = MODEL.modelId().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                int oldIdLength = c.payload[HeaderField.MODEL_ID_LENGTH.offset] & 0xff;
                int tail = Math.max(0, c.payload.length - HeaderField.FIXED_LENGTH - oldIdLength);
                byte[] payload = new byte[HeaderField.FIXED_LENGTH + id.length + tail];
                System.arraycopy(c.payload, 0, payload, 0, HeaderField.WEIGHTS_SHA256.offset);
                System.arraycopy(MODEL.sha256(), 0, payload, HeaderField.WEIGHTS_SHA256.offset, 32);
                payload[HeaderField.MODEL_ID_LENGTH.offset] = (byte) id.length;
                System.arraycopy(id, 0, payload, HeaderField.MODEL_ID.offset, id.length);
                System.arraycopy(c.payload, c.payload.length - tail, payload, payload.length - tail, tail);
                c.payload = payload;
            } else if (c.is("rfin") && c.payload.length >= RefinementChunk.prefixLength(hashLength)) {
                c.payload[1] = (byte) LAYER.config().channels();
                System.arraycopy(LAYER.sha256(), 0, c.payload, 4, hashLength);
            }
        }
        return parsed.bytes();
    }

    /**
     * A format 2 HEAD payload naming the tiny model: past the five bytes and seven varints (SPEC.md §4.3) come the
     * 8-byte hash, the id's length and the id; what follows the id is kept. A payload too short for that is kept.
     */
    private static byte[] retargetV2(byte[] head) {
        int at = 5;
        for (int field = 0; field < 7 && at < head.length; field++) {
            while (at < head.length && (head[at] & 0x80) != 0) {
                at++;
            }
            at++;
        }
        if (at + 9 > head.length || at + 9 + (head[at + 8] & 0xff) > head.length) {
            return head;
        }
        byte[] id = MODEL.modelId().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int tailStart = at + 9 + (head[at + 8] & 0xff);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(head, 0, at);
        out.write(MODEL.sha256(), 0, 8);
        out.write(id.length);
        out.writeBytes(id);
        out.write(head, tailStart, head.length - tailStart);
        return out.toByteArray();
    }
}

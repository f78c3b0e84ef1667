package io.vqi.codec;

import io.vqi.format.CodeChunk;
import io.vqi.image.ImagePlanes;
import io.vqi.format.RefinementChunk;
import io.vqi.format.VqiContainer;
import io.vqi.format.VqiContainerReader;
import io.vqi.format.VqiContainerWriter;
import io.vqi.format.VqiHeader;
import io.vqi.prior.LatentCoder;
import io.vqi.prior.PixelCnnPrior;
import io.vqi.refine.RefineCoder;
import io.vqi.codec.ImageCodec;
import io.vqi.image.ImageTensor;
import io.vqi.metrics.Psnr;
import io.vqi.model.IndexGrid;
import io.vqi.model.ModelBundle;
import io.vqi.codec.ModelZoo;
import io.vqi.testdata.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped model end to end: every test image round-trips to exactly the index grid that was encoded, the
 * committed golden files decode to recorded pixels on this build, in child JVMs without the JIT or without AVX, and
 * with one or two native threads. A change that alters the bitstream must come with a new model id or format
 * version, and regenerating the goldens ({@code -Dvqi.regenerateGolden=true}) is the visible act that says so.
 */
class DefaultModelTest {

    static final String[] IMAGES = {"scene-256x192", "odd-123x77", "gray-96x64", "pixel-1x1"};
    static final boolean REGENERATE = Boolean.getBoolean("vqi.regenerateGolden");
    static final Path GOLDEN_DIR = Path.of(System.getProperty("vqi.goldenDir",
            "../testdata/src/main/resources/io/vqi/testdata/golden/default"));

    static BufferedImage image(String name) throws IOException {
        return ImageIO.read(TestData.open("images/" + name + ".png"));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Hash of decoded pixels: 8-bit samples in raster order, gray or RGB. */
    static String pixelHash(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        byte[] out = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = img.getRGB(x, y);
                int i = (y * w + x) * 3;
                out[i] = (byte) (p >> 16);
                out[i + 1] = (byte) (p >> 8);
                out[i + 2] = (byte) p;
            }
        }
        return sha256(out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"scene-256x192", "odd-123x77", "gray-96x64", "pixel-1x1"})
    void decodesToExactlyTheEncodedGrid(String name) throws IOException {
        ModelBundle model = ModelZoo.defaultModel();
        ImageCodec codec = ImageCodec.create(model);
        BufferedImage img = image(name);
        IndexGrid encoded = codec.indices(ImageTensor.fromImage(img));
        VqiContainer c = VqiContainerReader.read(VqiCodec.compress(img, model));
        CodeChunk code = c.code(0, 0);
        IndexGrid decoded = codec.decodeIndices(code.data(), c.header().latentRows(), c.header().latentCols(),
                io.vqi.core.ProgressListener.NONE);
        assertArrayEquals(encoded.indices(), decoded.indices());
    }

    @Test
    void qualityWindowOnTheSceneImage() throws IOException {
        BufferedImage img = image("scene-256x192");
        BufferedImage back = VqiCodec.decompress(VqiCodec.compress(img, ModelZoo.defaultModel()), ModelRegistry.embedded());
        double psnr = Psnr.of(img, back);
        // 28.63 dB with vqvae-f8-k1024-0f06913f (2026-11-28); a broken model or pipeline falls far below.
        assertTrue(psnr > MIN_SCENE_PSNR, "PSNR " + psnr + " dB");
    }

    static final double MIN_SCENE_PSNR = 27.0;

    @Test
    void goldenFilesEncodeAndDecodeAsRecorded() throws IOException {
        ModelBundle model = ModelZoo.defaultModel();
        for (String name : IMAGES) {
            byte[] file = VqiCodec.compress(image(name), model);
            String pixels = pixelHash(VqiCodec.decompress(file, ModelRegistry.embedded()));
            String line = sha256(file) + " " + pixels;
            if (REGENERATE) {
                Files.createDirectories(GOLDEN_DIR);
                Files.write(GOLDEN_DIR.resolve(name + ".vqi"), file);
                Files.writeString(GOLDEN_DIR.resolve(name + ".hashes"), line + "\n");
                continue;
            }
            byte[] golden = TestData.bytes("golden/default/" + name + ".vqi");
            VqiHeader goldenHeader = VqiContainerReader.readHeader(golden);
            assertEquals(model.modelId(), goldenHeader.model().id(),
                    "the embedded model changed: rerun with -Dvqi.regenerateGolden=true and commit the new goldens");
            String recorded = new String(TestData.bytes("golden/default/" + name + ".hashes"),
                    StandardCharsets.US_ASCII).trim();
            assertEquals(recorded, line, name + ": the bitstream or the decoded pixels changed without a new "
                    + "model id or format version");
            assertEquals(recorded.split(" ")[1], pixelHash(VqiCodec.decompress(golden, ModelRegistry.embedded())),
                    name + ": the committed golden file no longer decodes to its recorded pixels");
        }
    }

    /** The golden files of the quality levels: the scene image at every quality above 1. */
    static List<String> levelGoldens() {
        List<String> names = new ArrayList<>();
        for (int q = 2; q <= VqiCodec.qualities(ModelZoo.defaultModel()); q++) {
            names.add("scene-256x192-q" + q);
        }
        return names;
    }

    /** SHA-256 of a file's refinement integers, decoded by the pure-Java path alone (no network runs). */
    static String refinementHash(byte[] file) throws IOException {
        int[] q = integers(file);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(q.length * 4);
        for (int v : q) {
            b.putInt(v);
        }
        return sha256(b.array());
    }

    /**
     * Every quality level has its golden file: the committed file decodes to the recorded integers (pure Java, the
     * same on every machine) and pixels, and a fresh encode matches it. The encoder's analysis runs on ND4J, whose
     * last float bits differ between CPUs, and a value that lands on a rounding boundary may then round the other
     * way: so a fresh encode must agree with the golden integers at 99.9 % of positions, not all.
     */
    @Test
    void everyQualityLevelHasAGoldenFile() throws IOException {
        ModelBundle model = ModelZoo.defaultModel();
        BufferedImage img = image("scene-256x192");
        for (String name : levelGoldens()) {
            int quality = Integer.parseInt(name.substring(name.lastIndexOf('q') + 1));
            byte[] file = layersAlone(img, model, quality);
            if (REGENERATE) {
                String line = sha256(file) + " " + pixelHash(VqiCodec.decompress(file, ModelRegistry.embedded())) + " "
                        + refinementHash(file);
                Files.write(GOLDEN_DIR.resolve(name + ".vqi"), file);
                Files.writeString(GOLDEN_DIR.resolve(name + ".hashes"), line + "\n");
                continue;
            }
            byte[] golden = TestData.bytes("golden/default/" + name + ".vqi");
            String[] recorded = new String(TestData.bytes("golden/default/" + name + ".hashes"),
                    StandardCharsets.US_ASCII).trim().split(" ");
            assertEquals(recorded[0], sha256(golden), name + ": the committed file changed");
            assertEquals(recorded[2], refinementHash(golden), name + ": the refinement integers decode differently");
            assertEquals(recorded[1], pixelHash(VqiCodec.decompress(golden, ModelRegistry.embedded())),
                    name + ": the committed golden file no longer decodes to its recorded pixels");
            assertEquals(quality, VqiContainerReader.readHeader(golden).quality());
            double agreement = agreement(golden, file);
            assertTrue(agreement >= 0.999, name + ": a fresh encode agrees with the golden integers at only "
                    + agreement);
        }
    }

    /**
     * Files made with earlier default layers still decode to their recorded integers and pixels: those layers are
     * embedded as retired ones and found by the hash the files name. {@code retired-refine-2e1071a5} also holds the
     * base-layer files of format 1.0 and 1.1.
     */
    @Test
    void filesOfTheRetiredLayersDecodeAsRecorded() throws IOException {
        for (String layer : RETIRED_LAYERS) {
            decodeAsRecorded("golden/retired-" + layer + "/", layer.equals("refine-2e1071a5"));
        }
    }

    /**
     * Files of format 1 made with the current model and layer (what vqi wrote until format 2.0: the golden files
     * of that day, kept as they were) decode to their recorded integers and pixels.
     */
    @Test
    void filesOfFormat1DecodeAsRecorded() throws IOException {
        decodeAsRecorded("golden/format-1/", true);
        VqiHeader h = VqiContainerReader.readHeader(TestData.bytes("golden/format-1/scene-256x192-q2.vqi"));
        assertTrue(h.isV1(), "a format 1 file");
    }

    /** The scene at qualities 2 to 8 (and with {@code withImages} the base-layer files) under {@code dir}. */
    private static void decodeAsRecorded(String dir, boolean withImages) throws IOException {
        List<String> names = new ArrayList<>(withImages ? List.of(IMAGES) : List.of());
        for (int q = 2; q <= 8; q++) {
            names.add("scene-256x192-q" + q);
        }
        for (String name : names) {
            String path = dir + name;
            byte[] file = TestData.bytes(path + ".vqi");
            String[] recorded = new String(TestData.bytes(path + ".hashes"), StandardCharsets.US_ASCII).trim()
                    .split(" ");
            assertEquals(recorded[0], sha256(file), path);
            assertEquals(recorded[1], pixelHash(VqiCodec.decompress(file, ModelRegistry.embedded())),
                    path + ": pixels");
            if (recorded.length > 2) {
                assertEquals(recorded[2], refinementHash(file), path + ": refinement integers");
            }
        }
    }

    /** The retired refinement layers with golden files, oldest first. */
    static final List<String> RETIRED_LAYERS = List.of("refine-2e1071a5", "refine-a595365e", "refine-1b220a40",
            "refine-78922a5e", "refine-b4f67d86", "refine-b66eac85");

    /** SPEC.md §5.2.3's worked example is the golden quality-2 file's rfin chunk, byte for byte. */
    @Test
    void specsRfinExampleIsTheGoldenFile() throws IOException {
        String spec = Files.readString(Path.of(System.getProperty("vqi.spec", "../container/SPEC.md")));
        int section = spec.indexOf("#### 5.2.3");
        int start = spec.indexOf("```\n", section) + 4;
        String hex = spec.substring(start, spec.indexOf("...", start)).replaceAll("\\s+", "");
        byte[] expected = HexFormat.of().parseHex(hex);
        byte[] golden = TestData.bytes("golden/default/scene-256x192-q2.vqi");
        int offset = Integer.parseInt(spec.substring(spec.indexOf("at file offset\n0x", section) + 17,
                spec.indexOf(" its `rfin` chunk", section)), 16);
        assertArrayEquals(expected, java.util.Arrays.copyOfRange(golden, offset, offset + expected.length));
    }

    /**
     * The file of the layers alone at {@code quality}: the base layer and (above 1) the refinement, without the
     * encoder's colour plane or its choice of the base layer: what the level goldens pin down.
     */
    static byte[] layersAlone(BufferedImage img, ModelBundle model, int quality) throws IOException {
        return VqiContainerWriter.toBytes(VqiCodec.toContainer(ImagePlanes.of(img), model,
                io.vqi.codec.ModelRegistry.embedded().refinementFor(model).orElse(null), quality, Tiling.DEFAULT,
                false));
    }

    /**
     * The ladder on the scene image: with the layers alone each level is larger and better than the one below (a
     * quality window); as the encoder writes files (colour plane, and the base layer where it beats the
     * refinement) no level is smaller or worse than the one below, and the top is well above the bottom.
     */
    @Test
    void everyLevelIsLargerAndBetterThanTheOneBelow() throws IOException {
        ModelBundle model = ModelZoo.defaultModel();
        BufferedImage img = image("scene-256x192");
        int previousBytes = 0;
        double previousPsnr = 0;
        int levels = VqiCodec.qualities(model);
        for (int q = 1; q <= levels; q++) {
            byte[] file = layersAlone(img, model, q);
            double psnr = Psnr.of(img, VqiCodec.decompress(file, ModelRegistry.embedded()));
            assertTrue(file.length > previousBytes && psnr > previousPsnr + 0.2,
                    "quality " + q + ": " + file.length + " bytes, " + psnr + " dB; the level below: "
                            + previousBytes + " bytes, " + previousPsnr + " dB");
            previousBytes = file.length;
            previousPsnr = psnr;
        }
        previousBytes = 0;
        previousPsnr = 0;
        double first = 0;
        for (int q = 1; q <= levels; q++) {
            byte[] file = VqiCodec.compress(img, model, q);
            double psnr = Psnr.of(img, VqiCodec.decompress(file, ModelRegistry.embedded()));
            first = q == 1 ? psnr : first;
            assertTrue(file.length >= previousBytes && psnr >= previousPsnr - 1e-9,
                    "encoded at quality " + q + ": " + file.length + " bytes, " + psnr + " dB; the level below: "
                            + previousBytes + " bytes, " + previousPsnr + " dB");
            previousBytes = file.length;
            previousPsnr = psnr;
        }
        assertTrue(previousPsnr > first + 5, "top level " + previousPsnr + " dB, quality 1 " + first + " dB");
    }

    /** At every level the refinement's coded size is within 0.5 % of the integer CDFs' cross-entropy. */
    @Test
    void everyLevelCodesWithinHalfAPercentOfItsCrossEntropy() throws IOException {
        BufferedImage img = image("scene-256x192");
        for (String name : levelGoldens()) {
            int quality = Integer.parseInt(name.substring(name.lastIndexOf('q') + 1));
            Refinement r = Refinement.of(layersAlone(img, ModelZoo.defaultModel(), quality));
            double ideal = r.coder().crossEntropyBits(r.grid(), r.integers(), r.chunk().level());
            long coded = 8L * r.chunk().data().length;
            assertTrue(coded <= ideal * 1.005 + 64 && coded >= ideal - 64,
                    name + ": coded " + coded + " bits, cross-entropy " + ideal);
        }
    }

    private static double agreement(byte[] a, byte[] b) throws IOException {
        int[] qa = integers(a);
        int[] qb = integers(b);
        if (qa.length != qb.length) {
            return 0;
        }
        int same = 0;
        for (int i = 0; i < qa.length; i++) {
            same += qa[i] == qb[i] ? 1 : 0;
        }
        return (double) same / qa.length;
    }

    private static int[] integers(byte[] file) throws IOException {
        return Refinement.of(file).integers();
    }

    /** A one-tile file's refinement, decoded by the pure-Java path alone: its grid, chunk, coder and integers. */
    private record Refinement(IndexGrid grid, RefinementChunk chunk, io.vqi.refine.RefineCoder coder,
                              int[] integers) {
        static Refinement of(byte[] file) throws IOException {
            VqiContainer c = VqiContainerReader.read(file);
            ModelBundle model = ModelZoo.defaultModel();
            RefinementChunk first = RefinementChunk.read(c).get(0);
            io.vqi.refine.RefineCoder coder = new io.vqi.refine.RefineCoder(
                    ModelZoo.embeddedLayer(first.layerSha256()).orElseThrow(), model);
            IndexGrid grid = new io.vqi.prior.LatentCoder(new io.vqi.prior.PixelCnnPrior(model.prior(),
                    model.tensorMap())).decode(c.code(0, 0).data(), c.header().latentRows(), c.header().latentCols());
            RefinementChunk r = RefinementChunk.read(c).get(0);
            return new Refinement(grid, r, coder, coder.decode(r.data(), 0, r.data().length, grid, r.level()));
        }
    }

    /**
     * The golden files a child JVM decodes: the base ones and the lowest and highest refinement levels (every level
     * runs the same code; under -Xint each costs seconds).
     */
    static List<String> childJvmGoldens() {
        List<String> names = new ArrayList<>(List.of(IMAGES));
        List<String> levels = levelGoldens();
        if (!levels.isEmpty()) {
            names.add(levels.get(0));
            names.add(levels.get(levels.size() - 1));
        }
        return names;
    }

    /** Decodes the golden files in a fresh JVM and prints one line of hashes per file. */
    public static void main(String[] args) throws IOException {
        List<String> names = childJvmGoldens();
        for (String name : names) {
            byte[] golden = TestData.bytes("golden/default/" + name + ".vqi");
            System.out.println(name + " " + pixelHash(VqiCodec.decompress(golden, ModelRegistry.embedded())));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-Xint", "-XX:UseAVX=0", "OMP_NUM_THREADS=1", "OMP_NUM_THREADS=2"})
    void goldenFilesDecodeIdenticallyInAChildJvm(String variant) throws Exception {
        if (REGENERATE) {
            return;
        }
        StringBuilder expected = new StringBuilder();
        for (String name : childJvmGoldens()) {
            String recorded = new String(TestData.bytes("golden/default/" + name + ".hashes"),
                    StandardCharsets.US_ASCII).trim();
            expected.append(name).append(' ').append(recorded.split(" ")[1]).append('\n');
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx2g", "-Dorg.bytedeco.javacpp.platform.extension=-onednn"));
        ProcessBuilder pb = new ProcessBuilder();
        if (variant.startsWith("-")) {
            cmd.add(variant);
        } else {
            pb.environment().put("OMP_NUM_THREADS", variant.substring(variant.indexOf('=') + 1));
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), DefaultModelTest.class.getName()));
        Process p = pb.command(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "child JVM timed out");
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        List<String> lines = text.lines().filter(l -> l.matches("[a-z0-9x-]+ [0-9a-f]{64}")).toList();
        assertEquals(expected.toString(), String.join("\n", lines) + "\n", "with " + variant);
    }
}

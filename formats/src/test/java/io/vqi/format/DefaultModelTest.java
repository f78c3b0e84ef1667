package io.vqi.format;

import io.vqi.codec.ImageCodec;
import io.vqi.codec.image.ImageTensor;
import io.vqi.codec.metrics.Psnr;
import io.vqi.codec.model.IndexGrid;
import io.vqi.codec.model.ModelBundle;
import io.vqi.codec.zoo.ModelZoo;
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
        IndexGrid decoded = codec.decodeIndices(new io.vqi.codec.EncodedImage(c.header().width(),
                c.header().height(), c.header().latentRows(), c.header().latentCols(), c.header().model().id(),
                c.header().model().weightsSha256(), code.data()));
        assertArrayEquals(encoded.indices(), decoded.indices());
    }

    @Test
    void qualityWindowOnTheSceneImage() throws IOException {
        BufferedImage img = image("scene-256x192");
        BufferedImage back = VqiCodec.decompress(VqiCodec.compress(img, ModelZoo.defaultModel()), List.of());
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
            String pixels = pixelHash(VqiCodec.decompress(file, List.of()));
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
            assertEquals(recorded.split(" ")[1], pixelHash(VqiCodec.decompress(golden, List.of())),
                    name + ": the committed golden file no longer decodes to its recorded pixels");
        }
    }

    /** Decodes the golden files in a fresh JVM and prints one line of hashes per file. */
    public static void main(String[] args) throws IOException {
        for (String name : IMAGES) {
            byte[] golden = TestData.bytes("golden/default/" + name + ".vqi");
            System.out.println(name + " " + pixelHash(VqiCodec.decompress(golden, List.of())));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-Xint", "-XX:UseAVX=0", "OMP_NUM_THREADS=1", "OMP_NUM_THREADS=2"})
    void goldenFilesDecodeIdenticallyInAChildJvm(String variant) throws Exception {
        if (REGENERATE) {
            return;
        }
        StringBuilder expected = new StringBuilder();
        for (String name : IMAGES) {
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

package io.vqi.imageio;

import io.vqi.codec.ModelRegistry;

import io.vqi.codec.InsufficientMemoryException;
import io.vqi.codec.VqiCodec;
import io.vqi.format.Forge;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vqi.core.CorruptStreamException;
import io.vqi.testdata.TestData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, finding 1: the golden 1 x 1 file with HEAD edited to declare a huge image (CRC fixed) made the prior
 * claim about 20 bytes a pixel before its first symbol: an {@code OutOfMemoryError} under {@code -Xmx2g}, thrown raw
 * by {@code ImageIO.read}. A declared size must cost nothing until the codes prove it: the file fails on its codes.
 */
class HugeDeclarationTest {

    @Test
    void pixelFileDeclaring15551x8192FailsOnItsCodesThroughTheCodec() {
        byte[] file = declaring(15551, 8192);
        IOException e = assertThrows(IOException.class, () -> VqiCodec.decompressPlanes(file, ModelRegistry.embedded()));
        // Under the test JVM's 2 GiB the heap check passes (12 bytes a pixel) and the codes run out; a smaller heap
        // refuses the size up front. Both are typed, one-line errors; an Error is neither.
        assertTrue(e instanceof CorruptStreamException || e instanceof InsufficientMemoryException, e::toString);
    }

    @Test
    void pixelFileDeclaring15551x8192IsAnIioExceptionThroughImageIo() {
        byte[] file = declaring(15551, 8192);
        IIOException e = assertThrows(IIOException.class, () -> ImageIO.read(new ByteArrayInputStream(file)));
        assertTrue(e.getCause() instanceof CorruptStreamException
                || e.getCause() instanceof InsufficientMemoryException, e::toString);
    }

    /**
     * Under {@code -Xmx256m} a 4096 x 4096 declaration passes the heap check (12 bytes a pixel is 192 MiB); the old
     * prior then asked for 320 MiB more and died. A child JVM pins the heap, whatever surefire's is.
     */
    @Test
    void inA256MibHeapA4096x4096DeclarationFailsOnItsCodes() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m",
                "-Dorg.bytedeco.javacpp.platform.extension=-onednn", "-cp", System.getProperty("java.class.path"),
                Probe.class.getName(), "4096", "4096"));
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true);
        builder.environment().put("OMP_NUM_THREADS", "1");
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM did not finish");
        assertEquals(0, p.exitValue(), out);
        String[] lines = out.split("\\R");
        assertTrue(lines[lines.length - 1].startsWith(CorruptStreamException.class.getName() + ": "), out);
    }

    /**
     * The golden {@code pixel-1x1.vqi} with HEAD's size, latent grid and tile changed to {@code width x height} in
     * one tile, and HEAD's CRC-32C fixed: every chunk checks, only the codes are too few.
     */
    static byte[] declaring(int width, int height) {
        byte[] file = TestData.bytes("golden/format-1/pixel-1x1.vqi"); // format 1: fixed offsets
        ByteBuffer b = ByteBuffer.wrap(file);
        int head = Forge.HEAD_PAYLOAD;
        int length = b.getInt(head - 4);
        b.putInt(head + 4, width).putInt(head + 8, height);
        b.putInt(head + 16, (height + 7) / 8).putInt(head + 20, (width + 7) / 8);
        b.putInt(head + 24, width).putInt(head + 28, height);
        CRC32C crc = new CRC32C();
        crc.update(file, head - 8, length + 8);
        b.putInt(head + length, (int) crc.getValue());
        return file;
    }

    /** Decodes a declaration in this JVM and prints what came out; run in a child JVM with a small heap. */
    public static final class Probe {
        private Probe() {
        }

        public static void main(String[] args) {
            byte[] file = declaring(Integer.parseInt(args[0]), Integer.parseInt(args[1]));
            try {
                VqiCodec.decompressPlanes(file, ModelRegistry.embedded());
                System.out.println("decoded");
            } catch (Throwable t) { // an OutOfMemoryError is the failure this probe looks for
                System.out.println(t);
            }
        }
    }
}

package io.vqi.compare;

import io.vqi.image.ImagePlanes;

import javax.imageio.ImageIO;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Finding, reading and normalising the input images; the one place that decides what "8-bit RGB" means here. */
public final class Images {
    private Images() {
    }

    /** The files in {@code folder} (not its subfolders) whose suffix some ImageIO reader claims, sorted by name. */
    public static List<Path> inFolder(Path folder) throws IOException {
        Set<String> suffixes = Arrays.stream(ImageIO.getReaderFileSuffixes())
                .map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> images = files.filter(Files::isRegularFile)
                    .filter(p -> suffixes.contains(suffix(p)))
                    .sorted()
                    .toList();
            if (images.isEmpty()) {
                throw new IOException("no images in " + folder + " (looked for ." + String.join(", .",
                        suffixes.stream().sorted().toList()) + ")");
            }
            return images;
        }
    }

    private static String suffix(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The image in {@code file} as 8-bit RGB ({@link #toRgb8}). */
    public static BufferedImage read(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new IOException("no ImageIO reader understands " + file);
        }
        return toRgb8(image);
    }

    /**
     * {@code image} as {@code TYPE_3BYTE_BGR}, the layout every ImageIO writer takes (returned as is when it already
     * is), holding the pixels {@code vqi compress} codes ({@link ImagePlanes#of(BufferedImage)}), so every codec in a
     * comparison starts from the same numbers. Alpha is dropped, not composited, as {@link io.vqi.metrics.Psnr}
     * ignores it.
     */
    public static BufferedImage toRgb8(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        rgb.setRGB(0, 0, w, h, ImagePlanes.of(image).rgb(), 0, w);
        return rgb;
    }

    /** The {@code size} x {@code size} square at the centre of a {@code width} x {@code height} image, clipped. */
    public static Rectangle centreSquare(int width, int height, int size) {
        int side = Math.min(size, Math.min(width, height));
        return new Rectangle((width - side) / 2, (height - side) / 2, side, side);
    }

    /** A copy of {@code area} of {@code image}, detached from its raster. */
    public static BufferedImage copy(BufferedImage image, Rectangle area) {
        BufferedImage out = new BufferedImage(area.width, area.height, BufferedImage.TYPE_3BYTE_BGR);
        int[] row = new int[area.width];
        for (int y = 0; y < area.height; y++) {
            image.getRGB(area.x, area.y + y, area.width, 1, row, 0, area.width);
            out.setRGB(0, y, area.width, 1, row, 0, area.width);
        }
        return out;
    }
}

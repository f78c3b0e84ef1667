package io.vqi.cli;

import io.vqi.format.ImageMetadata;
import io.vqi.image.ImagePlanes;
import io.vqi.format.VqiFormat;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.w3c.dom.Node;

/**
 * Reads an input image of any format ImageIO knows (the JDK's readers plus TwelveMonkeys': PNG, JPEG, BMP, GIF,
 * TIFF, WebP, PNM, PSD, TGA) into what {@code compress} codes: 8-bit {@link ImagePlanes} (see {@link ImagePlanes#of}
 * for how samples, alpha and ICC profiles are kept) and notes for the user. The size is checked from the header
 * before any pixel is decoded. The EXIF and XMP are kept ({@link InputMetadata}), and the EXIF orientation is applied
 * to the pixels and then set to 1 in them (SPEC.md §5.2.4). Only the first image of a multi-image file (animated GIF,
 * multi-page TIFF) is coded, with a note.
 */
final class ImageInput {
    /** What a reader failure or a format nobody reads is called in messages. */
    static final String FORMATS = "PNG, JPEG, BMP, GIF, TIFF, WebP, PNM, PSD, TGA";

    private ImageInput() {
    }

    /**
     * An image ready to code.
     *
     * @param planes   the pixels, upright, with the ICC profile the colour samples are in (null for sRGB or gray)
     * @param metadata the EXIF (orientation 1) and XMP of the file
     * @param notes    what was changed on the way, one line each (16-bit samples reduced, ...)
     */
    record Source(ImagePlanes planes, ImageMetadata metadata, List<String> notes) {
    }

    /** Decodes the image file held in {@code file}. */
    static Source read(byte[] file) throws IOException {
        return read(file, false);
    }

    /** Decodes the image file held in {@code file}; with {@code strip}, its EXIF and XMP are left behind. */
    static Source read(byte[] file, boolean strip) throws IOException {
        if (VqiFormat.startsWithSignature(file)) {
            throw new CliException(ExitCodes.DATA_ERROR, "is already a .vqi file (use 'vqi decompress')");
        }
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(file))) {
            List<ImageReader> readers = ImagePlugins.ordered(ImageIO.getImageReaders(in), ImagePlugins.READERS);
            if (readers.isEmpty()) {
                throw new CliException(ExitCodes.DATA_ERROR, "not an image in a format vqi reads (" + FORMATS + ")");
            }
            ImageReader reader = readers.get(0);
            readers.subList(1, readers.size()).forEach(ImageReader::dispose);
            try {
                reader.setInput(in, true, false);
                String format = formatName(reader);
                long[] size = readSize(reader, format);
                // Each side too: the header cannot hold more, and finding out after the encoder ran cost seconds.
                String problem = VqiFormat.sizeProblem(size[0], size[1]);
                if (problem != null) {
                    throw new CliException(ExitCodes.DATA_ERROR, size[0] + " x " + size[1] + " " + format + " image "
                            + problem);
                }
                BufferedImage image = decode(reader, format);
                List<String> notes = new ArrayList<>();
                ImagePlanes planes = ImagePlanes.of(image, pngProfile(reader, notes), notes);
                int frames = frames(reader); // last: the input is read forward only, image 0 is behind us then
                if (frames > 1) {
                    notes.add(0, format + " has " + (frames < MAX_FRAMES_COUNTED ? "" : "at least ") + frames
                            + " frames; only the first is coded");
                }
                InputMetadata.Found found = InputMetadata.read(file);
                int orientation = Exif.blockOrientation(found.exif());
                ImageMetadata metadata = strip ? ImageMetadata.NONE : metadata(found, orientation, notes);
                return new Source(planes.oriented(orientation), metadata, notes);
            } finally {
                reader.dispose();
            }
        }
    }

    /** Most frames counted: past this the note says "at least". */
    private static final int MAX_FRAMES_COUNTED = 10_000;

    /**
     * Images in the file, counted by asking for each one's width (the input is read forward only, which rules out
     * {@code getNumImages(true)}; readers find a frame's header without decoding its pixels); at most
     * {@link #MAX_FRAMES_COUNTED}, and 1 if the reader cannot tell.
     */
    private static int frames(ImageReader reader) {
        int frames = 1;
        while (frames < MAX_FRAMES_COUNTED) {
            try {
                reader.getWidth(frames);
            } catch (IOException | RuntimeException e) {
                break; // IndexOutOfBoundsException: no such image; anything else: we cannot tell
            }
            frames++;
        }
        return frames;
    }

    /**
     * The EXIF and XMP to keep: as found, with the orientation set to 1 when the pixels are turned; a block that
     * is not what the format's chunk holds is dropped with a note.
     */
    private static ImageMetadata metadata(InputMetadata.Found found, int orientation, List<String> notes) {
        notes.addAll(found.notes());
        byte[] exif = found.exif() == null ? null : Exif.upright(found.exif());
        byte[] xmp = found.xmp();
        if (xmp != null && orientation != Exif.UPRIGHT) {
            xmp = Exif.uprightXmp(xmp);
        }
        ImageMetadata metadata = ImageMetadata.NONE;
        if (exif != null) {
            try {
                metadata = new ImageMetadata(exif, null);
            } catch (IllegalArgumentException e) {
                notes.add("EXIF dropped: " + e.getMessage());
            }
        }
        if (xmp != null) {
            try {
                metadata = new ImageMetadata(metadata.exif(), xmp);
            } catch (IllegalArgumentException e) {
                notes.add("XMP dropped: " + e.getMessage());
            }
        }
        return metadata;
    }

    private static long[] readSize(ImageReader reader, String format) {
        try {
            return new long[] {reader.getWidth(0), reader.getHeight(0)};
        } catch (IOException | RuntimeException e) {
            throw unreadable(format, e);
        }
    }

    private static BufferedImage decode(ImageReader reader, String format) {
        try {
            return reader.read(0);
        } catch (IOException | RuntimeException e) {
            // Readers throw anything on hostile input (IIOException, IndexOutOfBounds, NegativeArraySize, ...).
            throw unreadable(format, e);
        }
    }

    private static CliException unreadable(String format, Exception e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new CliException(ExitCodes.DATA_ERROR, "cannot read this " + format + " image: " + reason, e);
    }

    private static String formatName(ImageReader reader) {
        try {
            return reader.getFormatName().toUpperCase(Locale.ROOT);
        } catch (IOException e) {
            return "image";
        }
    }

    /**
     * The profile of a PNG {@code iCCP} chunk, or null: the JDK's PNG reader leaves the samples as they are and the
     * profile in the metadata (TwelveMonkeys' JPEG and TIFF readers put it in the image's colour space, which
     * {@link ImagePlanes#of} looks at first). The metadata holds the chunk's zlib stream as it is in the file, so it
     * is inflated here (bounded); a profile that cannot be read is dropped with a note, never silently.
     */
    private static ICC_Profile pngProfile(ImageReader reader, List<String> notes) {
        byte[] data = null;
        try {
            IIOMetadata metadata = reader.getImageMetadata(0);
            if (metadata == null || !"javax_imageio_png_1.0".equals(metadata.getNativeMetadataFormatName())) {
                return null;
            }
            for (Node n = metadata.getAsTree("javax_imageio_png_1.0").getFirstChild(); n != null;
                 n = n.getNextSibling()) {
                if (n.getNodeName().equals("iCCP") && n instanceof IIOMetadataNode node
                        && node.getUserObject() instanceof byte[] bytes) {
                    data = bytes;
                }
            }
            if (data == null) {
                return null;
            }
            return ICC_Profile.getInstance(inflate(data));
        } catch (IOException | RuntimeException e) {
            // Not worth refusing the image for: its samples are coded as they are, and the user is told.
            notes.add("ICC profile of the PNG dropped: it cannot be read (" + e.getClass().getSimpleName() + ")");
            return null;
        }
    }

    /** Largest inflated profile accepted: the format's own limit for an {@code iccp} chunk. */
    private static final int MAX_PROFILE_BYTES = 16 << 20;

    /** A PNG iCCP payload's zlib stream, inflated; bytes that are not zlib are taken as a raw profile. */
    static byte[] inflate(byte[] zlib) throws IOException {
        java.util.zip.Inflater inflater = new java.util.zip.Inflater();
        try {
            inflater.setInput(zlib);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            byte[] buf = new byte[1 << 16];
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IOException("truncated zlib stream");
                }
                out.write(buf, 0, n);
                if (out.size() > MAX_PROFILE_BYTES) {
                    throw new IOException("profile larger than " + MAX_PROFILE_BYTES + " bytes");
                }
            }
            return out.toByteArray();
        } catch (java.util.zip.DataFormatException e) {
            return zlib; // written uncompressed, as vqi before 2026-12-02 wrote it
        } finally {
            inflater.end();
        }
    }
}

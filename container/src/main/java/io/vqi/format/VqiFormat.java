package io.vqi.format;

import java.util.Arrays;

/**
 * Constants of the {@code .vqi} container. {@code container/SPEC.md} is the normative text; it gives the reason for
 * every limit below, and the values here must match its tables.
 */
public final class VqiFormat {
    private VqiFormat() {
    }

    /** Length of the file signature that starts every {@code .vqi} file. */
    public static final int SIGNATURE_LENGTH = 8;

    /**
     * {@code 89 'V' 'Q' 'I' CR LF SUB LF}, the PNG recipe: the high-bit first byte catches 7-bit channels and keeps
     * the file from looking like text, CR LF and the lone LF catch newline conversion in either direction.
     */
    private static final byte[] SIGNATURE = {(byte) 0x89, 'V', 'Q', 'I', '\r', '\n', 0x1A, '\n'};

    /**
     * Major version this library writes; it reads this one and {@link #V1_MAJOR}, and refuses a file with a larger
     * one. 2.0 (SPEC.md §4.3) is 1.3 with a compact HEAD (variable-length sizes, the model's hash cut to 8 bytes)
     * and an {@code rfin} chunk that names its layer by 8 bytes of hash: 41 bytes less for a quality-1 file, 65
     * above, on files of a few kilobytes.
     */
    public static final int VERSION_MAJOR = 2;
    /** Newest minor version of {@link #VERSION_MAJOR} this library writes and knows. */
    public static final int VERSION_MINOR = 0;
    /** The first major version, still read (and written where a file of it is rewritten, as by transcode). */
    public static final int V1_MAJOR = 1;
    /**
     * Newest minor version of 1 this library knows (1.1 adds the {@code rfin} refinement chunk, 1.2 the {@code corr}
     * colour correction and the {@code exif} and {@code xmpd} metadata chunks, 1.3 the {@code edge} strip; a 1.x
     * file is written with the lowest that defines what it holds); files with a larger minor version are read, their
     * extra fields ignored.
     */
    public static final int V1_MINOR = 3;

    /** Largest width or height: the largest side JPEG allows. A bigger claim is corruption or an attack. */
    public static final int MAX_DIMENSION = 65_535;
    /**
     * Largest width × height, 2^28 (16384²). With up to 4 samples per pixel (RGB plus a later alpha plane) a decoded
     * raster has at most 2^30 elements, so it always fits one Java array (limit 2^31 - 1).
     */
    public static final int MAX_PIXELS = 1 << 28;
    /**
     * Why a {@code width} x {@code height} image cannot be a {@code .vqi} file (to follow "WxH "), or null when it
     * can: the one check of the format's size limits that the header, the codec, the ImageIO plugin and the CLI make.
     */
    public static String sizeProblem(long width, long height) {
        if (width * height > MAX_PIXELS) { // sides up to 2^31 each: the product cannot overflow
            return "is more than the " + MAX_PIXELS + " pixels a .vqi file holds";
        }
        if (width > MAX_DIMENSION || height > MAX_DIMENSION) {
            return "has a side longer than the " + MAX_DIMENSION + " pixels a .vqi file holds";
        }
        return null;
    }

    /** Largest number of tiles: 4096 tiles of 256 × 256 px cover {@link #MAX_PIXELS}; smaller tiles starve the prior. */
    public static final int MAX_TILES = 4096;
    /** Largest number of code stages: hierarchical/residual VQ stacks use a handful (VQ-VAE-2 uses 2 or 3). */
    public static final int MAX_STAGES = 16;
    /** Longest model id in ASCII characters; ids are short names like {@code vqvae-f8-k1024-v1}. */
    public static final int MAX_MODEL_ID_LENGTH = 64;
    /** Largest {@code HEAD} payload in every version: v1.0 needs at most 129 bytes, v2.0 99; the rest is room for minors. */
    public static final int MAX_HEADER_LENGTH = 1024;
    /**
     * Largest chunk payload, 64 MiB: a single-tile CODE chunk for the largest image at downsampling factor 4 with
     * raw 16-bit indices (2^24 positions × 2 bytes = 32 MiB) fits twice over; anything larger must use more tiles.
     */
    public static final int MAX_CHUNK_LENGTH = 1 << 26;
    /**
     * Largest number of chunks in a file, HEAD and IEND included: room for {@link #MAX_TILES} × {@link #MAX_STAGES}
     * CODE chunks plus as many ancillary ones, while a reader's bookkeeping stays at a few MB.
     */
    public static final int MAX_CHUNK_COUNT = 1 << 17;

    /** Bytes a chunk adds around its payload: type (4), length (4), CRC-32C (4). */
    public static final int CHUNK_OVERHEAD = 12;

    /** The 8-byte signature (a fresh copy). */
    public static byte[] signature() {
        return SIGNATURE.clone();
    }

    /** True if {@code bytes} starts with the signature; the cheap test behind ImageIO's {@code canDecodeInput}. */
    public static boolean startsWithSignature(byte[] bytes) {
        return bytes.length >= SIGNATURE_LENGTH
                && Arrays.equals(bytes, 0, SIGNATURE_LENGTH, SIGNATURE, 0, SIGNATURE_LENGTH);
    }
}

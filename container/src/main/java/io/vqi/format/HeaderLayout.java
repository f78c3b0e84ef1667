package io.vqi.format;

import static io.vqi.format.HeaderField.BIT_DEPTH;
import static io.vqi.format.HeaderField.CHANNELS;
import static io.vqi.format.HeaderField.COLOR_MODEL;
import static io.vqi.format.HeaderField.FIXED_LENGTH;
import static io.vqi.format.HeaderField.HEIGHT;
import static io.vqi.format.HeaderField.LATENT_COLS;
import static io.vqi.format.HeaderField.LATENT_ROWS;
import static io.vqi.format.HeaderField.MODEL_ID;
import static io.vqi.format.HeaderField.MODEL_ID_LENGTH;
import static io.vqi.format.HeaderField.QUALITY;
import static io.vqi.format.HeaderField.STAGES;
import static io.vqi.format.HeaderField.TILE_HEIGHT;
import static io.vqi.format.HeaderField.TILE_WIDTH;
import static io.vqi.format.HeaderField.VERSION_MAJOR;
import static io.vqi.format.HeaderField.VERSION_MINOR;
import static io.vqi.format.HeaderField.WEIGHTS_SHA256;
import static io.vqi.format.HeaderField.WIDTH;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Encodes and decodes the {@code HEAD} payload (SPEC.md §4). The only code that knows the byte layout. */
final class HeaderLayout {
    private HeaderLayout() {
    }

    static byte[] encode(VqiHeader header) {
        return encode(header, 0);
    }

    static byte[] encode(VqiHeader header, int minor) {
        byte[] id = header.model().id().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer payload = ByteBuffer.allocate(FIXED_LENGTH + id.length);
        VERSION_MAJOR.write(payload, VqiFormat.VERSION_MAJOR);
        VERSION_MINOR.write(payload, minor);
        COLOR_MODEL.write(payload, header.colorModel().code());
        CHANNELS.write(payload, header.channels());
        WIDTH.write(payload, header.width());
        HEIGHT.write(payload, header.height());
        BIT_DEPTH.write(payload, header.bitDepth());
        QUALITY.write(payload, header.quality());
        STAGES.write(payload, header.stages());
        LATENT_ROWS.write(payload, header.latentRows());
        LATENT_COLS.write(payload, header.latentCols());
        TILE_WIDTH.write(payload, header.tileWidth());
        TILE_HEIGHT.write(payload, header.tileHeight());
        payload.put(WEIGHTS_SHA256.offset, header.model().weightsSha256());
        MODEL_ID_LENGTH.write(payload, id.length);
        payload.put(MODEL_ID.offset, id);
        return payload.array();
    }

    /**
     * Decodes a HEAD payload whose CRC has been checked. Throws {@link HeaderField.HeaderFieldException} for a bad
     * field and a plain {@link IllegalArgumentException} for a bad payload length.
     */
    static VqiHeader decode(byte[] bytes) {
        ByteBuffer payload = ByteBuffer.wrap(bytes);
        // The version comes first, and is checked first, in every version of the format.
        if (bytes.length < 2) {
            throw new IllegalArgumentException("HEAD payload of " + bytes.length + " bytes has no version");
        }
        int major = (int) VERSION_MAJOR.read(payload);
        int minor = (int) VERSION_MINOR.read(payload);
        if (major != VqiFormat.VERSION_MAJOR) {
            throw VERSION_MAJOR.violation("unsupported format version " + major + "." + minor
                    + ": this reader supports major version " + VqiFormat.VERSION_MAJOR
                    + (major > VqiFormat.VERSION_MAJOR ? " (file is newer)" : ""));
        }
        if (bytes.length < FIXED_LENGTH) {
            throw new IllegalArgumentException("HEAD payload of " + bytes.length + " bytes is shorter than the "
                    + FIXED_LENGTH + " bytes of version 1's fixed fields");
        }
        int colorCode = (int) COLOR_MODEL.read(payload);
        ColorModel colorModel = ColorModel.fromCode(colorCode)
                .orElseThrow(() -> COLOR_MODEL.violation("unknown colour model code " + colorCode));
        int channels = (int) CHANNELS.read(payload);
        if (channels != colorModel.channels()) {
            throw CHANNELS.violation("channels " + channels + " does not match colour model " + colorModel
                    + " (" + colorModel.channels() + ")");
        }
        int width = WIDTH.check(WIDTH.read(payload));
        int height = HEIGHT.check(HEIGHT.read(payload));
        int bitDepth = (int) BIT_DEPTH.read(payload);
        int quality = QUALITY.check(QUALITY.read(payload));
        int stages = STAGES.check(STAGES.read(payload));
        int latentRows = LATENT_ROWS.check(LATENT_ROWS.read(payload));
        int latentCols = LATENT_COLS.check(LATENT_COLS.read(payload));
        int tileWidth = TILE_WIDTH.check(TILE_WIDTH.read(payload));
        int tileHeight = TILE_HEIGHT.check(TILE_HEIGHT.read(payload));
        byte[] sha256 = new byte[WEIGHTS_SHA256.size];
        payload.get(WEIGHTS_SHA256.offset, sha256);
        int idLength = MODEL_ID_LENGTH.check(MODEL_ID_LENGTH.read(payload));
        int v10Length = FIXED_LENGTH + idLength;
        if (bytes.length < v10Length) {
            throw new IllegalArgumentException("HEAD payload of " + bytes.length + " bytes is too short for a "
                    + idLength + "-character model id (needs " + v10Length + ")");
        }
        // Extra bytes are fields of a newer minor version, which we ignore; in a file of our own minor version
        // (or older) they can only be a writer bug.
        if (minor <= VqiFormat.VERSION_MINOR && bytes.length != v10Length) {
            throw new IllegalArgumentException("HEAD payload of " + bytes.length + " bytes: version " + major + "."
                    + minor + " defines exactly " + v10Length);
        }
        // ISO-8859-1 maps each byte to one char, so a non-ASCII byte is reported as itself by ModelRef.
        String id = new String(bytes, MODEL_ID.offset, idLength, StandardCharsets.ISO_8859_1);
        ModelRef model = new ModelRef(id, sha256);
        return new VqiHeader(width, height, colorModel, bitDepth, quality, model, latentRows, latentCols, stages,
                tileWidth, tileHeight);
    }
}

package io.vqi.codec;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * What the codec produces and consumes: everything the container stores about one coded image.
 *
 * @param width        image width in pixels
 * @param height       image height in pixels
 * @param latentRows   index grid rows
 * @param latentCols   index grid columns
 * @param modelId      id of the model that coded it
 * @param modelSha256  the model's weights hash
 * @param payload      the range-coded index grid
 */
public record EncodedImage(int width, int height, int latentRows, int latentCols, String modelId,
                           byte[] modelSha256, byte[] payload) {

    public EncodedImage {
        if (width < 1 || height < 1 || latentRows < 1 || latentCols < 1) {
            throw new IllegalArgumentException("bad dimensions " + width + "x" + height);
        }
        modelSha256 = modelSha256.clone();
        payload = payload.clone();
    }

    @Override
    public byte[] modelSha256() {
        return modelSha256.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public int payloadLength() {
        return payload.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncodedImage e && e.width == width && e.height == height && e.latentRows == latentRows
                && e.latentCols == latentCols && e.modelId.equals(modelId)
                && Arrays.equals(e.modelSha256, modelSha256) && Arrays.equals(e.payload, payload);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(payload) * 31 + modelId.hashCode();
    }

    @Override
    public String toString() {
        return "EncodedImage[" + width + "x" + height + ", grid " + latentRows + "x" + latentCols + ", " + modelId
                + " " + HexFormat.of().formatHex(modelSha256, 0, 4) + ", " + payload.length + " bytes]";
    }
}

package io.vqi.image;

/**
 * A rectangle of an image's pixels, {@code [x, x + width) x [y, y + height)}: what a decoder is asked to produce.
 * The whole image is {@link #whole}.
 */
public record PixelRegion(int x, int y, int width, int height) {

    public PixelRegion {
        if (x < 0 || y < 0 || width < 1 || height < 1) {
            throw new IllegalArgumentException("region " + width + "x" + height + " at (" + x + ", " + y
                    + ") must be at least 1x1 and start inside the image");
        }
    }

    public static PixelRegion whole(int width, int height) {
        return new PixelRegion(0, 0, width, height);
    }

    /** Refuses a region that is not inside a {@code width x height} image. */
    public PixelRegion requireInside(int imageWidth, int imageHeight) {
        if ((long) x + width > imageWidth || (long) y + height > imageHeight) {
            throw new IllegalArgumentException("region " + width + "x" + height + " at (" + x + ", " + y
                    + ") is not inside a " + imageWidth + "x" + imageHeight + " image");
        }
        return this;
    }

    public boolean isWhole(int imageWidth, int imageHeight) {
        return x == 0 && y == 0 && width == imageWidth && height == imageHeight;
    }

    public long pixelCount() {
        return (long) width * height;
    }
}

package io.vqi.compare;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The same square of the first image, as decoded by every codec at every setting: the material of the side-by-side
 * picture, which is laid out once the mean rates are known.
 *
 * @param image    file name of the first image
 * @param area     the square, in that image's pixels
 * @param original the square of the input
 * @param decoded  one per measured codec and setting, in run order
 */
public record Crops(String image, Rectangle area, BufferedImage original, List<Crop> decoded) {
    public Crops {
        area = new Rectangle(area);
        decoded = List.copyOf(decoded);
    }

    /** One decoded square, with the rate of the whole first image at that setting. */
    public record Crop(String codec, String setting, double bpp, BufferedImage pixels) {
    }
}

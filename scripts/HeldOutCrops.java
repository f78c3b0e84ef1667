import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * The second held-out set of the refinement layers' decisions: 500x500 crops at native resolution (start, centre and
 * end of the long side, centred on the short one) of the four photographs the refine8 run held out of training.
 * Run from the project root: {@code java scripts/HeldOutCrops.java OUT_DIR}.
 */
public final class HeldOutCrops {
    static final String[] IMAGES = {"photos/YellowFlower.png", "photos/summer_1am.png",
            "photos2/sunset_by_Aitzol_Berasategi.png", "photos2/umang_by_Abhishek_Mudgal.png"};
    static final int SIDE = 500;

    public static void main(String[] args) throws IOException {
        File out = new File(args.length > 0 ? args[0] : "heldout-native");
        if (!out.isDirectory() && !out.mkdirs()) {
            throw new IOException("cannot create " + out);
        }
        for (String name : IMAGES) {
            BufferedImage image = ImageIO.read(new File("../shared/datasets", name));
            int w = image.getWidth();
            int h = image.getHeight();
            String stem = name.substring(name.indexOf('/') + 1, name.length() - ".png".length());
            for (int i = 0; i < 3; i++) {
                int x0 = w >= h ? new int[] {0, (w - SIDE) / 2, w - SIDE}[i] : (w - SIDE) / 2;
                int y0 = w >= h ? (h - SIDE) / 2 : new int[] {0, (h - SIDE) / 2, h - SIDE}[i];
                BufferedImage crop = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
                crop.setRGB(0, 0, SIDE, SIDE, image.getRGB(x0, y0, SIDE, SIDE, null, 0, SIDE), 0, SIDE);
                ImageIO.write(crop, "png", new File(out, stem + "-" + i + ".png"));
            }
        }
    }
}

package io.vqi.compare;

import java.io.PrintStream;
import java.util.Locale;

/** Where {@link Comparison#run} reports what it is doing; the CLI draws it on stderr. Called on the running thread. */
@FunctionalInterface
public interface ProgressSink {

    /**
     * About to encode and decode one image at one setting.
     *
     * @param index 1-based position of this item among all items of the run
     * @param total items of the run: images x settings of every available codec
     */
    void onItem(String codec, String setting, String image, int index, int total);

    /** A codec will not be (or no longer is) measured: not installed, or it failed; its rows are left out. */
    default void onSkipped(String codec, String reason) {
    }

    /** Reports nothing. */
    static ProgressSink none() {
        return (codec, setting, image, index, total) -> {
        };
    }

    /** One line per item, e.g. {@code [ 12/240] jpeg 50 kodim01.png}, and one per skipped codec. */
    static ProgressSink lines(PrintStream out) {
        return new ProgressSink() {
            @Override
            public void onItem(String codec, String setting, String image, int index, int total) {
                int width = Integer.toString(total).length();
                out.printf(Locale.ROOT, "[%" + width + "d/%d] %s %s %s%n", index, total, codec, setting, image);
            }

            @Override
            public void onSkipped(String codec, String reason) {
                out.printf(Locale.ROOT, "skipping %s: %s%n", codec, reason);
            }
        };
    }
}

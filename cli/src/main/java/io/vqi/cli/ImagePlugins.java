package io.vqi.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * A fixed order among ImageIO plugins for the same format. ImageIO's own order between plugins from different jars
 * is unspecified (several TIFF readers and writers are on the classpath: the JDK's, TwelveMonkeys', jai-imageio's),
 * and the same input must give the same output on every run.
 */
final class ImagePlugins {
    /** Readers: TwelveMonkeys' handle the most variants (CMYK and YCCK JPEG, every TIFF compression), then the JDK's. */
    static final List<String> READERS = List.of("com.twelvemonkeys.", "com.sun.imageio.");
    /** Writers: the JDK's (PNG metadata, ICC in JPEG APP2 and TIFF), then TwelveMonkeys'. */
    static final List<String> WRITERS = List.of("com.sun.imageio.", "com.twelvemonkeys.");

    private ImagePlugins() {
    }

    /** The plugins of {@code found}, those whose class name starts with an earlier prefix first, the rest by name. */
    static <T> List<T> ordered(Iterator<T> found, List<String> prefixes) {
        List<T> plugins = new ArrayList<>();
        found.forEachRemaining(plugins::add);
        plugins.sort(Comparator.<T>comparingInt(p -> rank(p, prefixes)).thenComparing(p -> p.getClass().getName()));
        return plugins;
    }

    private static int rank(Object plugin, List<String> prefixes) {
        String name = plugin.getClass().getName();
        for (int i = 0; i < prefixes.size(); i++) {
            if (name.startsWith(prefixes.get(i))) {
                return i;
            }
        }
        return prefixes.size();
    }
}

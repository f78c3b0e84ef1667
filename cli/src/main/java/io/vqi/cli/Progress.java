package io.vqi.cli;

import java.io.PrintWriter;

/**
 * A one-line progress bar on stderr, {@code [=====>    ] 3/10}, redrawn in place with {@code \r}. Drawn only when
 * enabled (a batch, on a console, without {@code --quiet}); otherwise every method does nothing. Workers call
 * {@link #step()} from any thread; the thread that prints results wraps its printing in {@link #around(Runnable)}
 * so that no line is glued to the bar.
 */
final class Progress {
    static final int WIDTH = 30;

    private final PrintWriter err;
    private final int total;
    private final boolean enabled;
    private int done;
    private boolean drawn;

    Progress(PrintWriter err, int total, boolean enabled) {
        this.err = err;
        this.total = total;
        this.enabled = enabled && total > 0;
    }

    /** One more item finished. */
    synchronized void step() {
        done++;
        draw();
    }

    /** Runs {@code print} with the bar erased, then draws it again. */
    synchronized void around(Runnable print) {
        erase();
        print.run();
        draw();
    }

    /** Erases the bar for good. */
    synchronized void finish() {
        erase();
    }

    /** The bar for {@code done} of {@code total} items, {@code width} cells between the brackets. */
    static String bar(int done, int total, int width) {
        int filled = (int) ((long) done * width / total);
        StringBuilder bar = new StringBuilder(width + 24).append('[').append("=".repeat(filled));
        if (filled < width) {
            bar.append('>').append(" ".repeat(width - filled - 1));
        }
        return bar.append("] ").append(done).append('/').append(total).toString();
    }

    private void draw() {
        if (enabled && done < total) {
            err.print("\r" + bar(done, total, WIDTH));
            err.flush();
            drawn = true;
        }
    }

    private void erase() {
        if (drawn) {
            err.print("\r" + " ".repeat(bar(total, total, WIDTH).length()) + "\r");
            err.flush();
            drawn = false;
        }
    }
}

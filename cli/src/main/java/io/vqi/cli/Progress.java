package io.vqi.cli;

import io.vqi.core.ProgressListener;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One line of progress on stderr, redrawn in place with {@code \r}: for a batch a bar of files,
 * {@code [=====>    ] 3/10}, and for the image being coded how far it has got,
 * {@code photo.png: decoding 3/12 windows}. Drawn only when enabled (stderr on a terminal, without {@code --quiet}
 * or {@code --json}); otherwise every method does nothing. Workers call {@link #step()} and their
 * {@link #listener(String)} from any thread; the thread that prints results wraps its printing in
 * {@link #around(Runnable)} so that no line is glued to the progress.
 */
final class Progress {
    static final int WIDTH = 30;
    /** Longest line drawn: one that wraps on an 80-column terminal would not be redrawn in place. */
    static final int MAX_LINE = 79;
    /** Least time between two redraws of the same stage, in nanoseconds. */
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final int total;
    private final boolean enabled;
    private int done;
    private int drawn;
    private String detail;
    private ProgressListener.Stage detailStage;
    private long detailTime;

    Progress(PrintWriter err, int total, boolean enabled) {
        this.err = err;
        this.total = total;
        this.enabled = enabled && total > 0;
    }

    /** Whether progress is drawn: only for a person watching stderr on a terminal, never with --quiet or --json. */
    static boolean wanted(boolean quiet, boolean json, boolean terminal) {
        return terminal && !quiet && !json;
    }

    /**
     * Whether stderr is a terminal. {@link System#console()} tells that of stdin and stdout, not of stderr: progress
     * would land in {@code 2> log} and be missing with {@code -o - > file}. On Linux, {@code /proc/self/fd/2} names
     * what stderr is; elsewhere the console has to do.
     */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    /** One more item finished. */
    synchronized void step() {
        done++;
        detail = null;
        draw();
    }

    /**
     * What the codec says of the image named {@code name}, shown after the bar: a listener for
     * {@code VqiCodec.compress} and {@code decompressPlanes}, or {@link ProgressListener#NONE} when disabled.
     */
    ProgressListener listener(String name) {
        if (!enabled) {
            return ProgressListener.NONE;
        }
        Path file = Path.of(name).getFileName();
        String shown = file == null ? name : file.toString();
        return (stage, partDone, partTotal) -> detail(shown, stage, partDone, partTotal);
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

    /** The line for a batch's bar (none for one file) and the current image's stage, at most {@link #MAX_LINE}. */
    static String line(int done, int total, String detail) {
        String bar = total > 1 ? bar(done, total, WIDTH) : "";
        if (detail == null) {
            return bar;
        }
        String text = bar.isEmpty() ? detail : bar + "  " + detail;
        return text.length() <= MAX_LINE ? text : text.substring(0, MAX_LINE - 3) + "...";
    }

    private synchronized void detail(String name, ProgressListener.Stage stage, long partDone, long partTotal) {
        long now = System.nanoTime();
        // Redrawn when the stage starts or ends, else at most every REDRAW_NANOS: rows can come fast.
        if (stage != detailStage || partDone >= partTotal || now - detailTime >= REDRAW_NANOS) {
            detail = name + ": " + stage.describe(partDone, partTotal);
            detailStage = stage;
            detailTime = now;
            draw();
        }
    }

    private void draw() {
        if (!enabled || done >= total) {
            return;
        }
        String text = line(done, total, detail);
        if (text.isEmpty()) {
            return;
        }
        // Blanks over the rest of a longer line drawn before.
        err.print("\r" + text + " ".repeat(Math.max(0, drawn - text.length())));
        err.flush();
        drawn = Math.max(drawn, text.length());
    }

    private void erase() {
        if (drawn > 0) {
            err.print("\r" + " ".repeat(drawn) + "\r");
            err.flush();
            drawn = 0;
        }
    }
}

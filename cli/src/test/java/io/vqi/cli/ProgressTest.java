package io.vqi.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vqi.core.ProgressListener;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void barFillsFromTheLeft() {
        assertEquals("[>         ] 0/4", Progress.bar(0, 4, 10));
        assertEquals("[=====>    ] 2/4", Progress.bar(2, 4, 10));
        assertEquals("[==========] 4/4", Progress.bar(4, 4, 10));
    }

    @Test
    void linesPrintedAroundTheBarStartOnAClearedLine() {
        StringWriter err = new StringWriter();
        PrintWriter writer = new PrintWriter(err, true);
        Progress progress = new Progress(writer, 3, true);
        progress.step();
        progress.around(() -> writer.print("result\n"));
        progress.step();
        progress.step();
        progress.finish();
        String blank = "\r" + " ".repeat(Progress.bar(3, 3, Progress.WIDTH).length()) + "\r";
        assertEquals("\r" + Progress.bar(1, 3, Progress.WIDTH) + blank + "result\n"
                + "\r" + Progress.bar(1, 3, Progress.WIDTH) + "\r" + Progress.bar(2, 3, Progress.WIDTH) + blank,
                err.toString());
    }

    @Test
    void disabledItPrintsNothing() {
        StringWriter err = new StringWriter();
        Progress progress = new Progress(new PrintWriter(err, true), 2, false);
        progress.step();
        progress.around(() -> { });
        progress.finish();
        assertEquals("", err.toString());
    }

    /** Issue 15 item 2: one big file showed nothing; now the stage inside it, redrawn on one line. */
    @Test
    void oneFileShowsHowFarItsImageHasGot() {
        StringWriter err = new StringWriter();
        Progress progress = new Progress(new PrintWriter(err, true), 1, true);
        ProgressListener heard = progress.listener("some/dir/photo.png");
        heard.progress(ProgressListener.Stage.DECODING_INDICES, 0, 200);
        heard.progress(ProgressListener.Stage.DECODING_INDICES, 200, 200);
        heard.progress(ProgressListener.Stage.RENDERING, 3, 12);
        progress.step();
        progress.finish();
        String first = "photo.png: decoding indices 0/200 rows";
        String last = "photo.png: decoding 3/12 windows";
        assertEquals("\r" + first + "\rphoto.png: decoding indices 200/200 rows\r" + last
                + " ".repeat(first.length() + 2 - last.length()) + "\r" + " ".repeat(first.length() + 2) + "\r",
                err.toString(), "a shorter line blanks the rest of the longer one; finish erases it");
    }

    @Test
    void inABatchTheStageFollowsTheBarWithinEightyColumns() {
        String line = Progress.line(1, 3, "photo.png: decoding 3/12 windows");
        assertEquals(Progress.bar(1, 3, Progress.WIDTH) + "  photo.png: decoding 3/12 windows", line);
        String longName = "x".repeat(100) + ".png: decoding 3/12 windows";
        assertEquals(Progress.MAX_LINE, Progress.line(1, 3, longName).length());
        assertEquals("", Progress.line(0, 1, null));
    }

    @Test
    void progressIsForATerminalOnlyAndNeverWithQuietOrJson() {
        assertTrue(Progress.wanted(false, false, true));
        assertFalse(Progress.wanted(false, false, false), "a pipe or file");
        assertFalse(Progress.wanted(true, false, true), "--quiet");
        assertFalse(Progress.wanted(false, true, true), "--json");
        Progress off = new Progress(new PrintWriter(new StringWriter(), true), 1, false);
        assertSame(ProgressListener.NONE, off.listener("photo.png"), "the codec is not even asked");
    }
}

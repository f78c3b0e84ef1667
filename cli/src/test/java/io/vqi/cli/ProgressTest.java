package io.vqi.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}

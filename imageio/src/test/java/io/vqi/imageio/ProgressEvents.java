package io.vqi.imageio;

import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.event.IIOReadProgressListener;
import javax.imageio.event.IIOWriteProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Records what a reader or writer tells its progress listeners, as event names ("imageStarted", "imageProgress",
 * "imageComplete", "aborted", ...), plus the progress percentages. {@link #onImageStarted} runs inside the callback.
 */
final class ProgressEvents implements IIOReadProgressListener, IIOWriteProgressListener {

    final List<String> events = new ArrayList<>();
    final List<Float> percentages = new ArrayList<>();
    private final Consumer<Object> onImageStarted;

    ProgressEvents() {
        this(source -> { });
    }

    ProgressEvents(Consumer<Object> onImageStarted) {
        this.onImageStarted = onImageStarted;
    }

    /** Started, progress never going down and within [0, 100], completed; nothing else. */
    void assertCompleteSequence() {
        assertFalse(events.isEmpty(), "no events");
        assertEquals("imageStarted", events.get(0), events.toString());
        assertEquals("imageComplete", events.get(events.size() - 1), events.toString());
        assertTrue(events.subList(1, events.size() - 1).stream().allMatch("imageProgress"::equals),
                events.toString());
        assertFalse(percentages.isEmpty(), "no progress reported");
        float last = 0f;
        for (float p : percentages) {
            assertTrue(p >= last && p <= 100f, "progress " + percentages);
            last = p;
        }
    }

    /** Started, maybe progress, aborted; never completed. */
    void assertAbortedSequence() {
        assertEquals("imageStarted", events.get(0), events.toString());
        assertTrue(events.contains("aborted"), events.toString());
        assertFalse(events.contains("imageComplete"), events.toString());
        assertEquals("aborted", events.get(events.size() - 1), events.toString());
    }

    // Read events

    @Override
    public void sequenceStarted(ImageReader source, int minIndex) {
        events.add("sequenceStarted");
    }

    @Override
    public void sequenceComplete(ImageReader source) {
        events.add("sequenceComplete");
    }

    @Override
    public void imageStarted(ImageReader source, int imageIndex) {
        events.add("imageStarted");
        onImageStarted.accept(source);
    }

    @Override
    public void imageProgress(ImageReader source, float percentageDone) {
        events.add("imageProgress");
        percentages.add(percentageDone);
    }

    @Override
    public void imageComplete(ImageReader source) {
        events.add("imageComplete");
    }

    @Override
    public void thumbnailStarted(ImageReader source, int imageIndex, int thumbnailIndex) {
        events.add("thumbnailStarted");
    }

    @Override
    public void thumbnailProgress(ImageReader source, float percentageDone) {
        events.add("thumbnailProgress");
    }

    @Override
    public void thumbnailComplete(ImageReader source) {
        events.add("thumbnailComplete");
    }

    @Override
    public void readAborted(ImageReader source) {
        events.add("aborted");
    }

    // Write events

    @Override
    public void imageStarted(ImageWriter source, int imageIndex) {
        events.add("imageStarted");
        onImageStarted.accept(source);
    }

    @Override
    public void imageProgress(ImageWriter source, float percentageDone) {
        events.add("imageProgress");
        percentages.add(percentageDone);
    }

    @Override
    public void imageComplete(ImageWriter source) {
        events.add("imageComplete");
    }

    @Override
    public void thumbnailStarted(ImageWriter source, int imageIndex, int thumbnailIndex) {
        events.add("thumbnailStarted");
    }

    @Override
    public void thumbnailProgress(ImageWriter source, float percentageDone) {
        events.add("thumbnailProgress");
    }

    @Override
    public void thumbnailComplete(ImageWriter source) {
        events.add("thumbnailComplete");
    }

    @Override
    public void writeAborted(ImageWriter source) {
        events.add("aborted");
    }
}

package io.vqi.imageio;

import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.event.IIOReadProgressListener;
import javax.imageio.event.IIOWriteProgressListener;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
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
final class ProgressEvents {

    final List<String> events = new ArrayList<>();
    final List<Float> percentages = new ArrayList<>();
    private final Consumer<Object> onImageStarted;
    private final Object listener = Proxy.newProxyInstance(ProgressEvents.class.getClassLoader(),
            new Class<?>[] {IIOReadProgressListener.class, IIOWriteProgressListener.class}, this::record);
    /** The listener to add to a reader; the same object each time, so that it can be removed. */
    final IIOReadProgressListener reading = (IIOReadProgressListener) listener;
    /** The listener to add to a writer. */
    final IIOWriteProgressListener writing = (IIOWriteProgressListener) listener;

    ProgressEvents() {
        this(source -> { });
    }

    ProgressEvents(Consumer<Object> onImageStarted) {
        this.onImageStarted = onImageStarted;
    }

    /** New events, listening to {@code reader}. */
    static ProgressEvents listeningTo(ImageReader reader) {
        ProgressEvents events = new ProgressEvents();
        reader.addIIOReadProgressListener(events.reading);
        return events;
    }

    /** New events, listening to {@code writer}. */
    static ProgressEvents listeningTo(ImageWriter writer) {
        ProgressEvents events = new ProgressEvents();
        writer.addIIOWriteProgressListener(events.writing);
        return events;
    }

    /**
     * Every callback of both listener interfaces, which mirror each other: the event is the method's name (both
     * aborts are "aborted"); the object methods answer as for any object, so that a reader can remove the listener.
     */
    private Object record(Object proxy, Method method, Object[] args) {
        String name = method.getName();
        switch (name) {
            case "equals" -> {
                return proxy == args[0];
            }
            case "hashCode" -> {
                return System.identityHashCode(proxy);
            }
            case "toString" -> {
                return "ProgressEvents" + events;
            }
            case "readAborted", "writeAborted" -> events.add("aborted");
            default -> events.add(name);
        }
        if (name.equals("imageStarted")) {
            onImageStarted.accept(args[0]);
        } else if (name.equals("imageProgress")) {
            percentages.add((Float) args[1]);
        }
        return null;
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
}

package io.vqi.testdata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Loads the shared test resources by name, relative to {@code io/vqi/testdata/} (for example
 * {@code "golden/minimal-rgb.vqi"}). A missing resource fails loudly rather than skipping a test.
 */
public final class TestData {
    private static final String ROOT = "/io/vqi/testdata/";

    private TestData() {
    }

    /** The resource's bytes. */
    public static byte[] bytes(String name) {
        try (InputStream in = open(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read test resource " + name, e);
        }
    }

    /** A fresh stream over the resource; the caller closes it. */
    public static InputStream open(String name) {
        InputStream in = TestData.class.getResourceAsStream(ROOT + name);
        if (in == null) {
            throw new IllegalArgumentException("no test resource " + ROOT + name);
        }
        return in;
    }

    /** True if the resource exists. */
    public static boolean exists(String name) {
        return TestData.class.getResource(ROOT + name) != null;
    }
}

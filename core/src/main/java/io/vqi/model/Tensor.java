package io.vqi.model;

import java.util.Arrays;

/** A named float tensor, row-major. Immutable by convention: the array is never handed out for writing. */
public record Tensor(String name, long[] shape, float[] data) {

    public Tensor {
        if (name == null || name.isEmpty() || name.length() > 200) {
            throw new IllegalArgumentException("bad tensor name: " + name);
        }
        long n = 1;
        for (long d : shape) {
            if (d < 1 || d > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("bad dimension " + d + " in tensor " + name);
            }
            n = Math.multiplyExact(n, d);
        }
        if (n != data.length) {
            throw new IllegalArgumentException("tensor " + name + " has " + data.length + " values, shape says " + n);
        }
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && t.name.equals(name) && Arrays.equals(t.shape, shape)
                && Arrays.equals(t.data, data);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}

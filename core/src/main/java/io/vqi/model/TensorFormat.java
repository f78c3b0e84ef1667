package io.vqi.model;

import io.vqi.core.CorruptStreamException;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code tensors.bin}, the weights inside both bundle kinds, big-endian: magic "VQT1", u32 tensor count, then per
 * tensor: u16 name length, UTF-8 name, u8 element type (1 = binary16), u8 rank, u32 dimensions, then the values.
 */
final class TensorFormat {

    private static final int MAGIC = 0x56515431; // "VQT1"
    private static final int TYPE_F16 = 1;
    /** Larger than any model this machine can train; stops a hostile bundle from asking for gigabytes. */
    static final long MAX_BYTES = 512L << 20;
    private static final int MAX_TENSORS = 4096;

    private TensorFormat() {
    }

    /** Rounds float weights to half precision: what a bundle stores, and what its hash covers. */
    static List<Tensor> rounded(List<Tensor> weights) {
        List<Tensor> rounded = new ArrayList<>();
        for (Tensor t : weights) {
            float[] r = new float[t.data().length];
            for (int i = 0; i < r.length; i++) {
                r[i] = Half.toFloat(Half.fromFloat(t.data()[i]));
            }
            rounded.add(new Tensor(t.name(), t.shape(), r));
        }
        return rounded;
    }

    static byte[] encode(List<Tensor> tensors) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeInt(tensors.size());
            for (Tensor t : tensors) {
                byte[] name = t.name().getBytes(StandardCharsets.UTF_8);
                out.writeShort(name.length);
                out.write(name);
                out.writeByte(TYPE_F16);
                long[] shape = t.shape();
                out.writeByte(shape.length);
                for (long d : shape) {
                    out.writeInt((int) d);
                }
                for (float v : t.data()) {
                    out.writeShort(Half.fromFloat(v));
                }
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Tensor> decode(byte[] bytes) throws IOException {
        // A ByteBuffer, not a DataInputStream: millions of values are read on every start, and the stream's
        // per-short virtual calls and synchronised reads made this the slowest part of loading a model.
        ByteBuffer in = ByteBuffer.wrap(bytes); // big-endian
        try {
            if (in.getInt() != MAGIC) {
                throw new CorruptStreamException(0, "tensors.bin: bad magic");
            }
            int count = in.getInt();
            if (count < 0 || count > MAX_TENSORS) {
                throw new CorruptStreamException(4, "tensors.bin: bad tensor count " + count);
            }
            List<Tensor> tensors = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                byte[] name = new byte[Short.toUnsignedInt(in.getShort())];
                in.get(name);
                int type = Byte.toUnsignedInt(in.get());
                int rank = Byte.toUnsignedInt(in.get());
                if (type != TYPE_F16 || rank < 1 || rank > 8) {
                    throw new CorruptStreamException(0, "tensors.bin: unsupported type " + type + " or rank " + rank);
                }
                long[] shape = new long[rank];
                long n = 1;
                for (int d = 0; d < rank; d++) {
                    shape[d] = in.getInt() & 0xffffffffL;
                    n *= Math.max(1, shape[d]);
                    if (n * 2 > bytes.length) {
                        throw new CorruptStreamException(0, "tensors.bin: tensor larger than the file");
                    }
                }
                if (n * 2 > in.remaining()) {
                    throw new BufferUnderflowException();
                }
                short[] halves = new short[(int) n];
                in.asShortBuffer().get(halves);
                in.position(in.position() + 2 * halves.length);
                float[] data = new float[halves.length];
                for (int k = 0; k < data.length; k++) {
                    data[k] = Half.toFloat(halves[k]);
                }
                tensors.add(new Tensor(new String(name, StandardCharsets.UTF_8), shape, data));
            }
            return tensors;
        } catch (BufferUnderflowException e) {
            throw new CorruptStreamException(bytes.length, "tensors.bin is truncated");
        } catch (IllegalArgumentException e) {
            throw new CorruptStreamException(0, "tensors.bin: " + e.getMessage());
        }
    }
}

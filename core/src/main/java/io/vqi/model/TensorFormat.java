package io.vqi.model;

import io.vqi.core.CorruptStreamException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
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
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        try {
            if (in.readInt() != MAGIC) {
                throw new CorruptStreamException(0, "tensors.bin: bad magic");
            }
            int count = in.readInt();
            if (count < 0 || count > MAX_TENSORS) {
                throw new CorruptStreamException(4, "tensors.bin: bad tensor count " + count);
            }
            List<Tensor> tensors = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                byte[] name = new byte[in.readUnsignedShort()];
                in.readFully(name);
                int type = in.readUnsignedByte();
                int rank = in.readUnsignedByte();
                if (type != TYPE_F16 || rank < 1 || rank > 8) {
                    throw new CorruptStreamException(0, "tensors.bin: unsupported type " + type + " or rank " + rank);
                }
                long[] shape = new long[rank];
                long n = 1;
                for (int d = 0; d < rank; d++) {
                    shape[d] = in.readInt() & 0xffffffffL;
                    n *= Math.max(1, shape[d]);
                    if (n * 2 > bytes.length) {
                        throw new CorruptStreamException(0, "tensors.bin: tensor larger than the file");
                    }
                }
                float[] data = new float[(int) n];
                for (int k = 0; k < data.length; k++) {
                    data[k] = Half.toFloat(in.readShort());
                }
                tensors.add(new Tensor(new String(name, StandardCharsets.UTF_8), shape, data));
            }
            return tensors;
        } catch (EOFException e) {
            throw new CorruptStreamException(bytes.length, "tensors.bin is truncated");
        } catch (IllegalArgumentException e) {
            throw new CorruptStreamException(0, "tensors.bin: " + e.getMessage());
        }
    }
}

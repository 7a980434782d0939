package org.aubert.core.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A dense host tensor: element type, shape (C order) and little-endian bytes.
 *
 * <p>This is the exchange format of aubert-core (checkpoints, .npy); it carries no graph code.
 * The buffer may be a read-only view into a memory-mapped file, so it is never modified in place.
 */
public record Tensor(DType dtype, long[] shape, ByteBuffer data) {

    public Tensor {
        shape = shape.clone();
        long n = numel(shape);
        long need = n * dtype.byteSize();
        if (data.remaining() != need) {
            throw new IllegalArgumentException("tensor " + dtype + Arrays.toString(shape) + " needs " + need
                    + " bytes, got " + data.remaining());
        }
        data = data.slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    public static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    public long numel() { return numel(shape); }

    public int rank() { return shape.length; }

    @Override
    public long[] shape() { return shape.clone(); }

    /** A read-only little-endian view of the bytes, positioned at 0. */
    @Override
    public ByteBuffer data() { return data.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN); }

    public int[] intShape() {
        int[] s = new int[shape.length];
        for (int i = 0; i < s.length; i++) s[i] = Math.toIntExact(shape[i]);
        return s;
    }

    public static Tensor ofFloats(long[] shape, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return new Tensor(DType.F32, shape, b);
    }

    public static Tensor ofDoubles(long[] shape, double[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(values);
        return new Tensor(DType.F64, shape, b);
    }

    public static Tensor ofLongs(long[] shape, long[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return new Tensor(DType.I64, shape, b);
    }

    public static Tensor ofInts(long[] shape, int[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(values);
        return new Tensor(DType.I32, shape, b);
    }

    /** All elements converted to float (F16/BF16 widened exactly, F64 and integers rounded). */
    public float[] toFloatArray() {
        int n = Math.toIntExact(numel());
        float[] out = new float[n];
        ByteBuffer b = data();
        switch (dtype) {
            case F32 -> b.asFloatBuffer().get(out);
            case F64 -> { for (int i = 0; i < n; i++) out[i] = (float) b.getDouble(i * 8); }
            case F16 -> { for (int i = 0; i < n; i++) out[i] = halfToFloat(b.getShort(i * 2)); }
            case BF16 -> { for (int i = 0; i < n; i++) out[i] = Float.intBitsToFloat((b.getShort(i * 2) & 0xffff) << 16); }
            default -> { for (int i = 0; i < n; i++) out[i] = (float) integerAt(b, i); }
        }
        return out;
    }

    /** All elements converted to double. */
    public double[] toDoubleArray() {
        int n = Math.toIntExact(numel());
        double[] out = new double[n];
        ByteBuffer b = data();
        if (dtype == DType.F64) {
            b.asDoubleBuffer().get(out);
        } else if (dtype.isFloating()) {
            float[] f = toFloatArray();
            for (int i = 0; i < n; i++) out[i] = f[i];
        } else {
            for (int i = 0; i < n; i++) out[i] = integerAt(b, i);
        }
        return out;
    }

    /** All elements as long; refuses floating types (a silent truncation would hide a wrong input file). */
    public long[] toLongArray() {
        if (dtype.isFloating()) throw new IllegalStateException("cannot read " + dtype + " tensor as integers");
        int n = Math.toIntExact(numel());
        long[] out = new long[n];
        ByteBuffer b = data();
        for (int i = 0; i < n; i++) out[i] = integerAt(b, i);
        return out;
    }

    private long integerAt(ByteBuffer b, int i) {
        return switch (dtype) {
            case I64 -> b.getLong(i * 8);
            case I32 -> b.getInt(i * 4);
            case I16 -> b.getShort(i * 2);
            case I8 -> b.get(i);
            case U8, BOOL -> b.get(i) & 0xff;
            default -> throw new IllegalStateException("not an integer type: " + dtype);
        };
    }

    /** IEEE 754 binary16 to float, exact (JDK 17 has no Float.float16ToFloat). */
    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    /** Same values as a new F32 tensor (a copy, even when already F32). */
    public Tensor toF32() { return ofFloats(shape, toFloatArray()); }

    /** True when dtype, shape and bytes are identical. */
    public boolean contentEquals(Tensor o) {
        return dtype == o.dtype && Arrays.equals(shape, o.shape) && data().equals(o.data());
    }

    @Override
    public boolean equals(Object o) { return o instanceof Tensor t && contentEquals(t); }

    @Override
    public int hashCode() { return 31 * dtype.hashCode() + Arrays.hashCode(shape); }

    @Override
    public String toString() { return "Tensor[" + dtype + Arrays.toString(shape) + "]"; }
}

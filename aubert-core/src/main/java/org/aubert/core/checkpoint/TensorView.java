package org.aubert.core.checkpoint;

import java.io.IOException;
import java.util.List;

/**
 * A tensor as torch pickles it: a window (element offset, sizes, strides) onto a storage. Built by
 * {@code _rebuild_tensor[_v2]}; the window is checked to lie inside the storage's claimed size here,
 * and the storage's real byte length is checked when it is read.
 */
record TensorView(StorageRef storage, long offset, long[] shape, long[] stride, long numel) {

    /** torch never writes more dimensions than this; a larger rank is a forged pickle. */
    static final int MAX_RANK = 64;

    /** Applies {@code _rebuild_tensor(storage, offset, size, stride)}; v2's extra arguments are ignored. */
    static TensorView rebuild(List<Object> args, String source) throws IOException {
        if (!(args.get(0) instanceof StorageRef storage)) {
            throw new IOException(source + ": tensor rebuild without a storage (got "
                    + RestrictedUnpickler.typeName(args.get(0)) + ")");
        }
        if (!(args.get(1) instanceof Long offset) || offset < 0) {
            throw new IOException(source + ": tensor on storage '" + storage.key() + "' has an invalid storage offset");
        }
        long[] shape = longs(args.get(2), "size", storage, source);
        long[] stride = longs(args.get(3), "stride", storage, source);
        if (shape.length != stride.length) {
            throw new IOException(source + ": tensor on storage '" + storage.key() + "' has " + shape.length
                    + " sizes but " + stride.length + " strides");
        }
        long numel = 1;
        long last = offset; // highest element index the view touches
        try {
            for (int d = 0; d < shape.length; d++) {
                numel = Math.multiplyExact(numel, shape[d]);
                if (shape[d] > 0) last = Math.addExact(last, Math.multiplyExact(shape[d] - 1, stride[d]));
            }
        } catch (ArithmeticException e) {
            throw new IOException(source + ": tensor on storage '" + storage.key() + "' has sizes/strides that overflow");
        }
        if (numel > 0 && last >= storage.numel()) {
            throw new IOException(source + ": tensor view reaches element " + last + " of storage '" + storage.key()
                    + "', which holds only " + storage.numel() + " elements");
        }
        return new TensorView(storage, offset, shape, stride, numel);
    }

    /** True when the view reads its elements in storage order with no gaps (size-1 dims may have any stride). */
    boolean isContiguous() {
        long expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && stride[d] != expected) return false;
            expected *= shape[d];
        }
        return true;
    }

    private static long[] longs(Object o, String what, StorageRef storage, String source) throws IOException {
        if (o instanceof PickleTuple t && t.size() <= MAX_RANK) {
            long[] out = new long[t.size()];
            for (int i = 0; i < out.length; i++) {
                if (!(t.get(i) instanceof Long v) || v < 0) {
                    throw new IOException(source + ": tensor on storage '" + storage.key() + "' has an invalid " + what);
                }
                out[i] = v;
            }
            return out;
        }
        throw new IOException(source + ": tensor on storage '" + storage.key() + "' has an invalid " + what
                + " (expected a tuple of at most " + MAX_RANK + " non-negative integers)");
    }
}

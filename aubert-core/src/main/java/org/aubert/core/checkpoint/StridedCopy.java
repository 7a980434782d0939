package org.aubert.core.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Turns a {@link TensorView} over a storage's bytes into little-endian C-order bytes. */
final class StridedCopy {

    /** Java arrays (and so ByteBuffers) stop just short of 2 GiB. */
    static final long MAX_TENSOR_BYTES = Integer.MAX_VALUE - 8;

    /**
     * A view that repeats elements (stride 0, e.g. {@code expand}) grows when materialised; beyond this
     * size such a tiny file would be a memory bomb, so it is refused.
     */
    static final long MAX_EXPANDED_BYTES = 256L << 20;

    private StridedCopy() {}

    /**
     * @param storage the storage record's bytes, exactly {@code view.storage().numel()} elements
     * @param bigEndian whether the checkpoint's byteorder record says "big"
     */
    static ByteBuffer materialize(TensorView view, byte[] storage, boolean bigEndian, String what) throws IOException {
        int es = view.storage().dtype().byteSize();
        long numel = view.numel();
        if (numel > MAX_TENSOR_BYTES / es) {
            throw new IOException(what + " has " + numel + " elements; tensors over 2 GiB are not supported");
        }
        int nbytes = (int) (numel * es);
        if (numel > view.storage().numel() && nbytes > MAX_EXPANDED_BYTES) {
            throw new IOException(what + " is a broadcast view that would expand a storage of "
                    + view.storage().numel() + " elements to " + numel + "; refused");
        }
        if (numel == 0) return ByteBuffer.allocate(0);
        // Common case, a tensor that owns its whole storage: no copy (a Tensor's buffer is read-only to callers).
        if (!bigEndian && view.isContiguous() && view.offset() == 0 && numel == view.storage().numel()) {
            return ByteBuffer.wrap(storage);
        }
        byte[] out = new byte[nbytes];
        if (view.isContiguous()) {
            System.arraycopy(storage, (int) (view.offset() * es), out, 0, nbytes);
        } else {
            gather(view, storage, out, es);
        }
        if (bigEndian && es > 1) swapElements(out, es);
        return ByteBuffer.wrap(out);
    }

    /** Walks the view in C order with an odometer over all but the last dimension. */
    private static void gather(TensorView view, byte[] src, byte[] dst, int es) {
        long[] shape = view.shape();
        long[] stride = view.stride();
        int rank = shape.length; // >= 1: a 0-dim view is always contiguous
        int innerLen = (int) shape[rank - 1];
        long innerStride = stride[rank - 1];
        long[] index = new long[rank - 1];
        long base = view.offset();
        int d = 0;
        while (true) {
            if (innerStride == 1) {
                System.arraycopy(src, (int) (base * es), dst, d, innerLen * es);
                d += innerLen * es;
            } else {
                for (int i = 0; i < innerLen; i++) {
                    System.arraycopy(src, (int) ((base + i * innerStride) * es), dst, d, es);
                    d += es;
                }
            }
            int k = rank - 2;
            while (k >= 0 && ++index[k] == shape[k]) {
                base -= (shape[k] - 1) * stride[k];
                index[k] = 0;
                k--;
            }
            if (k < 0) return;
            base += stride[k];
        }
    }

    private static void swapElements(byte[] b, int es) {
        for (int i = 0; i < b.length; i += es) {
            for (int lo = i, hi = i + es - 1; lo < hi; lo++, hi--) {
                byte t = b[lo];
                b[lo] = b[hi];
                b[hi] = t;
            }
        }
    }
}

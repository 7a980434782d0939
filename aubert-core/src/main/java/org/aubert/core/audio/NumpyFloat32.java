package org.aubert.core.audio;

/**
 * Mean and population variance of float32 data computed the way NumPy computes {@code x.mean()} and
 * {@code x.var()}: float32 pairwise summation, then a division in double rounded back to float32.
 * Matching its rounding (not just its maths) lets normalised features agree with the Python reference
 * to within an ulp or so.
 */
final class NumpyFloat32 {
    /** NumPy's PW_BLOCKSIZE: below it, eight interleaved partial sums; above it, split in halves. */
    private static final int BLOCK = 128;

    private NumpyFloat32() {}

    /** {@code np.add.reduce} of a contiguous float32 range. */
    static float sum(float[] a, int off, int n) {
        if (n < 8) {
            float res = 0f;
            for (int i = 0; i < n; i++) res += a[off + i];
            return res;
        }
        if (n <= BLOCK) {
            float r0 = a[off], r1 = a[off + 1], r2 = a[off + 2], r3 = a[off + 3];
            float r4 = a[off + 4], r5 = a[off + 5], r6 = a[off + 6], r7 = a[off + 7];
            int i = 8;
            for (; i < n - (n % 8); i += 8) {
                r0 += a[off + i];
                r1 += a[off + i + 1];
                r2 += a[off + i + 2];
                r3 += a[off + i + 3];
                r4 += a[off + i + 4];
                r5 += a[off + i + 5];
                r6 += a[off + i + 6];
                r7 += a[off + i + 7];
            }
            float res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) res += a[off + i];
            return res;
        }
        int n2 = n / 2;
        n2 -= n2 % 8;
        return sum(a, off, n2) + sum(a, off + n2, n - n2);
    }

    /** {@code x[off:off+n].mean()} for float32 x. */
    static float mean(float[] a, int off, int n) {
        float s = 0f + sum(a, off, n); // NumPy's reduction starts from the identity 0 (turns -0 into +0)
        return (float) (s / (double) n);
    }

    /** {@code x[off:off+n].var()} (population variance) for float32 x. */
    static float variance(float[] a, int off, int n) {
        float m = mean(a, off, n);
        float[] sq = new float[n];
        for (int i = 0; i < n; i++) {
            float d = a[off + i] - m;
            sq[i] = d * d;
        }
        float s = 0f + sum(sq, 0, n);
        return (float) (s / (double) n);
    }
}

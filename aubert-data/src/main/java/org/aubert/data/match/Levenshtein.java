package org.aubert.data.match;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Edit distances over Unicode code points (as Python's {@code str} counts them), computed with bit vectors:
 * Myers' algorithm in Hyyrö's multi-block form for the Levenshtein distance (unit insert, delete, substitute),
 * and Hyyrö's bit-parallel LCS for the indel distance. Both run in O(ceil(m/64) * n).
 *
 * <p>{@link #ratio} is python-Levenshtein's {@code ratio}: {@code (lensum - indel) / lensum} with
 * {@code lensum = len(a) + len(b)}, 1 for two empty strings. That is the C python-Levenshtein's formula, which the
 * original pipeline's similarities match bit for bit; the rapidfuzz-based releases (0.21+) compute
 * {@code 1 - indel / lensum}, which can differ in the last bit. {@link #distance} is python-Levenshtein's {@code distance}, which the original refinement minimised.
 *
 * <p>For many comparisons against one string, build a {@link Pattern} once: it also gives the distance of the
 * pattern to every prefix of a text in one pass ({@link Pattern#prefixDistances}), which is what boundary refinement
 * needs.
 */
public final class Levenshtein {
    private Levenshtein() {}

    /** Levenshtein distance of two strings, over code points. */
    public static int distance(String a, String b) {
        return distance(a.codePoints().toArray(), b.codePoints().toArray());
    }

    public static int distance(int[] a, int[] b) {
        if (a.length == 0) return b.length;
        if (b.length == 0) return a.length;
        // the shorter string is the bit-vector pattern
        return a.length <= b.length ? new Pattern(a).distance(b, 0, b.length) : new Pattern(b).distance(a, 0, a.length);
    }

    /** Indel distance (insertions and deletions only): {@code len(a) + len(b) - 2 * LCS(a, b)}. */
    public static int indelDistance(int[] a, int[] b) {
        if (a.length == 0) return b.length;
        if (b.length == 0) return a.length;
        return a.length <= b.length ? new Pattern(a).indelDistance(b, 0, b.length) : new Pattern(b).indelDistance(a, 0, a.length);
    }

    /** python-Levenshtein's {@code ratio}: normalised indel similarity in [0, 1]. */
    public static double ratio(String a, String b) {
        return ratio(a.codePoints().toArray(), b.codePoints().toArray());
    }

    public static double ratio(int[] a, int[] b) {
        return ratioOf(indelDistance(a, b), a.length + b.length);
    }

    /** The ratio for an indel distance and a length sum, {@code (lensum - indel) / lensum} as a double. */
    static double ratioOf(int indel, int lenSum) {
        if (lenSum == 0) return 1.0;
        return (double) (lenSum - indel) / lenSum;
    }

    /** A string prepared for bit-parallel comparisons against many texts (or text slices). Not thread-safe. */
    public static final class Pattern {
        private final int[] cps;
        private final int blocks;
        private final long lastBit;
        private final long[][] ascii = new long[128][];
        private final Map<Integer, long[]> other = new HashMap<>();
        private final long[] zero;
        private final long[] pv;
        private final long[] mv;

        public Pattern(String s) { this(s.codePoints().toArray()); }

        public Pattern(int[] codePoints) {
            this.cps = codePoints.clone();
            this.blocks = Math.max(1, (cps.length + 63) >>> 6);
            this.lastBit = cps.length == 0 ? 0 : 1L << ((cps.length - 1) & 63);
            this.zero = new long[blocks];
            for (int i = 0; i < cps.length; i++) {
                int c = cps[i];
                long[] peq;
                if (c >= 0 && c < 128) {
                    peq = ascii[c];
                    if (peq == null) ascii[c] = peq = new long[blocks];
                } else {
                    peq = other.computeIfAbsent(c, k -> new long[blocks]);
                }
                peq[i >>> 6] |= 1L << (i & 63);
            }
            this.pv = new long[blocks];
            this.mv = new long[blocks];
        }

        public int length() { return cps.length; }

        int[] codePoints() { return cps; }

        private long[] peq(int c) {
            long[] p;
            if (c >= 0 && c < 128) p = ascii[c];
            else p = other.get(c);
            return p == null ? zero : p;
        }

        /** Levenshtein distance between this pattern and {@code text[from, to)}. */
        public int distance(int[] text, int from, int to) {
            int m = cps.length;
            if (m == 0) return Math.max(0, to - from);
            if (to <= from) return m;
            reset();
            int score = m;
            for (int j = from; j < to; j++) score += advance(peq(text[j]), 1);
            return score;
        }

        /**
         * Distances between this pattern and every prefix of a text walked from {@code from} by {@code step} (+1 or -1)
         * over {@code count} code points: {@code out[k]} is the distance to the first k code points walked (out[0] is the
         * pattern length). Walking backwards with a reversed pattern gives the distances to every suffix.
         */
        public int[] prefixDistances(int[] text, int from, int step, int count) {
            int m = cps.length;
            int[] out = new int[count + 1];
            out[0] = m;
            if (m == 0) {
                for (int k = 1; k <= count; k++) out[k] = k;
                return out;
            }
            reset();
            int score = m;
            for (int k = 1, j = from; k <= count; k++, j += step) {
                score += advance(peq(text[j]), 1);
                out[k] = score;
            }
            return out;
        }

        private void reset() {
            Arrays.fill(pv, -1L);
            Arrays.fill(mv, 0L);
        }

        /** One text column of Myers/Hyyrö over all blocks; returns the change of the bottom row's value. */
        private int advance(long[] eqs, int hin) {
            int carry = hin;
            int last = blocks - 1;
            for (int b = 0; b <= last; b++) {
                long eq = eqs[b];
                long p = pv[b];
                long mm = mv[b];
                long xv = eq | mm;
                if (carry < 0) eq |= 1L;
                long xh = (((eq & p) + p) ^ p) | eq;
                long ph = mm | ~(xh | p);
                long mh = p & xh;
                long high = b == last ? lastBit : Long.MIN_VALUE;
                int out = (ph & high) != 0 ? 1 : (mh & high) != 0 ? -1 : 0;
                ph <<= 1;
                mh <<= 1;
                if (carry < 0) mh |= 1L;
                else if (carry > 0) ph |= 1L;
                pv[b] = mh | ~(xv | ph);
                mv[b] = ph & xv;
                carry = out;
            }
            return carry;
        }

        /**
         * Semi-global search: {@code out[k]} is the smallest Levenshtein distance between this pattern and any substring
         * of {@code text[from, from + k)} that ends at its end (a free start anywhere), for k = 0..to-from.
         */
        public int[] searchDistances(int[] text, int from, int to) {
            int m = cps.length;
            int n = Math.max(0, to - from);
            int[] out = new int[n + 1];
            out[0] = m;
            if (m == 0) return out;
            reset();
            int score = m;
            for (int k = 1; k <= n; k++) {
                score += advance(peq(text[from + k - 1]), 0);
                out[k] = score;
            }
            return out;
        }

        /** Indel distance between this pattern and {@code text[from, to)} (bit-parallel LCS). */
        public int indelDistance(int[] text, int from, int to) {
            int m = cps.length;
            int n = Math.max(0, to - from);
            if (m == 0) return n;
            if (n == 0) return m;
            return indelDistancesAt(text, from, new int[]{to})[0];
        }

        /**
         * Indel distances between this pattern and {@code text[from, ends[i])} for ascending {@code ends}, in one
         * bit-parallel LCS pass over the text.
         */
        public int[] indelDistancesAt(int[] text, int from, int[] ends) {
            int m = cps.length;
            int[] out = new int[ends.length];
            long[] v = pv;
            Arrays.fill(v, -1L);
            int e = 0;
            int j = from;
            while (e < ends.length && ends[e] <= from) out[e] = m + Math.max(0, ends[e++] - from);
            if (e == ends.length) return out;
            int last = ends[ends.length - 1];
            for (; j < last; j++) {
                long[] eqs = peq(text[j]);
                long carry = 0;
                for (int b = 0; b < blocks; b++) {
                    long vb = v[b];
                    long u = vb & eqs[b];
                    long sum = vb + u + carry;
                    carry = ((vb & u) | ((vb | u) & ~sum)) >>> 63;
                    v[b] = sum | (vb - u);
                }
                while (e < ends.length && ends[e] == j + 1) out[e++] = m + (j + 1 - from) - 2 * lcs(v);
            }
            return out;
        }

        private int lcs(long[] v) {
            int m = cps.length;
            int lcs = 0;
            for (int b = 0; b < blocks; b++) {
                long word = ~v[b];
                if (b == blocks - 1 && (m & 63) != 0) word &= (1L << (m & 63)) - 1;
                lcs += Long.bitCount(word);
            }
            return lcs;
        }

        /** python-Levenshtein's ratio between this pattern and {@code text[from, to)}. */
        public double ratio(int[] text, int from, int to) {
            int n = Math.max(0, to - from);
            return ratioOf(indelDistance(text, from, to), cps.length + n);
        }
    }
}

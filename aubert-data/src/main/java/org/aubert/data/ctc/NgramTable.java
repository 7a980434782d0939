package org.aubert.data.ctc;

import java.util.Arrays;

/**
 * The n-grams of one order > 1: an open-addressing hash of {@code long} keys (dense id of the context
 * (n-1)-gram in the high 32 bits, id of the last word in the low 32 bits) onto dense ids, and the log10
 * probability and back-off of each dense id in primitive arrays. Dense ids never change, so the next
 * order can key on them.
 */
final class NgramTable {
    private static final long EMPTY = -1L;
    /** Probability of an entry that exists only as the context of a longer n-gram (absent from the file). */
    static final float NO_PROB = Float.NaN;

    private long[] keys;
    private int[] slotIds;
    private float[] prob;
    private float[] backoff; // null for the highest order
    private int size;

    NgramTable(long expected, boolean withBackoff) {
        // any capacity (not a power of two): a load of 0.75 when the header's count is right
        int cap = (int) Math.max(16, Math.min(1L << 30, expected * 4 / 3 + 1));
        keys = new long[cap];
        Arrays.fill(keys, EMPTY);
        slotIds = new int[cap];
        int n = (int) Math.max(16, Math.min(Integer.MAX_VALUE - 8, expected));
        prob = new float[n];
        backoff = withBackoff ? new float[n] : null;
    }

    static long key(int context, int word) { return ((long) context << 32) | (word & 0xffffffffL); }

    int size() { return size; }

    /** Dense id of (context, word), or -1. */
    int find(int context, int word) {
        if (context < 0 || word < 0) return -1;
        long key = key(context, word);
        int cap = keys.length;
        for (int slot = home(key, cap); ; slot = slot + 1 == cap ? 0 : slot + 1) {
            long k = keys[slot];
            if (k == key) return slotIds[slot];
            if (k == EMPTY) return -1;
        }
    }

    /** Dense id of (context, word), added with probability {@link #NO_PROB} and back-off 0 when new. */
    int add(int context, int word) {
        long key = key(context, word);
        int cap = keys.length;
        int slot = home(key, cap);
        for (; ; slot = slot + 1 == cap ? 0 : slot + 1) {
            long k = keys[slot];
            if (k == key) return slotIds[slot];
            if (k == EMPTY) break;
        }
        if (size == prob.length) {
            int n = (int) Math.min(Integer.MAX_VALUE - 8, prob.length * 3L / 2 + 16);
            prob = Arrays.copyOf(prob, n);
            if (backoff != null) backoff = Arrays.copyOf(backoff, n);
        }
        int id = size++;
        keys[slot] = key;
        slotIds[slot] = id;
        prob[id] = NO_PROB;
        if (backoff != null) backoff[id] = 0f;
        if ((long) size * 5 > (long) keys.length * 4) rehash();
        return id;
    }

    float prob(int id) { return prob[id]; }

    float backoff(int id) { return backoff == null ? 0f : backoff[id]; }

    void set(int id, float p, float b) {
        prob[id] = p;
        if (backoff != null) backoff[id] = b;
    }

    boolean hasBackoff() { return backoff != null; }

    void trim() {
        prob = Arrays.copyOf(prob, size);
        if (backoff != null) backoff = Arrays.copyOf(backoff, size);
    }

    long bytes() { return 12L * keys.length + 4L * prob.length + (backoff == null ? 0 : 4L * backoff.length); }

    private void rehash() {
        long[] k2 = new long[(int) Math.min(Integer.MAX_VALUE - 8, keys.length * 2L)];
        Arrays.fill(k2, EMPTY);
        int[] s2 = new int[k2.length];
        int cap = k2.length;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] == EMPTY) continue;
            int slot = home(keys[i], cap);
            while (k2[slot] != EMPTY) slot = slot + 1 == cap ? 0 : slot + 1;
            k2[slot] = keys[i];
            s2[slot] = slotIds[i];
        }
        keys = k2;
        slotIds = s2;
    }

    /** Home slot in [0, cap): the mixed hash's top 32 bits scaled to the capacity (no power of two needed). */
    private static int home(long key, int cap) { return (int) (((mix(key) & 0xffffffffL) * cap) >>> 32); }

    private static int mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return (int) (z ^ (z >>> 33));
    }
}

package org.aubert.data.ctc;

import java.util.Arrays;

/**
 * A compact string-to-id map for an LM vocabulary: the characters of all words in one {@code char[]} pool,
 * their offsets in an {@code int[]}, and an open-addressing table of ids. No per-word objects.
 */
final class WordIndex {
    private char[] pool = new char[1 << 12];
    private int poolSize;
    private int[] offsets = new int[1 << 10]; // word i spans offsets[i] .. offsets[i + 1]
    private int size;
    private int[] table = emptyTable(1 << 10); // slot -> id, -1 = empty
    private int[] hashes = new int[1 << 10];   // id -> hash

    int size() { return size; }

    /** Id of the word {@code s[from, to)}, or -1. */
    int find(CharSequence s, int from, int to) {
        int h = hash(s, from, to);
        int mask = table.length - 1;
        for (int slot = mix(h) & mask; ; slot = (slot + 1) & mask) {
            int id = table[slot];
            if (id < 0) return -1;
            if (hashes[id] == h && equals(id, s, from, to)) return id;
        }
    }

    int find(CharSequence s) { return find(s, 0, s.length()); }

    /** Id of the word, adding it when new. */
    int add(CharSequence s, int from, int to) {
        int h = hash(s, from, to);
        int mask = table.length - 1;
        int slot = mix(h) & mask;
        for (; ; slot = (slot + 1) & mask) {
            int id = table[slot];
            if (id < 0) break;
            if (hashes[id] == h && equals(id, s, from, to)) return id;
        }
        int len = to - from;
        if (poolSize + len > pool.length) pool = Arrays.copyOf(pool, Math.max(pool.length * 2, poolSize + len));
        for (int i = 0; i < len; i++) pool[poolSize + i] = s.charAt(from + i);
        if (size + 2 > offsets.length) offsets = Arrays.copyOf(offsets, offsets.length * 2);
        if (size + 1 > hashes.length) hashes = Arrays.copyOf(hashes, hashes.length * 2);
        int id = size++;
        offsets[id] = poolSize;
        poolSize += len;
        offsets[id + 1] = poolSize;
        hashes[id] = h;
        table[slot] = id;
        if (size * 3 > table.length * 2) rehash();
        return id;
    }

    String word(int id) {
        if (id < 0 || id >= size) throw new IndexOutOfBoundsException("word id " + id + " of " + size);
        return new String(pool, offsets[id], offsets[id + 1] - offsets[id]);
    }

    /** Approximate heap bytes of the arrays. */
    long bytes() { return 2L * pool.length + 4L * (offsets.length + table.length + hashes.length); }

    /** Drops unused capacity of the pool (call after loading). */
    void trim() {
        pool = Arrays.copyOf(pool, poolSize);
        offsets = Arrays.copyOf(offsets, size + 1);
        hashes = Arrays.copyOf(hashes, size);
    }

    private void rehash() {
        int[] t = emptyTable(table.length * 2);
        int mask = t.length - 1;
        for (int id = 0; id < size; id++) {
            int slot = mix(hashes[id]) & mask;
            while (t[slot] >= 0) slot = (slot + 1) & mask;
            t[slot] = id;
        }
        table = t;
    }

    private boolean equals(int id, CharSequence s, int from, int to) {
        int start = offsets[id];
        int len = offsets[id + 1] - start;
        if (len != to - from) return false;
        for (int i = 0; i < len; i++) if (pool[start + i] != s.charAt(from + i)) return false;
        return true;
    }

    private static int[] emptyTable(int n) {
        int[] t = new int[n];
        Arrays.fill(t, -1);
        return t;
    }

    private static int hash(CharSequence s, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) h = 31 * h + s.charAt(i);
        return h;
    }

    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h;
    }
}

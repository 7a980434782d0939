package org.aubert.data.ctc;

import java.util.Arrays;
import java.util.Locale;

/**
 * The LM vocabulary sorted (upper-cased, so matching is case-insensitive) for prefix queries: a prefix is a
 * range of the sorted array, and extending it by a character narrows the range with two binary searches.
 * Lets the beam search notice a partial word that no vocabulary word starts with.
 */
final class WordPrefixes {
    private final char[][] sorted;

    WordPrefixes(ArpaModel lm) {
        String[] w = new String[lm.vocabularySize()];
        for (int i = 0; i < w.length; i++) w[i] = lm.word(i).toUpperCase(Locale.ROOT);
        Arrays.sort(w);
        this.sorted = new char[w.length][];
        for (int i = 0; i < w.length; i++) sorted[i] = w[i].toCharArray();
    }

    int size() { return sorted.length; }

    /**
     * Narrows {@code [lo, hi)}, the words starting with a prefix of length {@code k}, to those whose character
     * {@code k} is {@code c}; returns {@code lo' << 32 | hi'}.
     */
    long narrow(int lo, int hi, int k, char c) {
        char u = Character.toUpperCase(c);
        int a = lowerBound(lo, hi, k, u, false);
        int b = lowerBound(a, hi, k, u, true);
        return ((long) a << 32) | (b & 0xffffffffL);
    }

    // First index in [lo, hi) whose char k is >= u (strict: > u); words of length k sort first.
    private int lowerBound(int lo, int hi, int k, char u, boolean strict) {
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            char[] s = sorted[mid];
            boolean before = s.length <= k || (strict ? s[k] <= u : s[k] < u);
            if (before) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}

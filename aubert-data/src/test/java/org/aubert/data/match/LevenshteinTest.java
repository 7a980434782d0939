package org.aubert.data.match;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Bit-parallel distances against a plain dynamic programme on random strings. */
class LevenshteinTest {

    static int dpLevenshtein(int[] a, int[] b) {
        int[] prev = new int[b.length + 1], cur = new int[b.length + 1];
        for (int j = 0; j <= b.length; j++) prev[j] = j;
        for (int i = 1; i <= a.length; i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length; j++) {
                int sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev; prev = cur; cur = t;
        }
        return prev[b.length];
    }

    static int dpIndel(int[] a, int[] b) {
        int[] prev = new int[b.length + 1], cur = new int[b.length + 1];
        for (int i = 1; i <= a.length; i++) {
            for (int j = 1; j <= b.length; j++)
                cur[j] = a[i - 1] == b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
            int[] t = prev; prev = cur; cur = t;
        }
        return a.length + b.length - 2 * prev[b.length];
    }

    /** Min over substrings of b ending at each position (free start), by DP. */
    static int[] dpSearch(int[] a, int[] b) {
        int[] out = new int[b.length + 1];
        int[] col = new int[a.length + 1];
        for (int i = 0; i <= a.length; i++) col[i] = i;
        out[0] = a.length;
        for (int j = 1; j <= b.length; j++) {
            int diag = col[0];
            col[0] = 0;
            for (int i = 1; i <= a.length; i++) {
                int up = col[i];
                col[i] = Math.min(diag + (a[i - 1] == b[j - 1] ? 0 : 1), Math.min(up + 1, col[i - 1] + 1));
                diag = up;
            }
            out[j] = col[a.length];
        }
        return out;
    }

    private static final int[][] ALPHABETS = {
            {'a', 'b'},
            {'a', 'c', 'g', 't'},
            "abcdefghijklmnopqrstuvwxyz '".codePoints().toArray(),
            // BMP beyond ASCII, and supplementary code points (surrogate pairs in Java strings)
            {'a', 0xE9, 0x3B1, 0x4E2D, 0x1F600, 0x1D11E, 0x10437, ' '},
    };

    static int[] random(SplittableRandom r, int[] alphabet, int len) {
        int[] s = new int[len];
        for (int i = 0; i < len; i++) s[i] = alphabet[r.nextInt(alphabet.length)];
        return s;
    }

    /** A mutated copy of s: shares most of its text, as a transcript shares with its book span. */
    static int[] mutate(SplittableRandom r, int[] alphabet, int[] s, double rate) {
        int[] out = new int[s.length * 2 + 4];
        int n = 0;
        for (int c : s) {
            double x = r.nextDouble();
            if (x < rate / 3) continue;
            if (x < 2 * rate / 3) out[n++] = alphabet[r.nextInt(alphabet.length)];
            else if (x < rate) { out[n++] = c; out[n++] = alphabet[r.nextInt(alphabet.length)]; continue; }
            else out[n++] = c;
        }
        return Arrays.copyOf(out, n);
    }

    @Test
    void distancesEqualPlainDynamicProgramming() {
        SplittableRandom r = new SplittableRandom(20261202L);
        for (int t = 0; t < 1500; t++) {
            int[] alpha = ALPHABETS[t % ALPHABETS.length];
            int[] a = random(r, alpha, r.nextInt(301));
            int[] b = t % 3 == 0 ? random(r, alpha, r.nextInt(301)) : mutate(r, alpha, a, r.nextDouble() * 0.5);
            String ctx = "case " + t + " |a|=" + a.length + " |b|=" + b.length;
            assertEquals(dpLevenshtein(a, b), Levenshtein.distance(a, b), ctx);
            assertEquals(dpIndel(a, b), Levenshtein.indelDistance(a, b), ctx);
            int lensum = a.length + b.length;
            assertEquals(lensum == 0 ? 1.0 : (double) (lensum - dpIndel(a, b)) / lensum, Levenshtein.ratio(a, b), 0.0, ctx);
            if (t % 5 == 0) {
                assertArrayEquals(dpSearch(a, b), new Levenshtein.Pattern(a).searchDistances(b, 0, b.length), ctx);
                // prefix distances forwards and suffix distances backwards
                Levenshtein.Pattern p = new Levenshtein.Pattern(a);
                int[] pre = p.prefixDistances(b, 0, 1, b.length);
                int[] suf = new Levenshtein.Pattern(BoundaryRefiner.reversed(a)).prefixDistances(b, b.length - 1, -1, b.length);
                for (int k = 0; k <= b.length; k += 1 + k / 4) {
                    assertEquals(dpLevenshtein(a, Arrays.copyOfRange(b, 0, k)), pre[k], ctx + " prefix " + k);
                    assertEquals(dpLevenshtein(a, Arrays.copyOfRange(b, b.length - k, b.length)), suf[k], ctx + " suffix " + k);
                }
            }
        }
    }

    @Test
    void longStringsUseManyBlocks() {
        SplittableRandom r = new SplittableRandom(7);
        int[] alpha = ALPHABETS[2];
        for (int t = 0; t < 6; t++) {
            int[] a = random(r, alpha, 700 + r.nextInt(1200));
            int[] b = mutate(r, alpha, a, 0.2);
            assertEquals(dpLevenshtein(a, b), Levenshtein.distance(a, b));
            assertEquals(dpIndel(a, b), Levenshtein.indelDistance(a, b));
            Levenshtein.Pattern p = new Levenshtein.Pattern(a);
            assertEquals(dpLevenshtein(a, Arrays.copyOfRange(b, 5, b.length - 9)), p.distance(b, 5, b.length - 9));
        }
    }

    @Test
    void stringsCountCodePointsAsPythonDoes() {
        assertEquals(0, Levenshtein.distance("", ""));
        assertEquals(3, Levenshtein.distance("", "abc"));
        assertEquals(1.0, Levenshtein.ratio("", ""));
        assertEquals(0.0, Levenshtein.ratio("", "abc"));
        assertEquals(3, Levenshtein.distance("kitten", "sitting"));
        // one supplementary character is one edit, not two UTF-16 units
        assertEquals(1, Levenshtein.distance("a\uD83D\uDE00b", "ab"));
        assertEquals(1, Levenshtein.distance("a\uD83D\uDE00b", "a\uD83D\uDE01b"));
        // Levenshtein.ratio('kitten', 'sitting') in python-Levenshtein
        assertEquals(0.6153846153846154, Levenshtein.ratio("kitten", "sitting"), 0.0);
    }
}

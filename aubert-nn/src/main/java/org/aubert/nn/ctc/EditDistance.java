package org.aubert.nn.ctc;

import java.util.List;

/** Levenshtein distance (unit costs) between two sequences, for character and word error rates. */
public final class EditDistance {
    private EditDistance() {}

    public static int of(int[] a, int[] b) {
        int[] prev = new int[b.length + 1];
        int[] cur = new int[b.length + 1];
        for (int j = 0; j <= b.length; j++) prev[j] = j;
        for (int i = 1; i <= a.length; i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length; j++) {
                int sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length];
    }

    /** Distance between the code points of two strings. */
    public static int chars(String a, String b) { return of(a.codePoints().toArray(), b.codePoints().toArray()); }

    /** Distance between the whitespace-separated words of two strings. */
    public static int words(String a, String b) {
        List<String> wa = split(a);
        List<String> wb = split(b);
        java.util.Map<String, Integer> ids = new java.util.HashMap<>();
        int[] ia = wa.stream().mapToInt(w -> ids.computeIfAbsent(w, k -> ids.size())).toArray();
        int[] ib = wb.stream().mapToInt(w -> ids.computeIfAbsent(w, k -> ids.size())).toArray();
        return of(ia, ib);
    }

    static List<String> split(String s) {
        String t = s.strip();
        return t.isEmpty() ? List.of() : List.of(t.split("\\s+"));
    }
}

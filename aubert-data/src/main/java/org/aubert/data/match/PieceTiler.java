package org.aubert.data.match;

import java.util.List;

/**
 * Places the pieces of one recording inside the book region the whole recording was matched to: the pieces'
 * transcripts, joined by spaces, are aligned once with the region (Levenshtein, unit costs, full traceback), and each
 * piece gets the stretch of the region its characters were aligned to. Consecutive pieces thus get consecutive,
 * non-overlapping stretches, which searching for each piece separately does not guarantee when the transcripts are weak.
 */
final class PieceTiler {
    /** The traceback keeps one byte per cell: regions and transcripts whose product exceeds this are not tiled. */
    static final long MAX_CELLS = 32_000_000L;

    private static final byte DIAGONAL = 0;
    private static final byte UP = 1;    // a transcript character aligned to nothing
    private static final byte LEFT = 2;  // a book character aligned to nothing

    private PieceTiler() {}

    /**
     * @param text   the normalised book
     * @param from   first character of the region
     * @param to     end of the region (exclusive)
     * @param pieces the pieces' normalised transcripts, in reading order, none empty
     * @return per piece, {start, end} character offsets into {@code text} (end exclusive, start < end), or null when the
     *         alignment would need more than {@link #MAX_CELLS} cells
     */
    static int[][] tile(int[] text, int from, int to, List<int[]> pieces) {
        int k = pieces.size();
        int[] pieceStart = new int[k];
        int[] pieceEnd = new int[k];
        int m = -1;
        for (int p = 0; p < k; p++) {
            pieceStart[p] = m + 1;
            m += 1 + pieces.get(p).length;
            pieceEnd[p] = m;
        }
        int[] q = new int[m];
        for (int p = 0; p < k; p++) {
            System.arraycopy(pieces.get(p), 0, q, pieceStart[p], pieces.get(p).length);
            if (p + 1 < k) q[pieceEnd[p]] = ' ';
        }
        int n = to - from;
        if (m == 0 || n <= 0 || (long) (m + 1) * (n + 1) > MAX_CELLS) return null;

        byte[][] back = new byte[m + 1][n + 1];
        int[] prev = new int[n + 1];
        int[] cur = new int[n + 1];
        for (int j = 0; j <= n; j++) { prev[j] = j; back[0][j] = LEFT; }
        for (int i = 1; i <= m; i++) {
            cur[0] = i;
            back[i][0] = UP;
            for (int j = 1; j <= n; j++) {
                int diag = prev[j - 1] + (q[i - 1] == text[from + j - 1] ? 0 : 1);
                int up = prev[j] + 1;
                int left = cur[j - 1] + 1;
                if (diag <= up && diag <= left) { cur[j] = diag; back[i][j] = DIAGONAL; }
                else if (up <= left) { cur[j] = up; back[i][j] = UP; }
                else { cur[j] = left; back[i][j] = LEFT; }
            }
            int[] t = prev; prev = cur; cur = t;
        }
        // at[i]: the region offset where transcript character i sits (its partner, or where it falls between two)
        int[] at = new int[m];
        int i = m, j = n;
        while (i > 0) {
            byte b = j == 0 ? UP : back[i][j];
            if (b == DIAGONAL) { at[--i] = --j; }
            else if (b == UP) { at[--i] = j; }
            else j--;
        }
        int[][] out = new int[k][];
        for (int p = 0; p < k; p++) {
            int s = at[pieceStart[p]];
            int e = Math.max(s + 1, at[pieceEnd[p] - 1] + 1);
            out[p] = new int[]{from + s, Math.min(to, from + e)};
            if (out[p][0] >= out[p][1]) out[p][0] = out[p][1] - 1;
        }
        return out;
    }
}

package org.aubert.data.ctc;

/**
 * One label prefix of the beam search, as a node pointing to its parent (shared tails, no copying), with
 * the LM part of its score, which depends on the prefix only.
 */
final class PrefixNode {
    private static final long MUL = 0x9E3779B97F4A7C15L;

    final PrefixNode parent;
    final int token;      // -1 for the root
    final int depth;
    final long hash;
    final LmState lmState;   // null without an LM
    final double lmScore;    // alpha * ln10 * sum log10 p + beta * words, over completed words
    final double lmLog10;    // sum of log10 p over completed words
    final int words;         // completed words
    final int wordLength;    // characters of the partial word (after the last delimiter)
    final int prefixLo;      // the LM words that start with the partial word: [prefixLo, prefixHi) of WordPrefixes
    final int prefixHi;
    final double partialScore; // the unknown-word penalty while no LM word starts with the partial word, else 0

    PrefixNode(PrefixNode parent, int token, LmState lmState, double lmScore, double lmLog10, int words,
               int wordLength, int prefixLo, int prefixHi, double partialScore) {
        this.parent = parent;
        this.token = token;
        this.depth = parent == null ? 0 : parent.depth + 1;
        this.hash = parent == null ? 0x2545F4914F6CDD1DL : childHash(parent.hash, token);
        this.lmState = lmState;
        this.lmScore = lmScore;
        this.lmLog10 = lmLog10;
        this.words = words;
        this.wordLength = wordLength;
        this.prefixLo = prefixLo;
        this.prefixHi = prefixHi;
        this.partialScore = partialScore;
    }

    /** Part of the search score that depends on the prefix only. */
    double lmTotal() { return lmScore + partialScore; }

    static long childHash(long parentHash, int token) {
        long h = (parentHash + token + 1) * MUL;
        return h ^ (h >>> 29);
    }

    /** Whether {@code a} and {@code b} are the same label sequence. */
    static boolean same(PrefixNode a, PrefixNode b) {
        while (a != b) {
            if (a == null || b == null || a.token != b.token || a.depth != b.depth || a.hash != b.hash) return false;
            a = a.parent;
            b = b.parent;
        }
        return true;
    }

    int[] labels() {
        int[] out = new int[depth];
        PrefixNode n = this;
        for (int i = depth - 1; i >= 0; i--, n = n.parent) out[i] = n.token;
        return out;
    }
}

package org.aubert.data.align;

/**
 * The CTC state sequence of a label sequence, shared by the Viterbi, free-ends and forward-backward passes: the
 * labels interleaved with blanks as {@code blank, l0, blank, l1, ..., l_{L-1}, blank}; {@code token[s]} is the id
 * state {@code s} emits, and {@code skip[s]} whether a path may jump into label state {@code s} from two states back
 * over a blank (not between two equal labels, which CTC would collapse into one).
 */
record CtcStates(int[] token, boolean[] skip) {

    static CtcStates of(int[] labels, int blank) {
        int n = 2 * labels.length + 1;
        int[] token = new int[n];
        boolean[] skip = new boolean[n];
        for (int s = 0; s < n; s++) {
            token[s] = (s & 1) == 0 ? blank : labels[s >> 1];
            skip[s] = (s & 1) == 1 && s >= 3 && labels[s >> 1] != labels[(s >> 1) - 1];
        }
        return new CtcStates(token, skip);
    }

    int count() { return token.length; }
}

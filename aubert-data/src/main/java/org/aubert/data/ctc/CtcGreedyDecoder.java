package org.aubert.data.ctc;

import java.util.Arrays;

/** Best-path CTC decoding: argmax per frame, merge repeats, drop blanks, "|" as the space between words. */
public final class CtcGreedyDecoder implements CtcDecoder {
    private final CtcAlphabet alphabet;

    public CtcGreedyDecoder(CtcAlphabet alphabet) {
        this.alphabet = alphabet;
    }

    public CtcAlphabet alphabet() { return alphabet; }

    /** Decodes the first {@code frames} rows of {@code scores} [T][V] (log-probabilities or logits: only the argmax matters). */
    @Override
    public CtcHypothesis decode(float[][] scores, int frames) {
        int[] labels = new int[frames];
        int n = 0;
        int previous = -1;
        double acoustic = 0;
        for (int t = 0; t < frames; t++) {
            float[] row = scores[t];
            if (row.length != alphabet.size()) {
                throw new IllegalArgumentException("frame " + t + " has " + row.length + " scores, the alphabet " + alphabet.size() + " tokens");
            }
            int best = 0;
            for (int v = 1; v < row.length; v++) if (row[v] > row[best]) best = v;
            acoustic += row[best];
            if (best != previous && best != alphabet.blank()) labels[n++] = best;
            previous = best;
        }
        int[] collapsed = Arrays.copyOf(labels, n);
        String text = alphabet.text(collapsed, n);
        int words = text.isEmpty() ? 0 : text.split(" ").length;
        return new CtcHypothesis(text, acoustic, acoustic, 0, words, collapsed);
    }

    public CtcHypothesis decode(float[][] scores) { return decode(scores, scores.length); }
}

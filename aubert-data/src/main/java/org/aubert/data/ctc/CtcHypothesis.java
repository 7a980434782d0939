package org.aubert.data.ctc;

/**
 * A decoded utterance.
 *
 * @param text          words separated by single spaces, in the case of the CTC vocabulary
 * @param score         the search score: acoustic + alpha * ln(10) * lmLog10Prob + beta * words (+ the unknown-word
 *                      penalty per word the LM does not know)
 * @param acousticScore natural-log CTC probability of the label sequence (summed over the alignments the search kept)
 * @param lmLog10Prob   log10 LM probability of the words, with sentence end; 0 without an LM
 * @param words         number of words
 * @param labels        the collapsed label sequence (token ids, delimiters included, no blanks)
 */
public record CtcHypothesis(String text, double score, double acousticScore, double lmLog10Prob, int words, int[] labels) {
    public CtcHypothesis {
        labels = labels.clone();
    }

    @Override
    public int[] labels() { return labels.clone(); }
}

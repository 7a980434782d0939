package org.aubert.data.align;

import java.util.List;

/**
 * The words of a transcript placed in the audio, with the CTC path they come from.
 *
 * @param words  in text order; their frame spans and times are non-decreasing and do not overlap
 * @param labels the label ids that were aligned (characters, with the word delimiter between words)
 * @param ctc    the best path over those labels
 */
public record WordAlignment(List<AlignedWord> words, int[] labels, CtcAlignment ctc) {
    public WordAlignment {
        words = List.copyOf(words);
        labels = labels.clone();
    }

    @Override public int[] labels() { return labels.clone(); }

    /** Log-probability of the path. */
    public double score() { return ctc.score(); }

    /** Mean log-probability per frame, a length-independent confidence. */
    public double scorePerFrame() { return ctc.score() / ctc.frames(); }
}

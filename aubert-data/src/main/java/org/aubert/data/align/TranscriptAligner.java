package org.aubert.data.align;

import java.util.ArrayList;
import java.util.List;

import org.aubert.core.tokenize.CtcTokenizer;

/**
 * Aligns the words of a transcript to CTC log-probabilities: spells the words with the CTC vocabulary, joined by
 * the word delimiter ("|"), runs {@link CtcForcedAligner}, and turns each word's character frames into
 * {@code [startFrame, endFrame)} and milliseconds with {@link FrameGeometry}. The delimiters and blanks between
 * words belong to no word, so a pause shows as a gap between one word's end and the next one's start.
 */
public final class TranscriptAligner {
    private final CtcTokenizer tokenizer;
    private final CtcForcedAligner aligner;
    private final FrameGeometry geometry;

    public TranscriptAligner(CtcTokenizer tokenizer, CtcForcedAligner.Options options, FrameGeometry geometry) {
        this.tokenizer = tokenizer;
        this.aligner = new CtcForcedAligner(tokenizer.blankId(), options);
        this.geometry = geometry;
    }

    public FrameGeometry geometry() { return geometry; }

    /**
     * The label ids of {@code words} and, in {@code wordFirst} / {@code wordLast} (each of {@code words.size()}
     * entries), the index of each word's first and last label.
     *
     * @throws AlignmentException when there are no words or a character is not in the vocabulary
     */
    public int[] labels(List<TextWord> words, int[] wordFirst, int[] wordLast) {
        if (words.isEmpty()) throw new AlignmentException(AlignmentException.Reason.EMPTY_TEXT, "no words to align");
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            TextWord w = words.get(i);
            if (i > 0) ids.add(tokenizer.wordDelimiterId());
            int[] chars;
            try {
                chars = tokenizer.encode(w.word(), CtcTokenizer.OutOfVocabulary.THROW);
            } catch (IllegalArgumentException e) {
                throw new AlignmentException(AlignmentException.Reason.OUT_OF_VOCABULARY,
                        "word '" + w.word() + "' at characters " + w.charStart() + ".." + w.charEnd() + ": " + e.getMessage());
            }
            if (chars.length == 0) {
                throw new AlignmentException(AlignmentException.Reason.OUT_OF_VOCABULARY, "word '" + w.word() + "' spells no CTC label");
            }
            for (int c : chars) {
                if (c == tokenizer.blankId() || c == tokenizer.wordDelimiterId()) {
                    throw new AlignmentException(AlignmentException.Reason.OUT_OF_VOCABULARY,
                            "word '" + w.word() + "' contains the CTC blank or word delimiter");
                }
            }
            wordFirst[i] = ids.size();
            for (int c : chars) ids.add(c);
            wordLast[i] = ids.size() - 1;
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Aligns {@code words} to {@code logProbs} (log-softmax of the model's logits). */
    public WordAlignment align(List<TextWord> words, Emissions logProbs) {
        int[] first = new int[words.size()];
        int[] last = new int[words.size()];
        return align(words, logProbs, first, last, labels(words, first, last));
    }

    private WordAlignment align(List<TextWord> words, Emissions logProbs, int[] first, int[] last, int[] labels) {
        CtcAlignment ctc = aligner.align(logProbs, labels);
        List<AlignedWord> out = new ArrayList<>(words.size());
        for (int i = 0; i < words.size(); i++) {
            TextWord w = words.get(i);
            int a = ctc.start(first[i]);
            int b = ctc.end(last[i]);
            out.add(new AlignedWord(w.word(), w.charStart(), w.charEnd(), a, b, geometry.boundaryMs(a), geometry.boundaryMs(b)));
        }
        return new WordAlignment(out, labels, ctc);
    }

    /** Largest frames x states for which {@link #alignExpected} computes posterior times (two arrays of doubles that size). */
    public static final long MAX_POSTERIOR_CELLS = 8_000_000L;

    /**
     * As {@link #align}, but each word's times are the expected times, under the posterior over all paths
     * ({@link CtcExpectedTimes}), at which the path enters its first letter and leaves its last one, in whole ms; the
     * frames stay those of the best path. Above {@link #MAX_POSTERIOR_CELLS} the best path's times are kept.
     */
    public WordAlignment alignExpected(List<TextWord> words, Emissions logProbs) {
        int[] first = new int[words.size()];
        int[] last = new int[words.size()];
        int[] labels = labels(words, first, last);
        WordAlignment best = align(words, logProbs, first, last, labels);
        if ((long) logProbs.frames() * (2L * labels.length + 1) > MAX_POSTERIOR_CELLS) return best;
        int[] states = new int[2 * words.size()];
        for (int i = 0; i < words.size(); i++) {
            states[2 * i] = 2 * first[i] + 1;
            states[2 * i + 1] = 2 * last[i] + 2;
        }
        double[] entry = CtcExpectedTimes.entryFrames(logProbs, labels, tokenizer.blankId(), states);
        if (entry == null) return best;
        List<AlignedWord> out = new ArrayList<>(words.size());
        for (int i = 0; i < words.size(); i++) {
            AlignedWord w = best.words().get(i);
            out.add(new AlignedWord(w.word(), w.charStart(), w.charEnd(), w.startFrame(), w.endFrame(),
                    Math.round(geometry.timeMsAt(entry[2 * i])), Math.round(geometry.timeMsAt(entry[2 * i + 1]))));
        }
        return new WordAlignment(out, labels, best.ctc());
    }
}

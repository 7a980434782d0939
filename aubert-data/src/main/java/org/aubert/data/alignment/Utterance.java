package org.aubert.data.alignment;

import java.util.List;
import java.util.Map;

/**
 * One utterance of an alignment file: an audio file, its transcript and the span {@code [startIdx, endIdx)} of the
 * book's {@code raw} text it reads, with the similarity of that span to the transcript. {@code words} is null until
 * forced alignment has run. {@code extra} keeps keys this library does not interpret (the original pipeline wrote
 * e.g. {@code start_idx_old}), so reading and writing a file loses nothing.
 */
public record Utterance(String fname, String utterance, String speakerId, int startIdx, int endIdx, double similarity,
                        List<WordTiming> words, Map<String, Object> extra) {
    public Utterance {
        words = words == null ? null : List.copyOf(words);
        // insertion order kept (Map.copyOf's iteration order changes from run to run), so files come out byte-identical
        extra = extra == null || extra.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extra));
    }

    /** A matched utterance: no words yet, no extra keys. */
    public Utterance(String fname, String utterance, String speakerId, int startIdx, int endIdx, double similarity) {
        this(fname, utterance, speakerId, startIdx, endIdx, similarity, null, Map.of());
    }

    public Utterance withSpan(int start, int end, double sim) {
        return new Utterance(fname, utterance, speakerId, start, end, sim, words, extra);
    }

    public Utterance withWords(List<WordTiming> w) {
        return new Utterance(fname, utterance, speakerId, startIdx, endIdx, similarity, w, extra);
    }
}

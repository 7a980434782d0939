package org.aubert.data.alignment;

/**
 * One aligned word: its normalised text, its character span {@code [charStart, charEnd)} in the book's {@code raw}
 * text and its time span in milliseconds from the start of the utterance's audio file.
 */
public record WordTiming(String word, int charStart, int charEnd, long startMs, long endMs) {
    public WordTiming {
        if (word == null || word.isEmpty()) throw new IllegalArgumentException("empty word");
        if (charStart < 0 || charEnd < charStart) {
            throw new IllegalArgumentException("word '" + word + "': bad char span [" + charStart + ", " + charEnd + ")");
        }
        if (startMs < 0 || endMs < startMs) {
            throw new IllegalArgumentException("word '" + word + "': bad time span [" + startMs + ", " + endMs + ") ms");
        }
    }

    public long durationMs() { return endMs - startMs; }
}

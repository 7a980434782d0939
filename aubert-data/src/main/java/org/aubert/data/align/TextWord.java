package org.aubert.data.align;

/**
 * A word of the book text: its normalised form and the span {@code [charStart, charEnd)} of the whitespace token
 * it came from in {@code raw} (punctuation included, as the original pipeline writes it).
 */
public record TextWord(String word, int charStart, int charEnd) {
    public TextWord {
        if (word.isEmpty()) throw new IllegalArgumentException("empty word");
        if (charStart < 0 || charEnd < charStart) throw new IllegalArgumentException("bad span [" + charStart + ", " + charEnd + ")");
    }
}

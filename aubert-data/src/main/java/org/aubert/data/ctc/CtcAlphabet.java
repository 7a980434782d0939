package org.aubert.data.ctc;

import java.util.Arrays;
import java.util.Objects;

import org.aubert.core.tokenize.CtcTokenizer;

/**
 * The output symbols of a CTC model as the decoders see them: one string per id, the blank (HF's pad
 * token) and the word delimiter ("|"). Text is rendered by turning the delimiter into a space, dropping
 * the blank and any other bracketed special token ({@code <s>}, {@code </s>}, {@code <unk>}), and joining
 * the words with single spaces.
 *
 * @param tokens    token string of each id
 * @param blank     id of the CTC blank
 * @param delimiter id of the word delimiter
 */
public record CtcAlphabet(String[] tokens, int blank, int delimiter) {

    /** Canonical constructor: validates and copies the tokens. */
    public CtcAlphabet {
        tokens = tokens.clone();
        for (int i = 0; i < tokens.length; i++) Objects.requireNonNull(tokens[i], "token " + i);
        if (blank < 0 || blank >= tokens.length) throw new IllegalArgumentException("blank id " + blank + " outside 0.." + (tokens.length - 1));
        if (delimiter < 0 || delimiter >= tokens.length || delimiter == blank) {
            throw new IllegalArgumentException("word delimiter id " + delimiter + " must be a token other than the blank");
        }
    }

    /** The alphabet of an HF CTC tokenizer (vocab.json): ids 0..vocabSize-1. */
    public static CtcAlphabet of(CtcTokenizer tokenizer) {
        String[] t = new String[tokenizer.vocabSize()];
        for (int i = 0; i < t.length; i++) t[i] = tokenizer.idToToken(i);
        return new CtcAlphabet(t, tokenizer.blankId(), tokenizer.wordDelimiterId());
    }

    public int size() { return tokens.length; }

    public String token(int id) { return tokens[id]; }

    @Override
    public String[] tokens() { return tokens.clone(); }

    /** Whether {@code id} adds no characters to the text (the blank, the delimiter, bracketed specials). */
    boolean silent(int id) {
        if (id == blank || id == delimiter) return true;
        String t = tokens[id];
        return t.length() > 1 && t.charAt(0) == '<' && t.charAt(t.length() - 1) == '>';
    }

    /** {@link #silent} of every id. */
    boolean[] silentMask() {
        boolean[] m = new boolean[tokens.length];
        for (int i = 0; i < m.length; i++) m[i] = silent(i);
        return m;
    }

    /** Text of a collapsed label sequence (no blanks expected, but they are ignored). */
    public String text(int[] labels, int length) {
        StringBuilder sb = new StringBuilder();
        boolean pendingSpace = false;
        for (int i = 0; i < length; i++) {
            int id = labels[i];
            if (id == delimiter) {
                pendingSpace = sb.length() > 0;
                continue;
            }
            if (silent(id)) continue;
            if (pendingSpace) sb.append(' ');
            pendingSpace = false;
            sb.append(tokens[id]);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CtcAlphabet a && a.blank == blank && a.delimiter == delimiter && Arrays.equals(a.tokens, tokens);
    }

    @Override
    public int hashCode() { return 31 * Arrays.hashCode(tokens) + 7 * blank + delimiter; }

    @Override
    public String toString() { return "CtcAlphabet" + Arrays.toString(tokens) + " blank=" + blank + " delimiter=" + delimiter; }
}

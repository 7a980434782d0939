package org.aubert.core.tokenize;

import java.util.Arrays;

/** The tokens of one input sequence before [CLS]/[SEP] are added: growable parallel arrays. */
final class TokenSequence {

    private int[] ids = new int[32];
    private String[] tokens = new String[32];
    private int[] starts = new int[32];
    private int[] ends = new int[32];
    private int[] wordIds = new int[32];
    private int size;

    void add(int id, String token, int start, int end, int wordId) {
        if (size == ids.length) grow();
        ids[size] = id;
        tokens[size] = token;
        starts[size] = start;
        ends[size] = end;
        wordIds[size] = wordId;
        size++;
    }

    private void grow() {
        int capacity = size * 2;
        ids = Arrays.copyOf(ids, capacity);
        tokens = Arrays.copyOf(tokens, capacity);
        starts = Arrays.copyOf(starts, capacity);
        ends = Arrays.copyOf(ends, capacity);
        wordIds = Arrays.copyOf(wordIds, capacity);
    }

    int size() {
        return size;
    }

    /** Drops tokens from the end (HF truncation direction "right"). */
    void truncate(int length) {
        if (length < size) size = length;
    }

    int id(int i) {
        return ids[i];
    }

    String token(int i) {
        return tokens[i];
    }

    /** Start of token {@code i}, in code points of the original text. */
    int start(int i) {
        return starts[i];
    }

    /** End (exclusive) of token {@code i}, in code points of the original text. */
    int end(int i) {
        return ends[i];
    }

    int wordId(int i) {
        return wordIds[i];
    }
}

package org.aubert.core.tokenize;

import java.util.Arrays;

/**
 * Normalised text as code points, each remembering the index of the original code point it came from.
 * Every BERT normalisation step maps one original character to zero or more characters that all
 * share its span, so one origin index per character is exactly the alignment HF keeps.
 */
final class CodePointBuffer {

    private int[] codePoints = new int[64];
    private int[] origins = new int[64];
    private int size;

    void clear() {
        size = 0;
    }

    void add(int codePoint, int origin) {
        if (size == codePoints.length) {
            codePoints = Arrays.copyOf(codePoints, size * 2);
            origins = Arrays.copyOf(origins, size * 2);
        }
        codePoints[size] = codePoint;
        origins[size] = origin;
        size++;
    }

    int size() {
        return size;
    }

    int codePointAt(int index) {
        return codePoints[index];
    }

    /** Index in the original text of the character that produced normalised character {@code index}. */
    int originAt(int index) {
        return origins[index];
    }

    String substring(int from, int to) {
        return new String(codePoints, from, to - from);
    }
}

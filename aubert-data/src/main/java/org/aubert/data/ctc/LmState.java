package org.aubert.data.ctc;

import java.util.Arrays;

/**
 * The history an {@link ArpaModel} needs to score the next word: the last words (oldest first), trimmed to
 * the longest suffix that the model holds, so equivalent histories are equal states. Immutable.
 */
public final class LmState {
    static final LmState EMPTY = new LmState(new int[0]);

    private final int[] words;
    private final int hash;

    LmState(int[] words) {
        this.words = words;
        this.hash = Arrays.hashCode(words);
    }

    /** Number of history words the state keeps. */
    public int length() { return words.length; }

    int word(int i) { return words[i]; }

    int[] words() { return words; }

    @Override
    public boolean equals(Object o) {
        return o instanceof LmState s && s.hash == hash && Arrays.equals(s.words, words);
    }

    @Override
    public int hashCode() { return hash; }

    @Override
    public String toString() { return "LmState" + Arrays.toString(words); }
}

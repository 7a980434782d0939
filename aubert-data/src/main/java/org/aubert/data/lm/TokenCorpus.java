package org.aubert.data.lm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sentences as word ids, ready for counting: the vocabulary (ids in order of first appearance after the three
 * markers {@code <unk>} = 0, {@code <s>} = 1, {@code </s>} = 2) and one token array holding every sentence as
 * {@code <s> w1 ... wm </s>}, back to back.
 */
final class TokenCorpus implements LmText.Sink {
    static final int UNK = 0;
    static final int BOS = 1;
    static final int EOS = 2;

    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> words = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
    private int[] tokens = new int[1 << 12];
    private int size;
    private int sentenceStart = -1;
    private long sentences;

    @Override
    public void word(String word) {
        if (sentenceStart < 0) {
            sentenceStart = size;
            add(BOS);
        }
        Integer id = ids.get(word);
        if (id == null) {
            id = words.size();
            ids.put(word, id);
            words.add(word);
        }
        add(id);
    }

    @Override
    public void endSentence() {
        if (sentenceStart < 0) return;
        add(EOS);
        sentenceStart = -1;
        sentences++;
    }

    private void add(int t) {
        if (size == tokens.length) tokens = Arrays.copyOf(tokens, Math.max(16, tokens.length * 2));
        tokens[size++] = t;
    }

    /** Tokens of the complete sentences (markers included). */
    int[] tokens() { return tokens; }

    int size() { return sentenceStart < 0 ? size : sentenceStart; }

    long sentences() { return sentences; }

    /** Words in id order, markers first. */
    List<String> vocabulary() { return words; }

    /** Words only: tokens without the sentence markers. */
    long wordCount() { return size() - 2 * sentences; }
}

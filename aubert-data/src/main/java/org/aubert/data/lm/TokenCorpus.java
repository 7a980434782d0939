package org.aubert.data.lm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sentences as word ids, ready for counting: the vocabulary (ids in order of first appearance after the three
 * markers {@code <unk>} = 0, {@code <s>} = 1, {@code </s>} = 2) and one token array holding every sentence as
 * {@code <s> w1 ... wm </s>}, back to back.
 */
final class TokenCorpus implements LmText.Sink {
    static final int UNK = 0;
    static final int BOS = 1;
    static final int EOS = 2;

    private final List<String> words = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
    // Open addressing: slot -> word id (-1 empty); hashes[id] = String.hashCode() of the word.
    private int[] slots = filled(1 << 12);
    private int[] hashes = new int[1 << 12];
    private int[] tokens = new int[1 << 12];
    private int size;
    private int sentenceStart = -1;
    private long sentences;

    @Override
    public void word(String word) {
        word(new StringBuilder(word));
    }

    @Override
    public void word(StringBuilder w) {
        if (sentenceStart < 0) {
            sentenceStart = size;
            add(BOS);
        }
        add(id(w));
    }

    private static int[] filled(int n) {
        int[] a = new int[n];
        Arrays.fill(a, -1);
        return a;
    }

    /** The id of the word, a new one when it is new (never one of the markers: they have no table slot). */
    private int id(CharSequence w) {
        int len = w.length();
        int h = 0;
        for (int i = 0; i < len; i++) h = 31 * h + w.charAt(i);
        int mask = slots.length - 1;
        int slot = slot(h, mask);
        while (true) {
            int id = slots[slot];
            if (id < 0) break;
            if (hashes[id] == h && equal(words.get(id), w)) return id;
            slot = (slot + 1) & mask;
        }
        int id = words.size();
        String s = w.toString();
        words.add(s);
        if (id >= hashes.length) hashes = Arrays.copyOf(hashes, hashes.length * 2);
        hashes[id] = h;
        slots[slot] = id;
        if (2 * (id - 2) > slots.length) rehash();
        return id;
    }

    /** Fibonacci hashing: the high bits of h times 2^32/phi, so similar words spread over the table. */
    private static int slot(int h, int mask) {
        return (int) ((h * 0x9E3779B97F4A7C15L) >>> 32) & mask;
    }

    private static boolean equal(String s, CharSequence w) {
        int len = s.length();
        if (len != w.length()) return false;
        for (int i = 0; i < len; i++) if (s.charAt(i) != w.charAt(i)) return false;
        return true;
    }

    private void rehash() {
        int[] next = filled(slots.length * 2);
        int mask = next.length - 1;
        for (int id = 3; id < words.size(); id++) {
            int h = hashes[id];
            int slot = slot(h, mask);
            while (next[slot] >= 0) slot = (slot + 1) & mask;
            next[slot] = id;
        }
        slots = next;
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

package org.aubert.data.lm;

import java.util.List;

/**
 * An estimated back-off n-gram model as it goes into an ARPA file. Order {@code k} (1-based) holds its n-grams as
 * packed keys (word ids of {@link #bits()} bits each, the first word in the highest bits), sorted, with
 * log10 probabilities and log10 back-off weights ({@code 0} where the n-gram is no context, and for the highest
 * order). The unigrams are every vocabulary word, indexed by id: {@code <unk>}, {@code <s>}, {@code </s>}, then the
 * words in order of first appearance. {@code <s>} is never predicted; its probability is written as log10 1 = 0,
 * as KenLM does.
 */
public record NgramModel(List<String> vocabulary, int bits, long[][] keys, double[][] log10Prob, double[][] log10Backoff,
                         List<Discount> discounts) {

    public int order() { return keys.length; }

    public int count(int order) { return keys[order - 1].length; }

    /** The word ids of an n-gram key of the given order, first word first. */
    public int[] words(long key, int order) {
        int[] w = new int[order];
        long mask = (1L << bits) - 1;
        for (int i = order - 1; i >= 0; i--) {
            w[i] = (int) (key & mask);
            key >>>= bits;
        }
        return w;
    }
}

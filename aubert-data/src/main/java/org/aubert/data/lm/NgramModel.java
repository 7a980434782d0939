package org.aubert.data.lm;

import java.util.List;

/**
 * An estimated back-off n-gram model as it goes into an ARPA file. Order {@code k} (1-based) holds every distinct
 * n-gram of the text as a sorted key, {@code (index of its first k-1 words in order k-1) << bits | last word id}
 * (order 1: the word id), and the indices of the n-grams kept in the model ({@link #kept()}, all but the pruned
 * ones) with their log10 probabilities and log10 back-off weights ({@code 0} where the n-gram is no context, and
 * for the highest order). The unigrams are every vocabulary word, by id: {@code <unk>}, {@code <s>},
 * {@code </s>}, then the words in order of first appearance. {@code <s>} is never predicted; its probability is
 * written as log10 1 = 0, as KenLM does.
 */
public record NgramModel(List<String> vocabulary, int bits, long[][] keys, int[][] kept, double[][] log10Prob,
                         double[][] log10Backoff, List<Discount> discounts) {

    public int order() { return keys.length; }

    /** Number of n-grams of the given order in the model. */
    public int count(int order) { return kept[order - 1].length; }

    /** The word ids of the {@code i}-th kept n-gram of the given order, first word first. */
    public int[] words(int order, int i) {
        int[] w = new int[order];
        long mask = (1L << bits) - 1;
        long key = keys[order - 1][kept[order - 1][i]];
        for (int k = order; k > 1; k--) {
            w[k - 1] = (int) (key & mask);
            key = keys[k - 2][(int) (key >>> bits)];
        }
        w[0] = (int) key;
        return w;
    }
}

package org.aubert.data.lm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Interpolated modified Kneser-Ney estimation, as KenLM's {@code lmplz} (and SRILM's
 * {@code ngram-count -kndiscount -interpolate} with unigrams interpolated with the uniform distribution) define it.
 *
 * <p>Each sentence is {@code <s> w1 ... wm </s>}; the n-grams of order k are its windows of k tokens ({@code <s>}
 * only in first position, {@code </s>} only in last; the lone unigram {@code <s>} is never counted).
 * <ul>
 *   <li><b>Adjusted counts</b> a(g): the raw count for the highest order and for n-grams that start with
 *       {@code <s>} (nothing can precede them); otherwise the continuation count, the number of distinct tokens
 *       (including {@code <s>}) seen right before g. {@code <unk>} and {@code <s>} have unigram count 0.</li>
 *   <li><b>Discounts</b> D1, D2, D3+ per order from the count-of-counts of the adjusted counts ({@link Discount}).</li>
 *   <li><b>Probabilities</b>, for a context h of order k and u(h) the context without its first word:
 *       {@code p(w|h) = (a(hw) - D(a(hw))) / T(h) + gamma(h) p(w|u(h))}, with {@code T(h) = sum_w a(hw)} and
 *       {@code gamma(h) = (D1 N1(h) + D2 N2(h) + D3+ N3+(h)) / T(h)}, N_j(h) the number of words w with
 *       {@code a(hw) = j} (3 and more for N3+). The unigrams interpolate with the uniform distribution:
 *       {@code p(w) = (a(w) - D(a(w))) / T + gamma 1/|V|}, |V| the vocabulary with {@code <unk>} and {@code </s>}
 *       but without {@code <s>}.</li>
 *   <li>The back-off weight of h is gamma(h), which makes the ARPA back-off model equal the interpolated one.</li>
 *   <li><b>Pruning</b> ({@code minCount > 1}): an n-gram of order 2 and more whose raw count is below minCount is
 *       left out of the model and its whole adjusted count joins gamma of its context (KenLM's {@code --prune}),
 *       so every distribution still sums to one. A pruned n-gram's extensions have no larger raw counts, so the
 *       kept n-grams stay closed under prefixes and suffixes. Counts and discounts are computed before pruning.</li>
 * </ul>
 */
public final class KneserNey {

    private KneserNey() {}

    /** Bits per word id in a packed key. */
    static int bits(int vocabularySize) {
        return Math.max(1, 32 - Integer.numberOfLeadingZeros(vocabularySize - 1));
    }

    public static NgramModel estimate(TokenCorpus corpus, int order, int minCount) {
        if (order < 1) throw new IllegalArgumentException("--order must be at least 1, got " + order);
        if (minCount < 1) throw new IllegalArgumentException("--min-count must be at least 1, got " + minCount);
        List<String> vocab = List.copyOf(corpus.vocabulary());
        int v = vocab.size();
        int bits = bits(v);
        if ((long) bits * order > 63) {
            throw new IllegalArgumentException("order " + order + " with " + (v - 3) + " word types needs " + bits * order
                    + " bits per n-gram, more than the 63 this builder packs; use a lower --order");
        }
        int[] t = corpus.tokens();
        int n = corpus.size();

        // Unique n-grams and raw counts per order (order 1 dense by id).
        long[][] keys = new long[order][];
        int[][] raw = new int[order][];
        int[] raw1 = new int[v];
        for (int i = 0; i < n; i++) if (t[i] != TokenCorpus.BOS) raw1[t[i]]++;
        long[] ids = new long[v];
        for (int i = 0; i < v; i++) ids[i] = i;
        keys[0] = ids;
        raw[0] = raw1;
        for (int k = 2; k <= order; k++) countWindows(t, n, k, bits, keys, raw);

        // Adjusted counts.
        int[][] adj = new int[order][];
        adj[order - 1] = raw[order - 1].clone();
        if (order == 1) adj[0][TokenCorpus.BOS] = 0;
        for (int k = order - 1; k >= 1; k--) adj[k - 1] = continuationCounts(keys, raw, k, bits);

        // Discounts from the count-of-counts.
        List<Discount> discounts = new ArrayList<>();
        for (int k = 1; k <= order; k++) {
            long[] nc = new long[5];
            for (int a : adj[k - 1]) if (a >= 1 && a <= 4) nc[a]++;
            discounts.add(Discount.estimate(nc));
        }

        double[][] prob = new double[order][];
        double[][] backoff = new double[order][];
        for (int k = 1; k <= order; k++) backoff[k - 1] = new double[keys[k - 1].length];

        // Unigrams: interpolated with the uniform distribution over the vocabulary without <s>.
        Discount d1 = discounts.get(0);
        int[] a1 = adj[0];
        long total = 0;
        double mass = 0;
        for (int a : a1) {
            total += a;
            mass += d1.of(a);
        }
        if (total == 0) throw new IllegalArgumentException("no n-grams to estimate from");
        double gamma1 = mass / total;
        double uniform = 1.0 / (v - 1);
        prob[0] = new double[v];
        for (int w = 0; w < v; w++) prob[0][w] = (a1[w] - d1.of(a1[w])) / total + gamma1 * uniform;

        // Higher orders: interpolate with the order below; gamma of each context is its back-off weight.
        for (int k = 2; k <= order; k++) {
            long[] kk = keys[k - 1];
            int[] ak = adj[k - 1];
            int[] rk = raw[k - 1];
            Discount d = discounts.get(k - 1);
            double[] p = new double[kk.length];
            Arrays.fill(p, Double.NaN);
            long[] lowerKeys = keys[k - 2];
            double[] lowerProb = prob[k - 2];
            long suffixMask = (1L << (bits * (k - 1))) - 1;
            int ctxIndex = 0;
            int i = 0;
            while (i < kk.length) {
                long ctx = kk[i] >>> bits;
                int j = i;
                long sum = 0;
                double g = 0;
                while (j < kk.length && (kk[j] >>> bits) == ctx) {
                    sum += ak[j];
                    g += rk[j] >= minCount ? d.of(ak[j]) : ak[j];
                    j++;
                }
                g /= sum;
                for (int q = i; q < j; q++) {
                    if (rk[q] < minCount) continue;
                    long suffix = kk[q] & suffixMask;
                    int li = k == 2 ? (int) suffix : Arrays.binarySearch(lowerKeys, suffix);
                    if (li < 0 || Double.isNaN(lowerProb[li])) throw new IllegalStateException("suffix of a kept n-gram is missing");
                    double lower = lowerProb[li];
                    p[q] = (ak[q] - d.of(ak[q])) / sum + g * lower;
                }
                // The context is an n-gram of order k-1; contexts come in sorted order.
                if (k == 2) {
                    ctxIndex = (int) ctx;
                } else {
                    while (lowerKeys[ctxIndex] < ctx) ctxIndex++;
                    if (lowerKeys[ctxIndex] != ctx) throw new IllegalStateException("context of an n-gram is missing");
                }
                backoff[k - 2][ctxIndex] = g;
                i = j;
            }
            prob[k - 1] = p;
        }

        // Keep what survives pruning, in log10.
        long[][] outKeys = new long[order][];
        double[][] outProb = new double[order][];
        double[][] outBackoff = new double[order][];
        for (int k = 1; k <= order; k++) {
            long[] kk = keys[k - 1];
            int kept = 0;
            for (int q = 0; q < kk.length; q++) if (k == 1 || raw[k - 1][q] >= minCount) kept++;
            long[] ok = new long[kept];
            double[] op = new double[kept];
            double[] ob = new double[kept];
            int o = 0;
            for (int q = 0; q < kk.length; q++) {
                if (k > 1 && raw[k - 1][q] < minCount) continue;
                ok[o] = kk[q];
                op[o] = k == 1 && q == TokenCorpus.BOS ? 0.0 : Math.log10(prob[k - 1][q]);
                double g = backoff[k - 1][q];
                ob[o] = g == 0 ? 0.0 : Math.log10(g);
                o++;
            }
            outKeys[k - 1] = ok;
            outProb[k - 1] = op;
            outBackoff[k - 1] = ob;
        }
        return new NgramModel(vocab, bits, outKeys, outProb, outBackoff, List.copyOf(discounts));
    }

    /** Sorted unique windows of k tokens within sentences, with their counts. */
    private static void countWindows(int[] t, int n, int k, int bits, long[][] keys, int[][] raw) {
        long windows = 0;
        int s = 0;
        while (s < n) {
            int e = s;
            while (t[e] != TokenCorpus.EOS) e++;
            windows += Math.max(0, e - s + 1 - k + 1);
            s = e + 1;
        }
        if (windows > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("text too large: " + windows + " " + k + "-grams");
        long[] w = new long[(int) windows];
        int m = 0;
        s = 0;
        while (s < n) {
            int e = s;
            while (t[e] != TokenCorpus.EOS) e++;
            for (int j = s; j + k - 1 <= e; j++) {
                long key = 0;
                for (int q = 0; q < k; q++) key = (key << bits) | t[j + q];
                w[m++] = key;
            }
            s = e + 1;
        }
        Arrays.sort(w);
        int u = 0;
        int[] c = new int[w.length];
        for (int i = 0; i < w.length; ) {
            int j = i;
            while (j < w.length && w[j] == w[i]) j++;
            w[u] = w[i];
            c[u] = j - i;
            u++;
            i = j;
        }
        keys[k - 1] = Arrays.copyOf(w, u);
        raw[k - 1] = Arrays.copyOf(c, u);
    }

    /**
     * Adjusted counts of order k below the highest: the number of distinct left extensions among the n-grams of
     * order k+1, or the raw count for n-grams that start with {@code <s>}; unigrams {@code <unk>} and {@code <s>}: 0.
     */
    private static int[] continuationCounts(long[][] keys, int[][] raw, int k, int bits) {
        long[] upper = keys[k];
        long mask = (1L << (bits * k)) - 1;
        long[] kk = keys[k - 1];
        int[] a = new int[kk.length];
        if (k == 1) {
            for (long key : upper) a[(int) (key & mask)]++;
            a[TokenCorpus.BOS] = 0;
            a[TokenCorpus.UNK] = 0;
            return a;
        }
        long[] suffixes = new long[upper.length];
        for (int i = 0; i < upper.length; i++) suffixes[i] = upper[i] & mask;
        Arrays.sort(suffixes);
        int shift = bits * (k - 1);
        int p = 0;
        for (int i = 0; i < kk.length; i++) {
            if ((kk[i] >>> shift) == TokenCorpus.BOS) {
                a[i] = raw[k - 1][i];
                continue;
            }
            while (p < suffixes.length && suffixes[p] < kk[i]) p++;
            int c = 0;
            while (p < suffixes.length && suffixes[p] == kk[i]) {
                c++;
                p++;
            }
            if (c == 0) throw new IllegalStateException("n-gram without a left extension");
            a[i] = c;
        }
        return a;
    }
}

package org.aubert.data.lm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Interpolated modified Kneser-Ney estimation, as KenLM's {@code lmplz} (and SRILM's
 * {@code ngram-count -kndiscount -interpolate} with unigrams interpolated with the uniform distribution) define it.
 *
 * <p>An n-gram of order k is kept as a {@code long}: the index of its first k-1 words among the sorted (k-1)-grams,
 * shifted left by the bits of a word id, or'ed with its last word id. Sorted keys are thus in lexicographic order of
 * the word ids, an n-gram's context is its key shifted right, and any order fits in a long.
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

    /** Bits per word id in a key. */
    static int bits(int vocabularySize) {
        return Math.max(1, 32 - Integer.numberOfLeadingZeros(vocabularySize - 1));
    }

    public static NgramModel estimate(TokenCorpus corpus, int order, int minCount) {
        if (order < 1) throw new IllegalArgumentException("--order must be at least 1, got " + order);
        if (minCount < 1) throw new IllegalArgumentException("--min-count must be at least 1, got " + minCount);
        List<String> vocab = List.copyOf(corpus.vocabulary());
        int v = vocab.size();
        int bits = bits(v);
        int[] t = corpus.tokens();
        int n = corpus.size();
        // end[j]: position of the </s> that closes the sentence of position j.
        int[] end = new int[n];
        for (int j = n - 1, e = -1; j >= 0; j--) {
            if (t[j] == TokenCorpus.EOS) e = j;
            end[j] = e;
        }

        // Unique n-grams per order, sorted; key = (index of the prefix (k-1)-gram << bits) | last word, so sorted
        // keys are in lexicographic order of the word ids. at[k-1][j]: index of the k-gram starting at position j.
        long[][] keys = new long[order][];
        int[][] raw = new int[order][];
        int[][] first = new int[order][];
        int[][] at = new int[order][];
        int[] raw1 = new int[v];
        int[] first1 = new int[v];
        Arrays.fill(first1, -1);
        for (int j = 0; j < n; j++) {
            if (t[j] == TokenCorpus.BOS) continue;
            raw1[t[j]]++;
            if (first1[t[j]] < 0) first1[t[j]] = j;
        }
        long[] ids = new long[v];
        for (int i = 0; i < v; i++) ids[i] = i;
        keys[0] = ids;
        raw[0] = raw1;
        first[0] = first1;
        at[0] = t;
        for (int k = 2; k <= order; k++) countOrder(t, end, n, k, bits, keys, raw, first, at);

        // Suffix of each n-gram of order k >= 2: the (k-1)-gram one position later.
        int[][] suffix = new int[order][];
        for (int k = 2; k <= order; k++) {
            int[] f = first[k - 1];
            int[] s = new int[f.length];
            for (int u = 0; u < f.length; u++) s[u] = at[k - 2][f[u] + 1];
            suffix[k - 1] = s;
        }

        // Adjusted counts.
        int[][] adj = new int[order][];
        adj[order - 1] = raw[order - 1].clone();
        for (int k = order - 1; k >= 1; k--) {
            int[] a = new int[keys[k - 1].length];
            for (int u : suffix[k]) a[u]++;
            int[] f = first[k - 1];
            if (k > 1) {
                for (int u = 0; u < a.length; u++) if (t[f[u]] == TokenCorpus.BOS) a[u] = raw[k - 1][u];
            }
            adj[k - 1] = a;
        }
        adj[0][TokenCorpus.BOS] = 0;
        adj[0][TokenCorpus.UNK] = 0;

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
            int[] sk = suffix[k - 1];
            Discount d = discounts.get(k - 1);
            double[] p = new double[kk.length];
            Arrays.fill(p, Double.NaN);
            double[] lowerProb = prob[k - 2];
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
                    double lower = lowerProb[sk[q]];
                    if (Double.isNaN(lower)) throw new IllegalStateException("suffix of a kept n-gram is missing");
                    p[q] = (ak[q] - d.of(ak[q])) / sum + g * lower;
                }
                backoff[k - 2][(int) ctx] = g;
                i = j;
            }
            prob[k - 1] = p;
        }

        // Keep what survives pruning, in log10.
        int[][] kept = new int[order][];
        double[][] outProb = new double[order][];
        double[][] outBackoff = new double[order][];
        for (int k = 1; k <= order; k++) {
            int size = keys[k - 1].length;
            int count = 0;
            for (int q = 0; q < size; q++) if (k == 1 || raw[k - 1][q] >= minCount) count++;
            int[] ok = new int[count];
            double[] op = new double[count];
            double[] ob = new double[count];
            int o = 0;
            for (int q = 0; q < size; q++) {
                if (k > 1 && raw[k - 1][q] < minCount) continue;
                ok[o] = q;
                op[o] = k == 1 && q == TokenCorpus.BOS ? 0.0 : Math.log10(prob[k - 1][q]);
                double g = backoff[k - 1][q];
                ob[o] = g == 0 ? 0.0 : Math.log10(g);
                o++;
            }
            kept[k - 1] = ok;
            outProb[k - 1] = op;
            outBackoff[k - 1] = ob;
        }
        return new NgramModel(vocab, bits, keys, kept, outProb, outBackoff, List.copyOf(discounts));
    }

    /**
     * Sorted unique windows of k tokens within sentences with their counts, the first position of each, and the
     * index of the window at every position ({@code -1} where no k-gram starts).
     */
    private static void countOrder(int[] t, int[] end, int n, int k, int bits, long[][] keys, int[][] raw, int[][] first, int[][] at) {
        int[] prefix = at[k - 2];
        long windows = 0;
        for (int j = 0; j < n; j++) if (j + k - 1 <= end[j]) windows++;
        long[] w = new long[(int) windows];
        int m = 0;
        for (int j = 0; j < n; j++) {
            if (j + k - 1 <= end[j]) w[m++] = ((long) prefix[j] << bits) | t[j + k - 1];
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
        long[] uk = Arrays.copyOf(w, u);
        w = null;
        // The n-grams that extend prefix p are uk[from[p], from[p + 1]): search only there.
        int prefixes = keys[k - 2].length;
        int[] from = new int[prefixes + 1];
        for (int q = 0; q < u; q++) from[(int) (uk[q] >>> bits) + 1]++;
        for (int p = 0; p < prefixes; p++) from[p + 1] += from[p];
        int[] idx = new int[n];
        int[] f = new int[u];
        Arrays.fill(f, -1);
        for (int j = 0; j < n; j++) {
            if (j + k - 1 > end[j]) {
                idx[j] = -1;
                continue;
            }
            int p = prefix[j];
            int q = Arrays.binarySearch(uk, from[p], from[p + 1], ((long) p << bits) | t[j + k - 1]);
            idx[j] = q;
            if (f[q] < 0) f[q] = j;
        }
        keys[k - 1] = uk;
        raw[k - 1] = Arrays.copyOf(c, u);
        first[k - 1] = f;
        at[k - 1] = idx;
    }
}

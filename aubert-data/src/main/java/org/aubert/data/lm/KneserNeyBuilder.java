package org.aubert.data.lm;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.aubert.core.io.AtomicFiles;

/**
 * Estimates a word n-gram LM with interpolated modified Kneser-Ney smoothing (Chen &amp; Goodman 1998, as
 * KenLM's lmplz and SRILM's {@code -kndiscount -interpolate}) and writes it as ARPA.
 *
 * <p>Each sentence is padded with {@code <s>} and {@code </s>}. The highest order uses raw counts; lower
 * orders use continuation counts (the number of distinct words seen before the n-gram), except n-grams that
 * start with {@code <s>}, which keep raw counts. Order n has three discounts from its counts of counts
 * t1..t4: {@code Y = t1/(t1+2 t2)}, {@code D1 = 1-2Y t2/t1}, {@code D2 = 2-3Y t3/t2}, {@code D3+ = 3-4Y t4/t3}
 * (a discount whose counts of counts are missing, as in tiny corpora, falls back to 0.5, 1, 1.5 and is kept
 * within [0, k]). Then {@code p(w|h) = (a(hw) - D(a(hw))) / a(h.) + gamma(h) p(w|h')} with
 * {@code gamma(h) = (D1 N1(h.) + D2 N2(h.) + D3+ N3+(h.)) / a(h.)}; unigrams interpolate with the uniform
 * distribution over the vocabulary (every word seen, {@code </s>} and {@code <unk>}). In ARPA terms the
 * stored probability is the interpolated one and the back-off weight of a context is {@code gamma(h)}.
 * Everything is counted in memory.
 */
public final class KneserNeyBuilder {
    public static final String BOS = "<s>";
    public static final String EOS = "</s>";
    public static final String UNK = "<unk>";
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}']+");

    /** Summary of an estimated model. */
    public record Stats(int sentences, long words, long[] ngramCounts, double[][] discounts) {}

    private final int order;
    private final List<Map<String, Long>> raw = new ArrayList<>(); // raw.get(n-1): n-gram -> count
    private int sentences;
    private long words;

    public KneserNeyBuilder(int order) {
        if (order < 1 || order > 9) throw new IllegalArgumentException("order must be 1..9, got " + order);
        this.order = order;
        for (int n = 0; n < order; n++) raw.add(new HashMap<>());
    }

    /** Lower case, letters/digits/apostrophes only, split on anything else. */
    public static String[] normalize(String line) {
        String s = NOT_WORD.matcher(line.toLowerCase(Locale.ROOT)).replaceAll(" ").trim();
        return s.isEmpty() ? new String[0] : s.split(" ");
    }

    /** Adds one sentence of normalised words (an empty one is ignored). */
    public void add(String[] sentenceWords) {
        if (sentenceWords.length == 0) return;
        String[] t = new String[sentenceWords.length + 2];
        t[0] = BOS;
        System.arraycopy(sentenceWords, 0, t, 1, sentenceWords.length);
        t[t.length - 1] = EOS;
        sentences++;
        words += sentenceWords.length;
        for (int n = 1; n <= order; n++) {
            Map<String, Long> m = raw.get(n - 1);
            for (int i = 0; i + n <= t.length; i++) m.merge(String.join(" ", java.util.Arrays.copyOfRange(t, i, i + n)), 1L, Long::sum);
        }
    }

    /** Adds each non-empty line of {@code text} as a sentence. */
    public void addText(String text) {
        for (String line : text.split("\\R")) add(normalize(line));
    }

    /** Estimates the model and writes it to {@code arpa} atomically. */
    public Stats write(Path arpa) throws IOException {
        Model m = estimate();
        AtomicFiles.write(arpa, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write("\\data\\\n");
            for (int n = 1; n <= order; n++) w.write("ngram " + n + "=" + m.prob.get(n - 1).size() + "\n");
            for (int n = 1; n <= order; n++) {
                w.write("\n\\" + n + "-grams:\n");
                for (Map.Entry<String, Double> e : m.prob.get(n - 1).entrySet()) {
                    w.write(fmt(log10(e.getValue())) + "\t" + e.getKey());
                    Double g = n < order ? m.gamma.get(e.getKey()) : null;
                    if (g != null) w.write("\t" + fmt(log10(g)));
                    w.write("\n");
                }
            }
            w.write("\n\\end\\\n");
            w.flush();
        });
        long[] counts = new long[order];
        for (int n = 1; n <= order; n++) counts[n - 1] = m.prob.get(n - 1).size();
        return new Stats(sentences, words, counts, m.discounts);
    }

    private static double log10(double p) { return p <= 0 ? -99 : Math.log10(p); }

    private static String fmt(double x) { return String.format(Locale.ROOT, "%.7g", x); }

    /** Probabilities per order (sorted n-gram -> p) and back-off weights per context. */
    record Model(List<TreeMap<String, Double>> prob, Map<String, Double> gamma, double[][] discounts) {}

    Model estimate() {
        if (sentences == 0) throw new IllegalStateException("no text: nothing to estimate");
        // adjusted counts
        List<Map<String, Long>> adj = new ArrayList<>();
        for (int n = 1; n <= order; n++) {
            if (n == order) {
                adj.add(raw.get(n - 1));
                continue;
            }
            Map<String, Long> a = new HashMap<>();
            for (String g : raw.get(n - 1).keySet()) if (startsWithBos(g)) a.put(g, raw.get(n - 1).get(g));
            for (String longer : raw.get(n).keySet()) {
                String suffix = longer.substring(longer.indexOf(' ') + 1);
                if (!startsWithBos(suffix)) a.merge(suffix, 1L, Long::sum);
            }
            adj.add(a);
        }
        adj.get(0).remove(BOS); // <s> is never predicted
        double[][] discounts = new double[order][];
        for (int n = 1; n <= order; n++) discounts[n - 1] = discounts(adj.get(n - 1));
        // per context: total adjusted count and how many continuations have count 1, 2, 3+
        Map<String, double[]> ctx = new HashMap<>(); // context -> {sum, n1, n2, n3+}
        for (int n = 1; n <= order; n++) {
            for (Map.Entry<String, Long> e : adj.get(n - 1).entrySet()) {
                double[] c = ctx.computeIfAbsent(context(e.getKey()), k -> new double[4]);
                long a = e.getValue();
                c[0] += a;
                c[(int) Math.min(3, a)]++;
            }
        }
        Map<String, Double> gamma = new HashMap<>();
        for (Map.Entry<String, double[]> e : ctx.entrySet()) {
            String h = e.getKey();
            double[] c = e.getValue();
            double[] d = discounts[h.isEmpty() ? 0 : h.split(" ").length];
            gamma.put(h, (d[0] * c[1] + d[1] * c[2] + d[2] * c[3]) / c[0]);
        }
        List<TreeMap<String, Double>> prob = new ArrayList<>();
        TreeMap<String, Double> uni = new TreeMap<>();
        Map<String, Long> a1 = adj.get(0);
        a1.putIfAbsent(UNK, 0L);
        a1.putIfAbsent(EOS, 0L);
        double uniform = 1.0 / a1.size();
        double[] c0 = ctx.get("");
        for (Map.Entry<String, Long> e : a1.entrySet()) {
            double u = e.getValue() == 0 ? 0 : (e.getValue() - discount(discounts[0], e.getValue())) / c0[0];
            uni.put(e.getKey(), u + gamma.get("") * uniform);
        }
        uni.put(BOS, 0.0);
        prob.add(uni);
        for (int n = 2; n <= order; n++) {
            TreeMap<String, Double> pn = new TreeMap<>();
            TreeMap<String, Double> lower = prob.get(n - 2);
            for (Map.Entry<String, Long> e : adj.get(n - 1).entrySet()) {
                String g = e.getKey();
                String h = context(g);
                double[] c = ctx.get(h);
                double u = (e.getValue() - discount(discounts[n - 1], e.getValue())) / c[0];
                pn.put(g, u + gamma.get(h) * lower.get(g.substring(g.indexOf(' ') + 1)));
            }
            prob.add(pn);
        }
        gamma.remove("");
        return new Model(prob, gamma, discounts);
    }

    private static boolean startsWithBos(String g) { return g.equals(BOS) || g.startsWith(BOS + " "); }

    private static String context(String g) {
        int sp = g.lastIndexOf(' ');
        return sp < 0 ? "" : g.substring(0, sp);
    }

    private static double discount(double[] d, long a) { return d[(int) Math.min(3, a) - 1]; }

    /** D1, D2, D3+ from the counts of counts of {@code counts}. */
    static double[] discounts(Map<String, Long> counts) {
        long[] t = new long[5];
        for (long a : counts.values()) if (a >= 1 && a <= 4) t[(int) a]++;
        double y = t[1] + 2 * t[2] > 0 ? t[1] / (double) (t[1] + 2 * t[2]) : 0.5;
        double[] fallback = {0.5, 1.0, 1.5};
        double[] d = new double[3];
        for (int k = 1; k <= 3; k++) {
            d[k - 1] = t[k] > 0 ? k - (k + 1) * y * t[k + 1] / t[k] : fallback[k - 1];
            d[k - 1] = Math.max(0, Math.min(k, d[k - 1]));
        }
        return d;
    }
}

package org.aubert.data.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.aubert.data.ctc.ArpaModel;

class KneserNeyBuilderTest {
    @TempDir Path tmp;

    /**
     * Order 2 on "a b a / a b / b b a b / a c", by hand.
     * Bigram counts: &lt;s&gt; a 3, a b 3, b a 2, b &lt;/s&gt; 2, a &lt;/s&gt; 1, &lt;s&gt; b 1, b b 1, a c 1, c &lt;/s&gt; 1:
     * t1=5 t2=2 t3=2 t4=0, Y=5/9, D1=1-2Y(2/5)=5/9, D2=2-3Y(2/2)=1/3, D3+=3.
     * Unigram continuation counts: a 2 (&lt;s&gt;, b), b 3 (a, &lt;s&gt;, b), &lt;/s&gt; 3 (b, a, c), c 1 (a):
     * t1=1 t2=1 t3=2 t4=0, Y=1/3, D1=1/3, D2=0, D3+=3; sum 9; gamma(.)=(1/3*1 + 0*1 + 3*2)/9 = 19/27;
     * uniform over {a, b, c, &lt;/s&gt;, &lt;unk&gt;}: p(a) = 2/9 + 19/135 = 49/135, p(b) = 0 + 19/135, p(c) = (2/3)/9 + 19/135 = 29/135.
     * Context a: a b 3, a &lt;/s&gt; 1, a c 1; sum 5, N1=2, N3+=1, gamma(a) = (2*5/9 + 3)/5 = 37/45:
     * p(b|a) = 0 + 37/45*19/135 = 703/6075, p(c|a) = (4/9)/5 + 37/45*29/135 = 1613/6075, p(&lt;unk&gt;|a) = 37/45*19/135.
     * Context &lt;s&gt;: &lt;s&gt; a 3, &lt;s&gt; b 1 (raw counts); gamma = (5/9 + 3)/4 = 8/9:
     * p(a|&lt;s&gt;) = 8/9*49/135 = 392/1215, p(b|&lt;s&gt;) = (4/9)/4 + 8/9*19/135 = 287/1215.
     */
    @Test
    void matchesAHandComputedExample() throws Exception {
        KneserNeyBuilder b = new KneserNeyBuilder(2);
        b.addText("A b a!\na, B\n\nb b a b\na c\n");
        Path arpa = tmp.resolve("hand.arpa");
        KneserNeyBuilder.Stats s = b.write(arpa);
        assertEquals(4, s.sentences());
        assertArrayEquals(new double[] {5 / 9.0, 1 / 3.0, 3}, s.discounts()[1], 1e-12);
        assertArrayEquals(new double[] {1 / 3.0, 0, 3}, s.discounts()[0], 1e-12);
        ArpaModel m = ArpaModel.load(arpa);
        double tol = 1e-6;
        assertEquals(Math.log10(49 / 135.0), m.log10Prob("a"), tol);
        assertEquals(Math.log10(19 / 135.0), m.log10Prob("b"), tol);
        assertEquals(Math.log10(29 / 135.0), m.log10Prob("c"), tol);
        assertEquals(Math.log10(19 / 135.0), m.log10Prob("<unk>"), tol);
        assertEquals(Math.log10(703 / 6075.0), m.log10Prob("b", "a"), tol);
        assertEquals(Math.log10(1613 / 6075.0), m.log10Prob("c", "a"), tol);
        assertEquals(Math.log10(37 / 45.0 * 19 / 135.0), m.log10Prob("zebra", "a"), tol); // backs off to <unk>
        assertEquals(Math.log10(392 / 1215.0), m.log10Prob("a", "<s>"), tol);
        assertEquals(Math.log10(287 / 1215.0), m.log10Prob("b", "<s>"), tol);
    }

    @Test
    void everyContextsDistributionSumsToOne() throws Exception {
        Random r = new Random(17);
        String[] vocab = new String[40];
        for (int i = 0; i < vocab.length; i++) vocab[i] = "w" + i;
        KneserNeyBuilder b = new KneserNeyBuilder(3);
        for (int s = 0; s < 400; s++) {
            String[] words = new String[1 + r.nextInt(12)];
            for (int i = 0; i < words.length; i++) words[i] = vocab[(int) Math.min(vocab.length - 1, Math.floor(Math.pow(41, r.nextDouble()) - 1))];
            b.add(words);
        }
        KneserNeyBuilder.Model model = b.estimate();
        Path arpa = tmp.resolve("random.arpa");
        b.write(arpa);
        ArpaModel m = ArpaModel.load(arpa);
        List<String> v = new ArrayList<>(model.prob().get(0).keySet());
        v.remove(KneserNeyBuilder.BOS);
        List<String> contexts = new ArrayList<>(model.gamma().keySet());
        contexts.add("");
        int checked = 0;
        for (String h : contexts) {
            String[] hist = h.isEmpty() ? new String[0] : h.split(" ");
            double sum = 0;
            double sumExact = 0;
            for (String w : v) {
                sum += Math.pow(10, m.log10Prob(w, hist));
                sumExact += exact(model, hist, w);
            }
            assertEquals(1.0, sumExact, 1e-9, "context '" + h + "' (estimate)");
            assertEquals(1.0, sum, 1e-4, "context '" + h + "' (ARPA)");
            checked++;
        }
        assertEquals(model.gamma().size() + 1, checked);
        System.out.println("KN: " + checked + " contexts sum to 1");
    }

    /** p(w | hist) from the estimate in doubles, with back-off through gamma. */
    private static double exact(KneserNeyBuilder.Model model, String[] hist, String w) {
        for (int start = 0; start <= hist.length; start++) {
            String h = String.join(" ", java.util.Arrays.copyOfRange(hist, start, hist.length));
            String g = h.isEmpty() ? w : h + " " + w;
            Double p = model.prob().get(hist.length - start).get(g);
            if (p != null) {
                double bo = 1;
                for (int s2 = 0; s2 < start; s2++) {
                    Double gm = model.gamma().get(String.join(" ", java.util.Arrays.copyOfRange(hist, s2, hist.length)));
                    bo *= gm == null ? 1 : gm;
                }
                return bo * p;
            }
        }
        throw new IllegalStateException(w + " not in the vocabulary");
    }
}

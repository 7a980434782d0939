package org.aubert.data.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code build-lm}: hand-computed modified Kneser-Ney values, normalisation of every distribution, bad input. */
class LmBuilderTest {
    @TempDir Path tmp;

    private ArpaFile build(String text, int order, int minCount) throws Exception {
        Path in = tmp.resolve("text-" + order + "-" + minCount + ".txt");
        Files.writeString(in, text);
        Path out = tmp.resolve("lm-" + order + "-" + minCount + ".arpa");
        new LmBuilder(new LmConfig(order, minCount, true)).build(List.of(in), out, null);
        return ArpaFile.read(out);
    }

    private static void assertProb(double expected, ArpaFile lm, String history, String w) {
        List<String> h = history.isEmpty() ? List.of() : List.of(history.split(" "));
        assertEquals(expected, lm.prob(h, w), 1e-12, "p(" + w + " | " + history + ")");
    }

    /**
     * Bigram model of six sentences, worked by hand. Tokens: {@code <s> b </s>}, {@code <s> b d a a </s>},
     * {@code <s> d </s>}, {@code <s> b a a </s>}, {@code <s> a </s>}, {@code <s> a </s>}.
     */
    @Test
    void bigramProbabilitiesEqualHandComputedModifiedKneserNey() throws Exception {
        ArpaFile lm = build("b\nb d a a\nd\nb a a\na\na\n", 2, 1);
        // Bigram counts (highest order: raw counts): <s> b 3, <s> a 2, <s> d 1, b </s> 1, b d 1, b a 1, d a 1,
        // d </s> 1, a a 2, a </s> 4. Count-of-counts n1 = 6, n2 = 2, n3 = 1, n4 = 1; Y = 6 / (6 + 2*2) = 3/5;
        // D1 = 1 - 2 Y n2/n1 = 1 - 2/5 = 3/5; D2 = 2 - 3 Y n3/n2 = 2 - 9/10 = 11/10; D3+ = 3 - 4 Y n4/n3 = 3/5.
        double bd1 = 3.0 / 5, bd2 = 11.0 / 10, bd3 = 3.0 / 5;
        // Unigram continuation counts (distinct left neighbours): a {d, b, a, <s>} 4, b {<s>} 1, d {b, <s>} 2,
        // </s> {b, d, a} 3; <unk> and <s> 0. n1 = n2 = n3 = n4 = 1, Y = 1/3: D1 = 1 - 2/3 = 1/3, D2 = 2 - 1 = 1,
        // D3+ = 3 - 4/3 = 5/3. T = 10; gamma = (1/3 + 1 + 5/3 + 5/3) / 10 = 7/15; |V| = 5 (a b d </s> <unk>).
        double ud1 = 1.0 / 3, ud2 = 1, ud3 = 5.0 / 3;
        double g = (ud1 + ud2 + 2 * ud3) / 10;
        assertEquals(7.0 / 15, g, 1e-15);
        double pa = (4 - ud3) / 10 + g / 5;   // 7/30 + 7/75 = 49/150
        double pb = (1 - ud1) / 10 + g / 5;   // 1/15 + 7/75 = 4/25
        double pd = (2 - ud2) / 10 + g / 5;   // 1/10 + 7/75 = 29/150
        double pe = (3 - ud3) / 10 + g / 5;   // 2/15 + 7/75 = 17/75
        assertProb(49.0 / 150, lm, "", "a");
        assertProb(4.0 / 25, lm, "", "b");
        assertProb(29.0 / 150, lm, "", "d");
        assertProb(17.0 / 75, lm, "", "</s>");
        assertProb(7.0 / 75, lm, "", "<unk>");
        assertEquals(1.0, pa + pb + pd + pe + g / 5, 1e-15);
        // Context a: a a 2, a </s> 4; T = 6, gamma(a) = (D2 + D3+) / 6 = 17/60.
        double ga = (bd2 + bd3) / 6;
        assertProb((2 - bd2) / 6 + ga * pa, lm, "a", "a");          // 3/20 + 833/9000 = 2183/9000
        assertProb(2183.0 / 9000, lm, "a", "a");
        assertProb(2839.0 / 4500, lm, "a", "</s>");                 // 17/30 + 17/60 * 17/75
        assertProb(ga * pb, lm, "a", "b");                          // unseen: back-off 17/60 * 4/25 = 17/375
        assertProb(17.0 / 375, lm, "a", "b");
        assertEquals(Math.log10(17.0 / 60), lm.log10Backoff.get("a"), 1e-12);
        // Context <s>: b 3, a 2, d 1; T = 6, gamma = (D3+ + D2 + D1) / 6 = 23/60.
        double gs = (bd3 + bd2 + bd1) / 6;
        assertEquals(23.0 / 60, gs, 1e-15);
        assertProb(173.0 / 375, lm, "<s>", "b");                     // 2/5 + 23/60 * 4/25
        assertProb(2477.0 / 9000, lm, "<s>", "a");                   // (2 - 11/10)/6 + 23/60 * 49/150
        assertProb(1267.0 / 9000, lm, "<s>", "d");                   // (1 - 3/5)/6 + 23/60 * 29/150
        assertProb(gs * 17.0 / 75, lm, "<s>", "</s>");               // unseen
        // Context b: </s>, d, a once each; gamma = 3 D1 / 3 = 3/5; context d: a, </s> once; gamma = 3/5.
        assertProb(187.0 / 750, lm, "b", "d");                       // 2/15 + 3/5 * 29/150
        assertProb(247.0 / 750, lm, "b", "a");                       // 2/15 + 3/5 * 49/150
        assertProb(101.0 / 375, lm, "b", "</s>");                    // 2/15 + 3/5 * 17/75
        assertProb(99.0 / 250, lm, "d", "a");                        // 2/15 + 3/5 * 49/150
        assertProb(42.0 / 125, lm, "d", "</s>");                     // 2/15 + 3/5 * 17/75
        assertEquals(Math.log10(3.0 / 5), lm.log10Backoff.get("d"), 1e-12);
        assertEquals(0.0, lm.log10Prob.get("<s>"));                  // never predicted; written as KenLM does
        assertEquals(0.0, lm.log10Backoff.get("</s>"));
        assertEquals(List.of("<unk>", "<s>", "</s>", "b", "d", "a"), List.copyOf(lm.vocabulary));
        assertEquals(10, lm.ngrams.size() - 6);
    }

    /** The discounts of Chen and Goodman's eq. 26, and the fallback where they are undefined. */
    @Test
    void discountsFromCountOfCounts() {
        // n1 = 10, n2 = 4, n3 = 2, n4 = 1: Y = 10/18; D1 = 1 - 2*(10/18)*(4/10) = 5/9; D2 = 2 - 3*(10/18)*(2/4) = 7/6;
        // D3+ = 3 - 4*(10/18)*(1/2) = 17/9.
        Discount d = Discount.estimate(new long[]{0, 10, 4, 2, 1});
        assertEquals(5.0 / 9, d.d1(), 1e-15);
        assertEquals(7.0 / 6, d.d2(), 1e-15);
        assertEquals(17.0 / 9, d.d3(), 1e-15);
        assertFalse(d.fallback());
        assertEquals(0, d.of(0));
        assertEquals(17.0 / 9, d.of(9));
        assertTrue(Discount.estimate(new long[]{0, 5, 0, 1, 1}).fallback());
        // n4 = 0: D3+ = 3 - 0 = 3, still in range. D1 = 1 - 2*(10/18)*(4/10) = 5/9.
        assertEquals(new Discount(5.0 / 9, 2 - 3 * (10.0 / 18) * (2.0 / 4), 3, false), Discount.estimate(new long[]{0, 10, 4, 2, 0}));
        // D2 = 2 - 3 * (4/8) * (3/2) = -1/4 < 0: undefined, fallback.
        assertEquals(Discount.FALLBACK, Discount.estimate(new long[]{0, 4, 2, 3, 5}));
    }

    private static String randomCorpus(long seed, int sentences, int vocab) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder();
        for (int s = 0; s < sentences; s++) {
            int len = 1 + r.nextInt(8);
            for (int i = 0; i < len; i++) {
                // Zipf-like: small ids are frequent.
                int w = (int) Math.floor(Math.pow(vocab, r.nextDouble()));
                sb.append(i > 0 ? " " : "").append("w").append(w);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** For every context of the file (each listed n-gram below the highest order, the empty one, some unseen ones),
     *  p(w|h) by back-off over the vocabulary without {@code <s>} sums to one; and equals the plain reference. */
    @Test
    void everyDistributionOfTheFileSumsToOneAndMatchesAPlainReference() throws Exception {
        String text = randomCorpus(7, 300, 40);
        List<List<String>> sentences = LmText.sentences(text);
        for (int order = 1; order <= 4; order++) {
            for (int minCount : new int[]{1, 2, 3}) {
                if (order == 1 && minCount > 1) continue;
                ArpaFile lm = build(text, order, minCount);
                List<String> predict = new ArrayList<>(lm.vocabulary);
                predict.remove("<s>");
                List<List<String>> contexts = new ArrayList<>();
                contexts.add(List.of());
                for (List<String> g : lm.ngrams) if (g.size() < order && !g.get(g.size() - 1).equals("</s>")) contexts.add(g);
                Random r = new Random(order);
                for (int i = 0; i < 50 && order > 1; i++) {
                    List<String> h = new ArrayList<>();
                    for (int q = 0; q < order - 1; q++) h.add(predict.get(r.nextInt(predict.size())));
                    h.remove("</s>");
                    contexts.add(h);
                }
                int checked = 0;
                for (List<String> h : contexts) {
                    double sum = 0;
                    for (String w : predict) sum += lm.prob(h, w);
                    assertEquals(1.0, sum, 1e-9, "order " + order + " min-count " + minCount + " context '" + h + "'");
                    checked++;
                }
                assertTrue(checked > (order == 1 ? 0 : 40), "contexts checked: " + checked);

                ReferenceKneserNey ref = new ReferenceKneserNey(sentences, order, minCount);
                for (Map.Entry<String, Double> e : ref.prob.entrySet()) {
                    Double mine = lm.log10Prob.get(e.getKey());
                    assertTrue(mine != null, "missing n-gram " + e.getKey());
                    assertEquals(Math.log10(e.getValue()), mine, 1e-12, e.getKey());
                }
                assertEquals(ref.prob.size() + 1, lm.log10Prob.size(), "n-grams (reference has no <s>)");
                for (Map.Entry<String, Double> e : ref.backoff.entrySet()) {
                    Double mine = lm.log10Backoff.get(e.getKey());
                    if (mine == null) continue; // a pruned context: it backs off with weight 1
                    assertEquals(Math.log10(e.getValue()), mine, 1e-12, "back-off of " + e.getKey());
                }
            }
        }
    }

    /** An order whose n-grams span more bits than a long (8 words of 9+ bits): still exact and normalised. */
    @Test
    void highOrdersWithLargeVocabulariesAreExactToo() throws Exception {
        String text = randomCorpus(5, 150, 1000);
        int order = 8;
        ArpaFile lm = build(text, order, 1);
        assertTrue(KneserNey.bits(lm.vocabulary.size()) * order > 63, "vocabulary " + lm.vocabulary.size());
        assertTrue(lm.log10Prob.keySet().stream().anyMatch(g -> g.split(" ").length == order), "has 8-grams");
        ReferenceKneserNey ref = new ReferenceKneserNey(LmText.sentences(text), order, 1);
        assertEquals(ref.prob.size() + 1, lm.log10Prob.size());
        for (Map.Entry<String, Double> e : ref.prob.entrySet()) assertEquals(Math.log10(e.getValue()), lm.log10Prob.get(e.getKey()), 1e-12, e.getKey());
        List<String> predict = new ArrayList<>(lm.vocabulary);
        predict.remove("<s>");
        Random r = new Random(3);
        int checked = 0;
        for (int i = 0; i < 100; i++) {
            List<String> g = lm.ngrams.get(r.nextInt(lm.ngrams.size()));
            if (g.size() == order || g.get(g.size() - 1).equals("</s>")) continue;
            double sum = 0;
            for (String w : predict) sum += lm.prob(g, w);
            assertEquals(1.0, sum, 1e-9, "context " + g);
            checked++;
        }
        assertTrue(checked > 30, "contexts checked: " + checked);
    }

    @Test
    void pruningLeavesOutRareNgramsButKeepsTheirPrefixesAndSuffixes() throws Exception {
        String text = randomCorpus(11, 400, 60);
        ArpaFile all = build(text, 3, 1);
        ArpaFile pruned = build(text, 3, 2);
        assertTrue(pruned.ngrams.size() < all.ngrams.size() * 0.8, pruned.ngrams.size() + " vs " + all.ngrams.size());
        assertEquals(all.vocabulary, pruned.vocabulary);
        for (List<String> g : pruned.ngrams) {
            if (g.size() == 1) continue;
            assertTrue(pruned.log10Prob.containsKey(String.join(" ", g.subList(0, g.size() - 1))), "prefix of " + g);
            assertTrue(pruned.log10Prob.containsKey(String.join(" ", g.subList(1, g.size()))), "suffix of " + g);
        }
    }

    @Test
    void textIsLowerCasedSplitIntoSentencesAndKeepsApostrophesInsideWords() {
        assertEquals(List.of(List.of("1"), List.of("rob's", "workshop"), List.of("busy", "call", "again"), List.of("who", "knows"),
                        List.of("it", "was", "1908", "the", "boys", "lab"), List.of("caf\u00e9", "d\u00e9j\u00e0", "vu")),
                LmText.sentences("\uFEFF1. Rob's Workshop! 'Busy; Call Again.' Who knows?\nIt was 1908--the boys' lab\n"
                        + "  Caf\u00c9 d\u00e9j\u00e0-vu ... \n\n"));
        assertEquals(List.of(List.of("don't", "o'clock")), LmText.sentences("DON\u2019T o'clock ''"));
    }

    @Test
    void badInputIsAClearErrorOrCountedAndSkipped() throws Exception {
        Path out = tmp.resolve("lm.arpa");
        LmBuilder b = new LmBuilder(new LmConfig(3, 1, false));
        NoSuchFileException missing = assertThrows(NoSuchFileException.class,
                () -> b.build(List.of(tmp.resolve("absent.txt")), out, null));
        assertTrue(missing.getMessage().contains("absent.txt"), missing.getMessage());
        Path empty = tmp.resolve("empty.txt");
        Files.writeString(empty, "... !!! -- \n\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.build(List.of(empty), out, null));
        assertTrue(e.getMessage().contains("empty.txt: no words in the text"), e.getMessage());
        assertFalse(Files.exists(out));
        e = assertThrows(IllegalArgumentException.class, () -> new LmConfig(0, 1, false));
        assertEquals("--order must be at least 1, got 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LmConfig(3, 0, false));

        Path mixed = tmp.resolve("mixed.txt");
        Files.write(mixed, new byte[]{'a', ' ', 'b', '\n', (byte) 0xff, 'x', '\n', 'b', ' ', 'a', '\n'});
        LmSummary s = b.build(List.of(mixed), out, null);
        assertEquals(1, s.badLines());
        assertEquals(2, s.sentences());
        assertEquals(4, s.words());
        assertEquals(2, s.types());
        assertTrue(s.line().contains("1 bad lines skipped"), s.line());
        assertTrue(s.line().startsWith("build-lm: 1 files, 2 sentences, 4 words, 2 types"), s.line());
        String first = Files.readString(out);
        LmSummary again = b.build(List.of(mixed), out, null);
        assertTrue(again.skipped(), again.line());
        assertEquals(first, Files.readString(out));
    }
}

package org.aubert.data.ctc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CtcBeamDecoderTest {
    // 0 blank, 1 delimiter, then letters
    static final CtcAlphabet ABC = new CtcAlphabet(new String[] {"<pad>", "|", "A", "C", "E", "H", "T"}, 0, 1);

    @TempDir Path tmp;

    /** Frames as {token: probability} maps; the remaining mass goes to the blank. */
    @SafeVarargs
    static float[][] frames(CtcAlphabet a, Map<String, Double>... frames) {
        float[][] out = new float[frames.length][a.size()];
        for (int t = 0; t < frames.length; t++) {
            double rest = 1;
            double[] p = new double[a.size()];
            for (Map.Entry<String, Double> e : frames[t].entrySet()) {
                int id = Arrays.asList(a.tokens()).indexOf(e.getKey());
                p[id] = e.getValue();
                rest -= e.getValue();
            }
            p[a.blank()] += rest;
            for (int v = 0; v < p.length; v++) out[t][v] = (float) Math.log(Math.max(p[v], 1e-6));
        }
        return out;
    }

    @Test
    void theLanguageModelFlipsAnAcousticallyAmbiguousWord() throws IOException {
        // "TH?" with A slightly more likely than E, then "CAT".
        float[][] lp = frames(ABC, Map.of("T", 0.9), Map.of("H", 0.9), Map.of("A", 0.5, "E", 0.45), Map.of("|", 0.9),
                Map.of("C", 0.9), Map.of("A", 0.9), Map.of("T", 0.9));
        assertEquals("THA CAT", new CtcGreedyDecoder(ABC).decode(lp).text());
        assertEquals("THA CAT", new CtcBeamDecoder(ABC, null, BeamSearchOptions.defaults().withLmWeights(0, 0)).decode(lp).text());
        Path arpa = tmp.resolve("lm.arpa");
        Files.writeString(arpa, String.join("\n", "\\data\\", "ngram 1=5", "ngram 2=2", "", "\\1-grams:",
                "-1.0\t<s>\t-0.3", "-1.0\t</s>", "-0.8\tTHE\t-0.2", "-1.0\tCAT\t-0.2", "-3.0\t<unk>", "",
                "\\2-grams:", "-0.3\t<s> THE", "-0.2\tTHE CAT", "", "\\end\\", ""));
        ArpaModel lm = ArpaModel.load(arpa);
        CtcHypothesis h = new CtcBeamDecoder(ABC, lm, BeamSearchOptions.defaults()).decode(lp);
        assertEquals("THE CAT", h.text());
        assertEquals(2, h.words());
        // <s> THE CAT </s> = -0.3 - 0.2 + (-0.2 - 1.0)
        assertEquals(-1.7, h.lmLog10Prob(), 1e-6);
        assertEquals(h.acousticScore() + 0.5 * Math.log(10) * -1.7 + 2 * 1.0, h.score(), 1e-5);
        // with alpha = 0 the LM has no say
        assertEquals("THA CAT", new CtcBeamDecoder(ABC, lm, BeamSearchOptions.defaults().withLmWeights(0, 1)).decode(lp).text());
    }

    @Test
    void unknownWordPenaltyStopsTheSearchFromAvoidingWordEnds() throws IOException {
        Path arpa = tmp.resolve("uni.arpa");
        Files.writeString(arpa, String.join("\n", "\\data\\", "ngram 1=5", "", "\\1-grams:",
                "-1.0\t<s>", "-1.0\t</s>", "-2.0\tcat", "-2.0\tthe", "-3.0\t<unk>", "", "\\end\\", ""));
        ArpaModel lm = ArpaModel.load(arpa);
        float[][] lp = frames(ABC, Map.of("C", 0.9), Map.of("A", 0.9), Map.of("T", 0.9), Map.of("|", 0.6),
                Map.of("T", 0.9), Map.of("H", 0.9), Map.of("E", 0.9));
        BeamSearchOptions o = BeamSearchOptions.defaults().withLmWeights(1.0, 0.0);
        // without the penalty one unknown word (one LM score) beats two known ones (two LM scores)
        assertEquals("CATTHE", new CtcBeamDecoder(ABC, lm, o.withUnknownWordPenalty(0)).decode(lp).text());
        CtcHypothesis h = new CtcBeamDecoder(ABC, lm, o).decode(lp);
        assertEquals("CAT THE", h.text());
        assertEquals(-5.0, h.lmLog10Prob(), 1e-6); // the LM is lower case: words match case-insensitively

        WordPrefixes p = new WordPrefixes(lm); // sorted: </S> <S> <UNK> CAT THE
        long c = p.narrow(0, p.size(), 0, 'c');
        assertEquals(3, c >>> 32);
        assertEquals(4, (int) c);
        long t = p.narrow(0, p.size(), 0, 'T');
        long th = p.narrow((int) (t >>> 32), (int) t, 1, 'H');
        assertEquals(1, (int) th - (int) (th >>> 32));
        long tx = p.narrow((int) (t >>> 32), (int) t, 1, 'X');
        assertEquals(0, (int) tx - (int) (tx >>> 32));
    }

    static float[][] randomLogProbs(Random r, int frames, int v, double peak) {
        float[][] out = new float[frames][v];
        for (int t = 0; t < frames; t++) {
            double[] p = new double[v];
            double sum = 0;
            for (int i = 0; i < v; i++) sum += (p[i] = r.nextDouble());
            int best = r.nextInt(v);
            for (int i = 0; i < v; i++) p[i] = (1 - peak) * p[i] / sum + (i == best ? peak : 0);
            for (int i = 0; i < v; i++) out[t][i] = (float) Math.log(p[i]);
        }
        return out;
    }

    @Test
    void equalsGreedyWithoutLmAndWithWidthOne() {
        Random r = new Random(11);
        CtcAlphabet a = ABC;
        CtcBeamDecoder beam = new CtcBeamDecoder(a, null, BeamSearchOptions.exhaustive(1));
        CtcGreedyDecoder greedy = new CtcGreedyDecoder(a);
        for (int trial = 0; trial < 200; trial++) {
            float[][] lp = randomLogProbs(r, 5 + r.nextInt(60), a.size(), 0.9);
            CtcHypothesis g = greedy.decode(lp);
            CtcHypothesis b = beam.decode(lp);
            assertEquals(g.text(), b.text(), "trial " + trial);
            assertArrayEquals(g.labels(), b.labels(), "trial " + trial);
        }
    }

    /** Sum over every alignment path of its probability, per collapsed label sequence. */
    static Map<String, Double> enumerate(float[][] lp, int blank) {
        int frames = lp.length;
        int v = lp[0].length;
        Map<String, Double> sums = new HashMap<>();
        int[] path = new int[frames];
        long total = (long) Math.pow(v, frames);
        for (long code = 0; code < total; code++) {
            long c = code;
            double logp = 0;
            for (int t = 0; t < frames; t++) {
                path[t] = (int) (c % v);
                c /= v;
                logp += lp[t][path[t]];
            }
            StringBuilder key = new StringBuilder();
            for (int t = 0; t < frames; t++) {
                if (path[t] != blank && (t == 0 || path[t] != path[t - 1])) key.append(path[t]).append(',');
            }
            sums.merge(key.toString(), Math.exp(logp), Double::sum);
        }
        return sums;
    }

    static String key(int[] labels) {
        StringBuilder sb = new StringBuilder();
        for (int l : labels) sb.append(l).append(',');
        return sb.toString();
    }

    @Test
    void equalsExhaustiveSearchOverAllAlignments() {
        Random r = new Random(5);
        for (int trial = 0; trial < 60; trial++) {
            int v = 3 + r.nextInt(2);
            String[] tokens = {"<pad>", "|", "X", "Y"};
            CtcAlphabet a = new CtcAlphabet(Arrays.copyOf(tokens, v), 0, 1);
            float[][] lp = randomLogProbs(r, 2 + r.nextInt(6), v, r.nextDouble() * 0.5);
            Map<String, Double> exact = enumerate(lp, 0);
            String bestKey = exact.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            List<CtcHypothesis> nbest = new CtcBeamDecoder(a, null, BeamSearchOptions.exhaustive(100_000)).decodeNBest(lp, lp.length);
            assertEquals(exact.size(), nbest.size(), "trial " + trial + ": every label sequence is a prefix in the beam");
            assertEquals(bestKey, key(nbest.get(0).labels()), "trial " + trial);
            for (CtcHypothesis h : nbest) {
                assertEquals(Math.log(exact.get(key(h.labels()))), h.acousticScore(), 1e-9, "trial " + trial + " " + key(h.labels()));
            }
        }
    }

    @Test
    void pruning() {
        Random r = new Random(3);
        CtcAlphabet a = ABC;
        CtcGreedyDecoder greedy = new CtcGreedyDecoder(a);
        int narrowed = 0;
        for (int trial = 0; trial < 50; trial++) {
            float[][] lp = randomLogProbs(r, 30, a.size(), 0.3);
            // token cutoff 0 (or top-1) leaves only each frame's best token: the greedy path, one prefix
            List<CtcHypothesis> cut = new CtcBeamDecoder(a, null, BeamSearchOptions.exhaustive(20).withPruning(Double.POSITIVE_INFINITY, 0, 0))
                    .decodeNBest(lp, lp.length);
            assertEquals(1, cut.size());
            assertEquals(greedy.decode(lp).text(), cut.get(0).text());
            List<CtcHypothesis> top1 = new CtcBeamDecoder(a, null, BeamSearchOptions.exhaustive(20).withPruning(Double.POSITIVE_INFINITY,
                    Double.NEGATIVE_INFINITY, 1)).decodeNBest(lp, lp.length);
            assertArrayEquals(cut.get(0).labels(), top1.get(0).labels());
            // the width caps the beam
            List<CtcHypothesis> wide = new CtcBeamDecoder(a, null, BeamSearchOptions.exhaustive(20)).decodeNBest(lp, lp.length);
            assertEquals(20, wide.size());
            // margin 0 keeps only the best prefix of each frame
            List<CtcHypothesis> narrow = new CtcBeamDecoder(a, null, BeamSearchOptions.exhaustive(20).withPruning(0, Double.NEGATIVE_INFINITY, 0))
                    .decodeNBest(lp, lp.length);
            assertEquals(1, narrow.size());
            // a margin of 1 drops prefixes more than 1 below the best frame by frame: the survivors are within it at the end
            List<CtcHypothesis> m1 = new CtcBeamDecoder(a, null, BeamSearchOptions.exhaustive(20).withPruning(1, Double.NEGATIVE_INFINITY, 0))
                    .decodeNBest(lp, lp.length);
            if (m1.size() < 20) narrowed++;
            for (CtcHypothesis h : m1) assertTrue(h.score() >= m1.get(0).score() - 1, h.score() + " vs " + m1.get(0).score());
            // a large margin and a permissive cutoff change nothing
            List<CtcHypothesis> loose = new CtcBeamDecoder(a, null, BeamSearchOptions.exhaustive(20).withPruning(1e6, -1e6, a.size()))
                    .decodeNBest(lp, lp.length);
            assertEquals(wide.get(0).text(), loose.get(0).text());
            assertEquals(wide.get(0).score(), loose.get(0).score(), 1e-12);
        }
        assertTrue(narrowed > 10, "margin 1 narrowed the beam in " + narrowed + " of 50 cases");
        // a token cutoff of -1 changes the result on flat frames compared with no cutoff
        float[][] flat = randomLogProbs(new Random(1), 40, a.size(), 0.0);
        CtcHypothesis all = new CtcBeamDecoder(a, null, BeamSearchOptions.exhaustive(20)).decode(flat);
        CtcHypothesis cut = new CtcBeamDecoder(a, null, BeamSearchOptions.exhaustive(20).withPruning(Double.POSITIVE_INFINITY, -1.5, 0)).decode(flat);
        assertNotEquals(all.score(), cut.score());
    }

    @Test
    void wordInsertionBonusAndTextRendering() {
        // "A||A" (two delimiters) and leading/trailing delimiters give clean single-spaced text
        float[][] lp = frames(ABC, Map.of("|", 0.9), Map.of("A", 0.9), Map.of("|", 0.9), Map.of(), Map.of("|", 0.9), Map.of("C", 0.9),
                Map.of("|", 0.9));
        CtcHypothesis g = new CtcGreedyDecoder(ABC).decode(lp);
        assertEquals("A C", g.text());
        assertEquals(2, g.words());
        CtcHypothesis b = new CtcBeamDecoder(ABC, null, BeamSearchOptions.exhaustive(20).withLmWeights(0, 2.0)).decode(lp);
        assertEquals("A C", b.text());
        assertEquals(2, b.words());
        assertEquals(b.acousticScore() + 4.0, b.score(), 1e-9);
    }

    @Test
    void logSoftmaxRowsSumToOne() {
        float[][] x = {{1f, 2f, 3f}, {-100f, 0f, 100f}};
        float[][] y = CtcBeamDecoder.logSoftmax(x, 2);
        for (float[] row : y) {
            double s = 0;
            for (float v : row) s += Math.exp(v);
            assertEquals(1.0, s, 1e-6);
        }
        assertEquals(Math.log(Math.exp(1) / (Math.exp(1) + Math.exp(2) + Math.exp(3))), y[0][0], 1e-6);
    }
}

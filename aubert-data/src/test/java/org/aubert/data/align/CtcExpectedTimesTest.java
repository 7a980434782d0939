package org.aubert.data.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.aubert.core.tokenize.CtcTokenizer;
import org.junit.jupiter.api.Test;

class CtcExpectedTimesTest {

    /** Every valid CTC state path of {@code frames} frames, by brute force, for the expectation's definition. */
    private static double[] bruteForce(Emissions e, int[] labels, int blank, int[] wanted) {
        int n = 2 * labels.length + 1;
        int frames = e.frames();
        double[] sum = new double[wanted.length];
        double[] total = {0};
        walk(e, labels, blank, wanted, new int[frames], 0, n, sum, total);
        for (int k = 0; k < sum.length; k++) sum[k] /= total[0];
        return sum;
    }

    private static void walk(Emissions e, int[] labels, int blank, int[] wanted, int[] path, int t, int n, double[] sum, double[] total) {
        int frames = path.length;
        if (t == frames) {
            if (path[frames - 1] < n - 2) return;
            double logp = 0;
            for (int u = 0; u < frames; u++) logp += e.get(u, (path[u] & 1) == 0 ? blank : labels[path[u] >> 1]);
            double p = Math.exp(logp);
            total[0] += p;
            for (int k = 0; k < wanted.length; k++) {
                int entry = frames;
                for (int u = 0; u < frames; u++) {
                    if (path[u] >= wanted[k]) {
                        entry = u;
                        break;
                    }
                }
                sum[k] += p * entry;
            }
            return;
        }
        int from = t == 0 ? 0 : path[t - 1];
        int[] next = t == 0 ? new int[]{0, 1} : new int[]{from, from + 1, from + 2};
        for (int s : next) {
            if (s >= n) continue;
            if (t > 0 && s == from + 2 && !((s & 1) == 1 && s >= 3 && labels[s >> 1] != labels[(s >> 1) - 1])) continue;
            path[t] = s;
            walk(e, labels, blank, wanted, path, t + 1, n, sum, total);
        }
    }

    @Test
    void equalsTheBruteForceExpectationOverAllPaths() {
        Random r = new Random(4);
        for (int trial = 0; trial < 40; trial++) {
            int frames = 2 + r.nextInt(6);
            int[] labels = new int[1 + r.nextInt(Math.min(3, frames))];
            for (int i = 0; i < labels.length; i++) labels[i] = 1 + r.nextInt(3);
            if (CtcForcedAligner.requiredFrames(labels) > frames) continue;
            float[][] rows = new float[frames][4];
            for (float[] row : rows) for (int v = 0; v < 4; v++) row[v] = (float) (2 * r.nextGaussian());
            Emissions e = Emissions.of(rows).logSoftmax();
            int n = 2 * labels.length + 1;
            int[] wanted = new int[n - 1];
            for (int s = 0; s < n - 1; s++) wanted[s] = s;
            double[] expected = bruteForce(e, labels, 0, wanted);
            double[] got = CtcExpectedTimes.entryFrames(e, labels, 0, wanted);
            for (int k = 0; k < wanted.length; k++) assertEquals(expected[k], got[k], 1e-6, "trial " + trial + " state " + k);
            for (int k = 1; k < wanted.length; k++) assertTrue(got[k] >= got[k - 1] - 1e-9, "non-decreasing in the state");
        }
    }

    @Test
    void peakyEmissionsGiveTheBestPathsTimes() throws Exception {
        CtcTokenizer tok = TranscriptAlignerTest.tokenizer();
        FrameGeometry g = new FrameGeometry(new int[] {10, 3, 3, 3, 3, 2, 2}, new int[] {5, 2, 2, 2, 2, 2, 2}, 16000);
        TranscriptAligner aligner = new TranscriptAligner(tok, CtcForcedAligner.Options.DEFAULT, g);
        String raw = "the cat";
        List<TextWord> words = TranscriptText.words(raw, 0, raw.length());
        int vocab = tok.vocabSize();
        String[] frames = {"-", "-", "T", "H", "E", "-", "|", "-", "C", "A", "T", "-"};
        float[][] rows = new float[frames.length][vocab];
        for (int t = 0; t < frames.length; t++) {
            int id = frames[t].equals("-") ? tok.blankId() : tok.tokenToId(frames[t]);
            for (int v = 0; v < vocab; v++) rows[t][v] = (float) Math.log(v == id ? 1 - 1e-6 : 1e-6 / (vocab - 1));
        }
        Emissions e = Emissions.of(rows);
        WordAlignment best = aligner.align(words, e);
        WordAlignment expected = aligner.alignExpected(words, e);
        for (int i = 0; i < 2; i++) {
            AlignedWord b = best.words().get(i);
            AlignedWord x = expected.words().get(i);
            assertEquals(b.startFrame(), x.startFrame());
            assertEquals(b.endFrame(), x.endFrame());
            assertEquals(b.startMs(), x.startMs(), 1);
            assertEquals(b.endMs(), x.endMs(), 1);
        }
        assertEquals(best.score(), expected.score(), 1e-9);
    }

    @Test
    void noFinitePathGivesNull() {
        float[][] rows = {{0, Float.NEGATIVE_INFINITY}, {0, Float.NEGATIVE_INFINITY}};
        assertNull(CtcExpectedTimes.entryFrames(new Emissions(Emissions.of(rows).values(), 2, 2), new int[]{1}, 0, new int[]{1}));
    }
}

package org.aubert.data.align;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

class CtcForcedAlignerTest {
    private static final int BLANK = 0;

    /** Random log-softmax emissions [frames, vocab]. */
    static Emissions randomLogProbs(Random r, int frames, int vocab, double scale) {
        float[] v = new float[frames * vocab];
        for (int i = 0; i < v.length; i++) v[i] = (float) (r.nextGaussian() * scale);
        return new Emissions(v, frames, vocab).logSoftmax();
    }

    /** CTC collapse of a frame sequence: merge runs, drop blanks. */
    static int[] collapse(int[] path) {
        int[] out = new int[path.length];
        int n = 0;
        for (int t = 0; t < path.length; t++) {
            if (path[t] != BLANK && (t == 0 || path[t - 1] != path[t])) out[n++] = path[t];
        }
        return Arrays.copyOf(out, n);
    }

    /** Best frame sequence by enumerating all vocab^frames sequences and keeping those that collapse to labels. */
    static double[] bruteForce(Emissions e, int[] labels, int[] bestPath) {
        int frames = e.frames();
        int vocab = e.vocab();
        int[] path = new int[frames];
        double best = Double.NEGATIVE_INFINITY;
        double second = Double.NEGATIVE_INFINITY;
        long total = (long) Math.pow(vocab, frames);
        int valid = 0;
        for (long code = 0; code < total; code++) {
            long c = code;
            for (int t = 0; t < frames; t++) {
                path[t] = (int) (c % vocab);
                c /= vocab;
            }
            if (!Arrays.equals(collapse(path), labels)) continue;
            valid++;
            double s = 0;
            for (int t = 0; t < frames; t++) s += e.get(t, path[t]);
            if (s > best) {
                second = best;
                best = s;
                System.arraycopy(path, 0, bestPath, 0, frames);
            } else if (s > second) {
                second = s;
            }
        }
        return new double[] {best, second, valid};
    }

    /** The frame token sequence of an alignment: the label's id on label frames, the blank elsewhere. */
    static int[] framePath(CtcAlignment a, int[] labels) {
        int[] p = new int[a.frames()];
        int[] fl = a.frameLabel();
        for (int t = 0; t < p.length; t++) p[t] = fl[t] < 0 ? BLANK : labels[fl[t]];
        return p;
    }

    @Test
    void viterbiEqualsBruteForceOverAllValidPaths() {
        CtcForcedAligner exact = new CtcForcedAligner(BLANK, CtcForcedAligner.Options.EXACT);
        CtcForcedAligner banded = new CtcForcedAligner(BLANK, new CtcForcedAligner.Options(1, Long.MAX_VALUE));
        int checked = 0;
        int bandedAgrees = 0;
        for (int seed = 0; seed < 400; seed++) {
            Random r = new Random(seed);
            int vocab = 3 + r.nextInt(2);
            int len = 1 + r.nextInt(4);
            int[] labels = new int[len];
            for (int i = 0; i < len; i++) labels[i] = 1 + r.nextInt(vocab - 1);
            int need = CtcForcedAligner.requiredFrames(labels);
            int frames = need + r.nextInt(Math.max(1, 8 - need));
            if (Math.pow(vocab, frames) > 70_000) frames = need;
            Emissions e = randomLogProbs(r, frames, vocab, 1 + 2 * r.nextDouble());
            int[] best = new int[frames];
            double[] bf = bruteForce(e, labels, best);
            CtcAlignment a = exact.align(e, labels);
            String what = "seed " + seed + " labels " + Arrays.toString(labels) + " frames " + frames;
            assertEquals(bf[0], a.score(), 1e-9, what);
            if (bf[0] - bf[1] > 1e-9) assertArrayEquals(best, framePath(a, labels), what);
            assertValid(a, labels);
            checked++;
            // A band narrower than the state sequence gives a valid path, never better than the optimum.
            CtcAlignment b = banded.align(e, labels);
            assertValid(b, labels);
            assertTrue(b.score() <= a.score() + 1e-9, what);
            if (Math.abs(b.score() - a.score()) < 1e-9) bandedAgrees++;
        }
        assertEquals(400, checked);
        System.out.printf("brute force: 400 cases equal; band 1 found the optimum in %d%n", bandedAgrees);
    }

    /** Frame spans are non-empty, in order, disjoint, and agree with frameLabel. */
    static void assertValid(CtcAlignment a, int[] labels) {
        assertEquals(labels.length, a.labels());
        int[] fl = a.frameLabel();
        for (int k = 0; k < labels.length; k++) {
            assertTrue(a.start(k) < a.end(k), "label " + k + " has no frame");
            if (k > 0) assertTrue(a.end(k - 1) <= a.start(k));
            if (k > 0 && labels[k] == labels[k - 1]) assertTrue(a.end(k - 1) < a.start(k), "repeat without a blank");
            for (int t = a.start(k); t < a.end(k); t++) assertEquals(k, fl[t]);
        }
        int[] collapsedLabels = collapse(framePath(a, labels));
        assertArrayEquals(labels, collapsedLabels);
    }

    @Test
    void repeatedLabelsNeedABlankBetweenThem() {
        CtcForcedAligner aligner = new CtcForcedAligner(BLANK, CtcForcedAligner.Options.EXACT);
        int[] labels = {2, 2};
        assertEquals(3, CtcForcedAligner.requiredFrames(labels));
        // The emissions prefer label 2 on every frame; the path must still put a blank in the middle.
        float[][] rows = {{-5f, -5f, -0.01f}, {-5f, -5f, -0.01f}, {-5f, -5f, -0.01f}};
        CtcAlignment a = aligner.align(Emissions.of(rows), labels);
        assertArrayEquals(new int[] {0, -1, 1}, a.frameLabel());
        assertEquals(-5.02, a.score(), 1e-6);
        // Different neighbours need no blank: two frames suffice.
        CtcAlignment b = aligner.align(Emissions.of(new float[][] {{-5f, -0.1f, -3f}, {-5f, -3f, -0.1f}}), new int[] {1, 2});
        assertArrayEquals(new int[] {0, 1}, b.frameLabel());
        assertEquals(6, CtcForcedAligner.requiredFrames(new int[] {1, 1, 1, 2}));
    }

    @Test
    void refusesTooFewFramesEmptyLabelsAndBadIds() {
        CtcForcedAligner aligner = new CtcForcedAligner(BLANK);
        Emissions two = randomLogProbs(new Random(1), 2, 3, 1);
        AlignmentException e = assertThrows(AlignmentException.class, () -> aligner.align(two, new int[] {1, 1}));
        assertEquals(AlignmentException.Reason.TOO_SHORT, e.reason());
        assertTrue(e.getMessage().contains("need at least 3 frames"), e.getMessage());
        assertEquals(AlignmentException.Reason.TOO_SHORT, assertThrows(AlignmentException.class,
                () -> aligner.align(two, new int[] {1, 2, 1})).reason());
        assertEquals(AlignmentException.Reason.EMPTY_TEXT, assertThrows(AlignmentException.class,
                () -> aligner.align(two, new int[0])).reason());
        assertEquals(AlignmentException.Reason.OUT_OF_VOCABULARY, assertThrows(AlignmentException.class,
                () -> aligner.align(two, new int[] {3})).reason());
        assertEquals(AlignmentException.Reason.OUT_OF_VOCABULARY, assertThrows(AlignmentException.class,
                () -> aligner.align(two, new int[] {BLANK})).reason());
        // Exactly the required length works.
        assertArrayEquals(new int[] {0, 1}, aligner.align(two, new int[] {1, 2}).frameLabel());
    }

    /** Emissions that strongly prefer a known path (a random pace with pauses), with noise. */
    static Emissions peakedAlong(int[] path, int vocab, Random r) {
        float[][] rows = new float[path.length][vocab];
        for (int t = 0; t < path.length; t++) {
            for (int v = 0; v < vocab; v++) rows[t][v] = (float) (r.nextGaussian() * 0.5);
            rows[t][path[t]] += 6f;
        }
        return Emissions.of(rows).logSoftmax();
    }

    @Test
    void bandedSearchFindsTheExactPathOnLongInputs() {
        Random r = new Random(7);
        int vocab = 30;
        int len = 1500;
        int[] labels = new int[len];
        for (int i = 0; i < len; i++) labels[i] = 1 + r.nextInt(vocab - 1);
        // A path with 1-4 frames per label and blanks of 0-6 frames, plus a long pause in the middle.
        java.util.List<Integer> p = new java.util.ArrayList<>();
        for (int i = 0; i < len; i++) {
            int blanks = r.nextInt(7) + (i > 0 && labels[i] == labels[i - 1] ? 1 : 0) + (i == len / 2 ? 400 : 0);
            for (int k = 0; k < blanks; k++) p.add(BLANK);
            for (int k = 1 + r.nextInt(4); k > 0; k--) p.add(labels[i]);
        }
        int[] path = p.stream().mapToInt(Integer::intValue).toArray();
        Emissions e = peakedAlong(path, vocab, r);
        CtcAlignment exact = new CtcForcedAligner(BLANK, CtcForcedAligner.Options.EXACT).align(e, labels);
        CtcAlignment banded = new CtcForcedAligner(BLANK, new CtcForcedAligner.Options(300, 0)).align(e, labels);
        assertEquals(exact.score(), banded.score(), 1e-6);
        assertArrayEquals(exact.frameLabel(), banded.frameLabel());
        assertArrayEquals(path, framePath(exact, labels));
        // A band too narrow for the 400-frame pause still gives a valid path, but a worse one.
        CtcAlignment narrow = new CtcForcedAligner(BLANK, new CtcForcedAligner.Options(20, 0)).align(e, labels);
        assertValid(narrow, labels);
        assertTrue(narrow.score() < exact.score() - 10, narrow.score() + " vs " + exact.score());
    }

    @Test
    void noFinitePathIsRefused() {
        Emissions e = randomLogProbs(new Random(3), 6, 3, 1);
        float[] v = e.values();
        for (int t = 0; t < 6; t++) v[t * 3 + 2] = Float.NEGATIVE_INFINITY;
        AlignmentException x = assertThrows(AlignmentException.class,
                () -> new CtcForcedAligner(BLANK, CtcForcedAligner.Options.EXACT).align(e, new int[] {1, 2}));
        assertEquals(AlignmentException.Reason.NO_PATH, x.reason());
    }
}

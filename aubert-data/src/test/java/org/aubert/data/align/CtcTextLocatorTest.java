package org.aubert.data.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.aubert.core.tokenize.CtcTokenizer;
import org.junit.jupiter.api.Test;

class CtcTextLocatorTest {

    @Test
    void findsTheStretchTheAudioReads() throws Exception {
        CtcTokenizer tok = TranscriptAlignerTest.tokenizer();
        int[] labels = tok.encode("THE|CAT|SAT|ON|THE|MAT");
        Emissions e = TranscriptAlignerTest.handMade(tok, "-", "S", "-", "A", "T", "-", "|", "O", "N", "-", "-");
        CtcTextLocator.Location at = new CtcTextLocator(tok.blankId(), 0).locate(e, labels);
        assertNotNull(at);
        assertEquals(8, at.firstLabel(), "S of SAT");
        assertEquals(13, at.lastLabel(), "N of ON");
        assertEquals(11 * Math.log(0.9), at.score(), 1e-4);
        assertEquals(11 * Math.log(0.9), at.greedyScore(), 1e-4);
        assertEquals(0, at.lossPerFrame(), 1e-6);
    }

    /**
     * On random emissions the free-ends optimum is the best forced alignment over every stretch of the labels, plus
     * the bonus per label; and the forced alignment of the located stretch scores what the locator reports.
     */
    @Test
    void equalsTheBestForcedAlignmentOverAllStretches() {
        Random r = new Random(11);
        int vocab = 5;
        CtcForcedAligner forced = new CtcForcedAligner(0, CtcForcedAligner.Options.EXACT);
        for (int trial = 0; trial < 200; trial++) {
            int frames = 1 + r.nextInt(8);
            int[] labels = new int[1 + r.nextInt(7)];
            for (int i = 0; i < labels.length; i++) labels[i] = 1 + r.nextInt(vocab - 1);
            float[][] rows = new float[frames][vocab];
            for (float[] row : rows) for (int v = 0; v < vocab; v++) row[v] = (float) r.nextGaussian() * 2;
            Emissions e = Emissions.of(rows).logSoftmax();
            double bonus = trial % 2 == 0 ? 0 : 0.7;
            double best = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < labels.length; i++) {
                for (int j = i; j < labels.length; j++) {
                    int[] sub = Arrays.copyOfRange(labels, i, j + 1);
                    if (CtcForcedAligner.requiredFrames(sub) > frames) continue;
                    best = Math.max(best, forced.align(e, sub).score() + bonus * sub.length);
                }
            }
            double allBlank = 0;
            for (int t = 0; t < frames; t++) allBlank += e.get(t, 0);
            CtcTextLocator.Location at = new CtcTextLocator(0, bonus).locate(e, labels);
            if (allBlank > best + 1e-9) {
                assertNull(at, "trial " + trial + ": blanks alone are best");
                continue;
            }
            assertNotNull(at, "trial " + trial);
            int n = at.lastLabel() - at.firstLabel() + 1;
            assertEquals(best, at.score() + bonus * n, 1e-4, "trial " + trial);
            int[] located = Arrays.copyOfRange(labels, at.firstLabel(), at.lastLabel() + 1);
            assertEquals(at.score(), forced.align(e, located).score(), 1e-4, "trial " + trial);
            assertTrue(at.greedyScore() >= at.score() - 1e-6);
        }
    }

    @Test
    void theBonusPrefersReadingTextToBlanks() throws Exception {
        CtcTokenizer tok = TranscriptAlignerTest.tokenizer();
        int[] labels = tok.encode("AB");
        // Blank is likelier on every frame, but only slightly on the middle two.
        int b = tok.blankId();
        int a = tok.tokenToId("A");
        int bb = tok.tokenToId("B");
        float[][] rows = new float[4][tok.vocabSize()];
        for (float[] row : rows) Arrays.fill(row, -20);
        rows[0][b] = 0;
        rows[1][b] = -0.5f;
        rows[1][a] = -0.9f;
        rows[2][b] = -0.5f;
        rows[2][bb] = -0.9f;
        rows[3][b] = 0;
        Emissions e = new Emissions(Emissions.of(rows).values(), 4, tok.vocabSize());
        assertNull(new CtcTextLocator(b, 0).locate(e, labels), "without a bonus blanks win");
        CtcTextLocator.Location at = new CtcTextLocator(b, 1).locate(e, labels);
        assertEquals(0, at.firstLabel());
        assertEquals(1, at.lastLabel());
        assertEquals(-1.8, at.score(), 1e-5, "the reported score leaves the bonus out");
    }

    @Test
    void theBeamFindsTheSamePlaceInALongTextComputingFewCells() {
        Random r = new Random(3);
        int vocab = 28;
        int[] labels = new int[20000];
        for (int i = 0; i < labels.length; i++) labels[i] = 1 + r.nextInt(vocab - 1);
        int at = 12345;
        int n = 500;
        // a weak model reading labels [at, at + n): its letter at 0.4 (one in four heard wrong), then a blank
        List<float[]> rows = new java.util.ArrayList<>();
        for (int k = 0; k < n; k++) {
            int id = r.nextInt(4) == 0 ? 1 + r.nextInt(vocab - 1) : labels[at + k];
            rows.add(peak(vocab, id, 0.4));
            rows.add(peak(vocab, 0, 0.7));
        }
        Emissions e = Emissions.of(rows.toArray(float[][]::new)).logSoftmax();
        CtcTextLocator.Location exact = new CtcTextLocator(0, 1.0).locate(e, labels);
        CtcTextLocator.Location pruned = new CtcTextLocator(0, 1.0, 100).locate(e, labels);
        assertEquals(at, exact.firstLabel());
        assertEquals(at + n - 1, exact.lastLabel());
        assertEquals(exact.firstLabel(), pruned.firstLabel());
        assertEquals(exact.lastLabel(), pruned.lastLabel());
        assertEquals(exact.score(), pruned.score(), 1e-9);
        assertEquals((long) e.frames() * (2 * labels.length + 1), exact.cellsSearched());
        assertTrue(pruned.cellsSearched() < exact.cellsSearched() / 3, pruned.cellsSearched() + " of " + exact.cellsSearched() + " cells");
    }

    private static float[] peak(int vocab, int id, double p) {
        float[] row = new float[vocab];
        for (int v = 0; v < vocab; v++) row[v] = (float) Math.log(v == id ? p : (1 - p) / (vocab - 1));
        return row;
    }

    @Test
    void refusesBadInput() throws Exception {
        CtcTokenizer tok = TranscriptAlignerTest.tokenizer();
        Emissions e = TranscriptAlignerTest.handMade(tok, "-", "-");
        CtcTextLocator l = new CtcTextLocator(tok.blankId(), 0);
        assertEquals(AlignmentException.Reason.EMPTY_TEXT, assertThrows(AlignmentException.class, () -> l.locate(e, new int[0])).reason());
        assertEquals(AlignmentException.Reason.OUT_OF_VOCABULARY,
                assertThrows(AlignmentException.class, () -> l.locate(e, new int[]{tok.blankId()})).reason());
        assertThrows(IllegalArgumentException.class, () -> new CtcTextLocator(0, -1));
        assertThrows(IllegalArgumentException.class, () -> new CtcTextLocator(0, 0, -1));
    }
}

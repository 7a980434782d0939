package org.aubert.data.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class WordBoundaryPlacerTest {
    private static final int RATE = 16000;
    private final WordBoundaryPlacer placer = new WordBoundaryPlacer(WordBoundaryPlacer.Options.DEFAULT);

    /** Background noise with tone bursts ("words") over the given [start, end) ms spans. */
    private static float[] bursts(int totalMs, double noise, int[]... spans) {
        Random r = new Random(7);
        float[] x = new float[totalMs * RATE / 1000];
        for (int i = 0; i < x.length; i++) x[i] = (float) (noise * r.nextGaussian());
        for (int[] s : spans) {
            for (int i = s[0] * RATE / 1000; i < s[1] * RATE / 1000; i++) x[i] += (float) (0.3 * Math.sin(2 * Math.PI * 200 * i / RATE));
        }
        return x;
    }

    private static AlignedWord word(String w, long startMs, long endMs) {
        return new AlignedWord(w, 0, w.length(), (int) (startMs / 20), (int) (endMs / 20), startMs, endMs);
    }

    @Test
    void pausesAreFoundInTheAudioAndOtherGapsSplitAtTheirMiddle() {
        // "one" and "two" run together at 400 ms; a 300 ms pause before "three"; CTC spikes 30 ms inside every edge.
        float[] x = bursts(1500, 1e-3, new int[]{100, 400}, new int[]{400, 700}, new int[]{1000, 1300});
        List<AlignedWord> ctc = List.of(word("one", 130, 370), word("two", 440, 670), word("three", 1030, 1270));
        List<AlignedWord> placed = placer.place(ctc, x, RATE);
        assertEquals(3, placed.size());
        assertEquals(405, placed.get(0).endMs(), "midpoint of the gap 370..440");
        assertEquals(placed.get(0).endMs(), placed.get(1).startMs());
        near(100, placed.get(0).startMs(), "first start moved back to the onset");
        near(700, placed.get(1).endMs(), "end before the pause");
        near(1000, placed.get(2).startMs(), "start after the pause");
        near(1300, placed.get(2).endMs(), "last end moved forward to the offset");
        for (int i = 0; i < 3; i++) {
            AlignedWord p = placed.get(i);
            AlignedWord c = ctc.get(i);
            assertEquals(c.startFrame(), p.startFrame());
            assertEquals(c.endFrame(), p.endFrame());
            assertEquals(c.word(), p.word());
            assertTrue(p.startMs() <= c.startMs() && p.endMs() >= c.endMs(), "words only grow: " + p);
        }
    }

    @Test
    void aCalibrationMovesTheSplitOfGapsWithoutAPauseButNotPausesAndStaysInsideTheGap() {
        float[] x = bursts(1500, 1e-3, new int[]{100, 400}, new int[]{400, 700}, new int[]{1000, 1300});
        List<AlignedWord> ctc = List.of(word("one", 130, 370), word("two", 440, 670), word("three", 1030, 1270));
        // "one" ends 15 ms before the midpoint: 405 - 15 = 390 (the truth here is 400, so the sign is the point only).
        BoundaryCalibration early = new BoundaryCalibration(1, 10, 0, 0, java.util.Map.of("end1:e", -15.0));
        List<AlignedWord> placed = new WordBoundaryPlacer(WordBoundaryPlacer.Options.DEFAULT, early).place(ctc, x, RATE);
        assertEquals(390, placed.get(0).endMs());
        assertEquals(390, placed.get(1).startMs());
        List<AlignedWord> plain = placer.place(ctc, x, RATE);
        assertEquals(plain.get(1).endMs(), placed.get(1).endMs(), "the pause before 'three' is placed from the energy as before");
        assertEquals(plain.get(2).startMs(), placed.get(2).startMs());
        // A shift past the gap's edge stops at the spike: the word keeps its frames.
        BoundaryCalibration far = new BoundaryCalibration(1, 10, 500, 0, java.util.Map.of());
        assertEquals(440, new WordBoundaryPlacer(WordBoundaryPlacer.Options.DEFAULT, far).place(ctc, x, RATE).get(0).endMs());
    }

    @Test
    void silenceShiftsMoveEndsAtASilenceAndStartsAfterAPauseWithinTheGap() {
        float[] x = bursts(1500, 1e-3, new int[]{100, 400}, new int[]{400, 700}, new int[]{1000, 1300});
        List<AlignedWord> ctc = List.of(word("one", 130, 370), word("two", 440, 670), word("three", 1030, 1270));
        List<AlignedWord> plain = placer.place(ctc, x, RATE);
        BoundaryCalibration shifts = new BoundaryCalibration(1, 10, 0, 0, java.util.Map.of(), 20, 10);
        List<AlignedWord> moved = new WordBoundaryPlacer(WordBoundaryPlacer.Options.DEFAULT, shifts).place(ctc, x, RATE);
        assertEquals(plain.get(0).endMs(), moved.get(0).endMs(), "a gap without a pause is not a silence edge");
        assertEquals(plain.get(1).endMs() + 20, moved.get(1).endMs(), "end before the pause");
        assertEquals(plain.get(2).startMs() + 10, moved.get(2).startMs(), "start after the pause");
        assertEquals(plain.get(2).endMs() + 20, moved.get(2).endMs(), "the last word ends at a silence too");
        assertEquals(plain.get(0).startMs(), moved.get(0).startMs(), "the first start stays");
        // Shifts larger than the pause meet in its middle and never cross a spike.
        BoundaryCalibration huge = new BoundaryCalibration(1, 10, 0, 0, java.util.Map.of(), 400, -400);
        List<AlignedWord> met = new WordBoundaryPlacer(WordBoundaryPlacer.Options.DEFAULT, huge).place(ctc, x, RATE);
        assertEquals(met.get(1).endMs(), met.get(2).startMs());
        assertTrue(met.get(1).endMs() >= 670 && met.get(2).startMs() <= 1030, met.toString());
    }

    @Test
    void silenceEdgesMeasureReferenceMinusPlacedAtPausesAndTheLastEnd(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        float[] x = bursts(1500, 1e-3, new int[]{100, 400}, new int[]{400, 700}, new int[]{1000, 1300});
        org.aubert.core.audio.AudioWriter.writeWav(dir.resolve("a.wav"), org.aubert.core.audio.Audio.mono(x, RATE),
                org.aubert.core.audio.WavEncoding.PCM_16);
        List<AlignedWord> ctc = List.of(word("one", 130, 370), word("two", 440, 670), word("three", 1030, 1270));
        List<AlignedWord> plain = placer.place(ctc, x, RATE);
        // spans as TranscriptText gives them: "one two three"
        int[][] span = {{0, 3}, {4, 7}, {8, 13}};
        List<org.aubert.data.alignment.WordTiming> spikes = new java.util.ArrayList<>();
        List<org.aubert.data.alignment.WordTiming> truth = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            AlignedWord c = ctc.get(i);
            AlignedWord p = plain.get(i);
            spikes.add(new org.aubert.data.alignment.WordTiming(c.word(), span[i][0], span[i][1], c.startMs(), c.endMs()));
            truth.add(new org.aubert.data.alignment.WordTiming(c.word(), span[i][0], span[i][1], p.startMs() - 3 * i, p.endMs() + 5 + i));
        }
        var u = new org.aubert.data.alignment.Utterance("a.wav", "one two three", "s", 0, 13, 1.0);
        SilenceEdges e = SilenceEdges.collect(List.of(u.withWords(spikes)), List.of(u.withWords(truth)),
                new org.aubert.data.alignment.AudioLocator(dir), placer);
        assertEquals(1, e.utterances());
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[]{6, 7}, e.endResiduals(), "'two' before the pause, 'three' last");
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[]{-6}, e.startResiduals(), "'three' after the pause");
        var missing = new org.aubert.data.alignment.Utterance("gone.wav", "one two three", "s", 0, 13, 1.0);
        assertThrows(java.io.IOException.class, () -> SilenceEdges.collect(List.of(missing.withWords(spikes)), List.of(missing.withWords(truth)),
                new org.aubert.data.alignment.AudioLocator(dir), placer));
    }

    @Test
    void shortSilencesAreNotPausesAndAudioWithoutSilenceOnlySplitsGaps() {
        // An 60 ms gap of silence (a stop closure, say) is shorter than the 100 ms a pause needs.
        float[] x = bursts(1000, 1e-3, new int[]{100, 400}, new int[]{460, 800});
        List<AlignedWord> placed = placer.place(List.of(word("a", 130, 390), word("b", 490, 770)), x, RATE);
        assertEquals(440, placed.get(0).endMs());
        assertEquals(440, placed.get(1).startMs());

        // Steady loud noise: no silence to find, so the edges stay where CTC put them.
        float[] loud = bursts(1000, 0.2);
        List<AlignedWord> steady = placer.place(List.of(word("a", 130, 390), word("b", 490, 770)), loud, RATE);
        assertEquals(130, steady.get(0).startMs());
        assertEquals(440, steady.get(0).endMs());
        assertEquals(770, steady.get(1).endMs());
    }

    @Test
    void rejectsOverlappingWordsAndBadOptions() {
        float[] x = bursts(1000, 1e-3, new int[]{100, 800});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> placer.place(List.of(word("a", 100, 500), word("b", 400, 700)), x, RATE));
        assertTrue(e.getMessage().contains("word 1 ('b') starts before word 0 ends"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new WordBoundaryPlacer.Options(1.5, 100, 150, 10));
        assertThrows(IllegalArgumentException.class, () -> new WordBoundaryPlacer.Options(0.15, -1, 150, 10));
        assertEquals(List.of(), placer.place(List.of(), x, RATE));
    }

    private static void near(long expected, long actual, String what) {
        assertTrue(Math.abs(expected - actual) <= 10, what + ": expected about " + expected + " ms, got " + actual);
    }
}

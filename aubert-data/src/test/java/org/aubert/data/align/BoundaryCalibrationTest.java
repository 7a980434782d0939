package org.aubert.data.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.aubert.data.alignment.Utterance;
import org.aubert.data.alignment.WordTiming;

class BoundaryCalibrationTest {
    private static final String[] WORDS = {"the", "cat", "sat", "on", "mat", "with", "his", "hat", "she", "is", "at", "ease"};

    /**
     * Gaps whose true boundary sits at a known per-letter offset from the midpoint: the previous word's last letter
     * 't' puts it 12 ms early, a next word starting with 's' 8 ms late, plus 0.2 ms per ms of gap and noise.
     */
    private static List<BoundaryCalibration.Gap> gaps(int n, long seed, double noiseMs) {
        Random r = new Random(seed);
        List<BoundaryCalibration.Gap> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String a = WORDS[r.nextInt(WORDS.length)];
            String b = WORDS[r.nextInt(WORDS.length)];
            double start = 1000 * r.nextDouble();
            double gap = 20 + 100 * r.nextDouble();
            double truth = start + gap / 2 + (a.endsWith("t") ? -12 : 0) + (b.startsWith("s") ? 8 : 0) + 0.2 * (gap - 70)
                    + noiseMs * r.nextGaussian();
            out.add(new BoundaryCalibration.Gap(a, b, start, start + gap, truth));
        }
        return out;
    }

    @Test
    void fitRecoversPerLetterOffsetsAndBeatsTheMidpointOnNewGaps() {
        BoundaryCalibration c = BoundaryCalibration.fit(gaps(4000, 1, 3), 1);
        assertEquals(20, c.msPer100MsGap(), 1.0, "0.2 ms per ms of gap");
        // "hat" vs "his" as previous words: the fitted shifts differ by the 't' offset (12 ms), whatever the split
        // between the one- and two-letter features.
        double t = c.shiftMs("hat", "on", 70);
        double s = c.shiftMs("his", "on", 70);
        assertEquals(-12, t - s, 1.5);
        assertEquals(8, c.shiftMs("is", "sat", 70) - c.shiftMs("is", "on", 70), 1.5);
        List<BoundaryCalibration.Gap> test = gaps(1000, 2, 3);
        double mid = BoundaryCalibration.midpointError(test);
        double cal = c.error(test);
        assertTrue(cal < 4 && mid > 8, "calibrated " + cal + " ms vs midpoint " + mid + " ms");
    }

    @Test
    void unseenLettersAddNothingAndTheBoundaryStaysInsideTheGap() {
        BoundaryCalibration c = new BoundaryCalibration(10, 5, 2, -10, Map.of("end1:t", -4.0, "start2:th", 3.0));
        assertEquals(2 - 10 * 0.5 - 4 + 3, c.shiftMs("cat", "the", 50), 1e-12);
        assertEquals(2 - 10 * 0.5, c.shiftMs("zzz", "qqq", 50), 1e-12);
        assertEquals(100, new BoundaryCalibration(1, 1, -1000, 0, Map.of()).boundaryMs("a", "b", 100, 150));
        assertEquals(150, new BoundaryCalibration(1, 1, 1000, 0, Map.of()).boundaryMs("a", "b", 100, 150));
    }

    @Test
    void leaveOneGroupOutIsWorseThanTheFitButBetterThanTheMidpoint() {
        List<BoundaryCalibration.Gap> g = gaps(3000, 3, 3);
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < g.size(); i++) groups.add("s" + (i % 3));
        double cv = BoundaryCalibration.crossValidatedError(g, groups, 1);
        double fitted = BoundaryCalibration.fit(g, 1).error(g);
        assertTrue(cv >= fitted - 1e-9 && cv < BoundaryCalibration.midpointError(g), cv + " vs " + fitted);
        assertTrue(Double.isNaN(BoundaryCalibration.crossValidatedError(g, java.util.Collections.nCopies(g.size(), "one"), 1)));
        // A speaker with a single gap: the others' fold has too little to fit on and is left out, the rest counts.
        List<String> lopsided = new ArrayList<>(java.util.Collections.nCopies(g.size(), "big"));
        lopsided.set(0, "tiny");
        double cvLopsided = BoundaryCalibration.crossValidatedError(g, lopsided, 1);
        assertTrue(Double.isFinite(cvLopsided), "the big speaker's fold is skipped, the tiny one's is scored: " + cvLopsided);
    }

    @Test
    void writesAndReadsBackAndBadFilesNameTheProblem(@TempDir Path dir) throws IOException {
        BoundaryCalibration c = BoundaryCalibration.fit(gaps(500, 4, 3), 10).withSilenceShifts(new double[]{12, 30, 14, -200}, new double[]{7});
        assertEquals(13, c.silenceEndMs(), 1e-12, "the median, robust to the one misplaced word");
        assertEquals(7, c.silenceStartMs(), 1e-12);
        assertEquals(0, BoundaryCalibration.median(new double[0]));
        Path f = dir.resolve("cal.json");
        c.write(f);
        assertEquals(c, BoundaryCalibration.read(f));
        Files.writeString(f, "{\"format\":\"aubert-boundary-calibration\",\"version\":1,\"ridge\":1,\"gaps\":3,\"intercept_ms\":0,"
                + "\"ms_per_100ms_gap\":0,\"silence_end_ms\":0,\"silence_start_ms\":0,\"offsets_ms\":{\"end1:t\":\"x\"}}");
        IOException e = assertThrows(IOException.class, () -> BoundaryCalibration.read(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("end1:t"), e.getMessage());
        Files.writeString(f, "{\"format\":\"aubert-boundary-calibration\",\"version\":1,\"ridge\":1,\"gaps\":3,\"ms_per_100ms_gap\":0,\"silence_end_ms\":0,\"silence_start_ms\":0,\"offsets_ms\":{}}");
        e = assertThrows(IOException.class, () -> BoundaryCalibration.read(f));
        assertTrue(e.getMessage().contains("intercept_ms"), e.getMessage());
        Files.writeString(f, "{\"format\":\"something else\"}");
        assertThrows(IOException.class, () -> BoundaryCalibration.read(f));
        Files.writeString(f, "not json");
        assertThrows(IOException.class, () -> BoundaryCalibration.read(f));
        assertThrows(IOException.class, () -> BoundaryCalibration.read(dir.resolve("missing.json")));
        assertThrows(IllegalArgumentException.class, () -> BoundaryCalibration.fit(gaps(1, 5, 0), 1));
        assertThrows(IllegalArgumentException.class, () -> BoundaryCalibration.fit(gaps(10, 5, 0), 0));
    }

    private static Utterance utterance(String fname, WordTiming... words) {
        return new Utterance(fname, "x", "spk", 0, 100, 1.0).withWords(List.of(words));
    }

    @Test
    void gapsPairWordsByFirstCharacterAndSkipReferencePausesAndMissingWords() {
        // The aligner's "one" carries a comma (0..4); the reference's is 0..3.
        Utterance spikes = utterance("a.flac", new WordTiming("one", 0, 4, 100, 300), new WordTiming("two", 4, 7, 380, 600),
                new WordTiming("three", 8, 13, 900, 1100), new WordTiming("four", 14, 18, 1200, 1300));
        Utterance ref = utterance("a.flac", new WordTiming("one", 0, 3, 80, 340), new WordTiming("two", 4, 7, 340, 650),
                new WordTiming("three", 8, 13, 850, 1120));
        CalibrationGaps g = CalibrationGaps.collect(List.of(spikes, utterance("other.flac", new WordTiming("x", 0, 1, 0, 5))), List.of(ref), 20);
        assertEquals(1, g.utterances());
        assertEquals(3, g.pairs());
        assertEquals(1, g.paused(), "two..three: the reference has a 200 ms pause");
        assertEquals(1, g.unmatched(), "three..four: no reference 'four'");
        assertEquals(List.of(new BoundaryCalibration.Gap("one", "two", 300, 380, 340)), g.gaps());
        assertEquals(List.of("spk"), g.speakers());
        // Placed boundaries (words that meet) are refused, as is a reference that pairs with nothing.
        Utterance placed = utterance("a.flac", new WordTiming("one", 0, 3, 100, 340), new WordTiming("two", 4, 7, 340, 600),
                new WordTiming("three", 8, 13, 600, 1100));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CalibrationGaps.collect(List.of(placed), List.of(ref), 20));
        assertTrue(e.getMessage().contains("--boundaries ctc"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CalibrationGaps.collect(List.of(utterance("b.flac", new WordTiming("x", 0, 1, 0, 5))),
                List.of(ref), 20));
        assertTrue(e.getMessage().contains("b.flac") && e.getMessage().contains("a.flac"), e.getMessage());
    }
}

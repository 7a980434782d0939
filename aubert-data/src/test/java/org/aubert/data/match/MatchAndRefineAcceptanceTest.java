package org.aubert.data.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Acceptance on the real Master Key data: match every transcript to the book, refine, and compare the spans with the
 * original pipeline's final spans (master_key.aligned.json, after refinement and forced alignment).
 */
class MatchAndRefineAcceptanceTest {

    static double iou(int s1, int e1, int s2, int e2) {
        int inter = Math.max(0, Math.min(e1, e2) - Math.max(s1, s2));
        int union = Math.max(e1, e2) - Math.min(s1, s2);
        return union <= 0 ? 0 : (double) inter / union;
    }

    @Test
    void matchedThenRefinedSpansAgreeWithTheOriginalPipeline() {
        String raw = MasterKeyData.raw();
        int[] rawCps = raw.codePoints().toArray();
        Map<String, String> tr = MasterKeyData.transcripts();
        long t0 = System.nanoTime();
        BookMatcher matcher = new BookMatcher(raw);
        long t1 = System.nanoTime();
        BoundaryRefiner refiner = new BoundaryRefiner();
        Map<String, BookMatcher.Match> matched = new HashMap<>();
        Map<String, BoundaryRefiner.Span> refined = new HashMap<>();
        for (Map.Entry<String, String> e : tr.entrySet()) {
            BookMatcher.Match m = matcher.match(e.getValue());
            if (m == null) continue;
            matched.put(e.getKey(), m);
            BoundaryRefiner.Span s = refiner.refine(rawCps, e.getValue().toLowerCase(java.util.Locale.ROOT), m.start(), m.end());
            if (s != null) refined.put(e.getKey(), s);
        }
        long t2 = System.nanoTime();

        int eligible = 0, good = 0, goodMatchOnly = 0, all = 0, goodAll = 0;
        List<String> misses = new ArrayList<>();
        for (MasterKeyData.Reference r : MasterKeyData.references()) {
            BoundaryRefiner.Span s = refined.get(r.fname());
            BookMatcher.Match m = matched.get(r.fname());
            double iou = s == null ? 0 : iou(s.start(), s.end(), r.start(), r.end());
            all++;
            if (iou >= 0.9) goodAll++;
            if (r.similarity() < 0.9) continue;
            eligible++;
            if (iou >= 0.9) good++;
            else misses.add(r.fname() + " iou=" + iou + " ours=" + s + " matched=" + m + " ref=[" + r.start() + "," + r.end() + ")");
            if (m != null && iou(m.start(), m.end(), r.start(), r.end()) >= 0.9) goodMatchOnly++;
        }
        double frac = (double) good / eligible;
        System.out.printf("match+refine: %d/%d (%.2f%%) of utterances with reference similarity >= 0.9 have IoU >= 0.9 "
                        + "(%d/%d before refinement; %d/%d over all %d reference utterances); matched %d/%d transcripts; "
                        + "index %.1f ms, match+refine %.2f ms per utterance%n",
                good, eligible, 100.0 * frac, goodMatchOnly, eligible, goodAll, all, all, matched.size(), tr.size(),
                (t1 - t0) / 1e6, (t2 - t1) / 1e6 / tr.size());
        misses.forEach(x -> System.out.println("  miss: " + x));
        assertTrue(eligible >= 200, "eligible " + eligible);
        assertTrue(frac >= 0.98, "only " + good + "/" + eligible + ": " + misses);
        assertEquals(tr.size(), matched.size(), "every transcript of this book has a match");
    }
}

package org.aubert.data.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Matching on synthetic books: the globally best span, word boundaries, offsets back in raw. */
class BookMatcherTest {
    private static final String[] WORDS = ("the a of and to in was he it that his her you as had with for she not at but be my on "
            + "have him is said me which by so this all from they no were if would or when what there been one could very an who "
            + "rob machine demon electric boy father island ship sailor traveling wrist garment record professor savage").split(" ");

    static String randomText(SplittableRandom r, int words) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            if (i > 0) sb.append(r.nextInt(9) == 0 ? ", " : r.nextInt(12) == 0 ? ". " : " ");
            String w = WORDS[r.nextInt(WORDS.length)];
            sb.append(r.nextInt(10) == 0 ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : w);
        }
        return sb.toString();
    }

    @Test
    void normalisesAndMapsBackToRaw() {
        NormalizedText n = NormalizedText.of("\uFEFFThe \"Master--Key,\" Rob's (1901) co-op.");
        assertEquals("the master key rob's 1901 co op", n.toString());
        assertEquals(7, n.wordCount());
        assertEquals("rob's", n.word(3));
        // the R of Rob's is at raw offset 20
        assertEquals(20, n.sourceOffset(n.wordStart(3)));
        // supplementary code points count as one, as in Python
        NormalizedText s = NormalizedText.of("a \uD835\uDC00b c");
        assertEquals(3, s.wordCount());
        assertEquals(2, s.sourceOffset(s.wordStart(1)));
        assertEquals(5, s.sourceOffset(s.wordStart(2)));
    }

    @Test
    void findsTheGloballyBestSpanNotTheFirstSimilarOne() {
        SplittableRandom r = new SplittableRandom(11);
        String target = "Rob turned the indicator of his wonderful machine, and rose a short distance into the air; "
                + "then he swept away to the eastward over the sea, toward the island of the savages.";
        // an earlier decoy that shares many words with the target (over 0.3 similar), then the real passage
        String decoy = "Rob turned the handle of the old machine and rose; then he sailed to the west over the hills toward the town.";
        String raw = randomText(r, 3000) + " " + decoy + " " + randomText(r, 2000) + " " + target + " " + randomText(r, 2000);
        String transcript = "rob turned the indicator of his wonderful machine and rose a short distance into the air then he "
                + "swept away to the eastward over the sea toward the island of the savages";
        BookMatcher m = new BookMatcher(raw);
        BookMatcher.Match match = m.match(transcript);
        int start = raw.indexOf(target);
        assertEquals(start, match.start());
        assertEquals(start + target.length() - 1, match.end(), "ends at the last word, before its full stop");
        assertTrue(match.similarity() > 0.99, "similarity " + match.similarity());
    }

    @Test
    void toleratesRecognitionErrorsAndChoosesWordBoundaries() {
        SplittableRandom r = new SplittableRandom(5);
        String before = randomText(r, 4000), passage = randomText(r, 120), after = randomText(r, 4000);
        String raw = before + " " + passage + " " + after;
        // the transcript: lower case, no punctuation, some words dropped and substituted, as ASR output looks
        String[] w = NormalizedText.of(passage).toString().split(" ");
        StringBuilder t = new StringBuilder();
        for (int i = 0; i < w.length; i++) {
            if (i % 17 == 5) continue;
            if (t.length() > 0) t.append(' ');
            t.append(i % 13 == 7 ? "glorb" : w[i]);
        }
        BookMatcher.Match match = new BookMatcher(raw).match(t.toString());
        int start = before.length() + 1;
        int end = start + passage.length();
        double iou = MatchAndRefineAcceptanceTest.iou(match.start(), match.end(), start, end);
        assertTrue(iou > 0.97, "iou " + iou + " for " + match + " vs [" + start + ", " + end + ")");
        assertTrue(raw.charAt(match.start() - 1) == ' ', "starts at a word start");
    }

    @Test
    void findsTranscriptsMadeOfCommonWordsOnly() {
        SplittableRandom r = new SplittableRandom(9);
        String passage = "and it was not that he had been with her for the one who would be there";
        String raw = randomText(r, 3000) + " rob said: " + passage + ". " + randomText(r, 3000);
        BookMatcher.Match m = new BookMatcher(raw).match("said " + passage);
        assertEquals(raw.indexOf("said: "), m.start());
        assertEquals(raw.indexOf(passage) + passage.length(), m.end());
    }

    @Test
    void findsATranscriptWithEveryWordMisspelt() {
        SplittableRandom r = new SplittableRandom(5);
        String before = randomText(r, 4000);
        String passage = randomText(r, 18).replaceAll("[.,]", "").toLowerCase(java.util.Locale.ROOT);
        String raw = before + " " + passage + " " + randomText(r, 4000);
        // what a weak acoustic model hears: one letter of every word replaced, no word left intact, about a fifth of the letters wrong
        StringBuilder heard = new StringBuilder();
        for (String w : passage.split(" ")) {
            char[] c = w.toCharArray();
            int i = r.nextInt(c.length);
            c[i] = c[i] == 'q' ? 'z' : 'q';
            heard.append(heard.length() == 0 ? "" : " ").append(c);
        }
        BookMatcher matcher = new BookMatcher(raw);
        int[] ids = java.util.Arrays.stream(heard.toString().split(" ")).mapToInt(w -> raw.contains(" " + w + " ") ? 0 : -1).toArray();
        assertTrue(java.util.Arrays.stream(ids).allMatch(x -> x < 0), "no heard word is a book word: " + heard);
        BookMatcher.Match m = matcher.match(heard.toString());
        assertEquals(raw.indexOf(passage), m.start(), heard.toString());
        assertEquals(raw.indexOf(passage) + passage.length(), m.end());
    }

    @Test
    void anchorsARecordingWhosePiecesAloneAreMisplaced() {
        SplittableRandom r = new SplittableRandom(21);
        String passage = randomText(r, 150).replaceAll("[.,]", "").toLowerCase(java.util.Locale.ROOT);
        String raw = randomText(r, 6000) + " " + passage + " " + randomText(r, 6000);
        List<String> pieces = garbledPieces(r, passage);
        List<int[]> truth = new ArrayList<>();
        int offset = raw.indexOf(passage);
        String[] words = passage.split(" ");
        for (int p = 0; p < pieces.size(); p++) {
            String text = String.join(" ", java.util.Arrays.copyOfRange(words, 25 * p, 25 * p + 25));
            int start = offset + passage.indexOf(text);
            truth.add(new int[]{start, start + text.length()});
        }
        BookMatcher matcher = new BookMatcher(raw);
        int alone = 0;
        for (int p = 0; p < pieces.size(); p++) {
            BookMatcher.Match m = matcher.match(pieces.get(p));
            if (m != null && iou(m, truth.get(p)) >= 0.9) alone++;
        }
        assertTrue(alone <= 2, alone + " of 6 pieces placed alone: the pieces are meant to be too weak for that");
        BookMatcher.Region region = matcher.anchor(String.join(" ", pieces));
        assertNotNull(region, "the whole recording is placed");
        int lo = Integer.MAX_VALUE, hi = 0;
        for (int p = 0; p < pieces.size(); p++) {
            BookMatcher.Match m = matcher.matchWithin(pieces.get(p), region);
            assertNotNull(m, "piece " + p);
            // a piece this garbled has fuzzy ends, but it lands on its own words
            assertTrue(iou(m, truth.get(p)) >= 0.5, "piece " + p + " IoU " + iou(m, truth.get(p)));
            lo = Math.min(lo, m.start());
            hi = Math.max(hi, m.end());
        }
        BookMatcher.Match joined = new BookMatcher.Match(lo, hi, 0);
        assertTrue(iou(joined, new int[]{offset, offset + passage.length()}) >= 0.95, "the pieces together cover the passage");
        // placed together by one alignment, the pieces tile the passage: in order, without overlap, each on its words
        List<BookMatcher.Match> tiled = matcher.placePieces(pieces, region);
        assertEquals(pieces.size(), tiled.size());
        for (int p = 0; p < tiled.size(); p++) {
            BookMatcher.Match m = tiled.get(p);
            // the recording's first and last words are garbled too, so its ends are fuzzy; the pieces between are sharp
            double min = p == 0 || p == tiled.size() - 1 ? 0.3 : 0.8;
            assertTrue(iou(m, truth.get(p)) >= min, "tiled piece " + p + " IoU " + iou(m, truth.get(p)));
            if (p > 0) assertTrue(m.start() > tiled.get(p - 1).end(), "piece " + p + " starts after piece " + (p - 1) + " ends");
        }
        BookMatcher.Match tiledHull = new BookMatcher.Match(tiled.get(0).start(), tiled.get(tiled.size() - 1).end(), 0);
        assertTrue(iou(tiledHull, new int[]{offset, offset + passage.length()}) >= 0.8, "the tiled pieces cover the passage");
        // a recording of unrelated text has no clear place
        assertNull(matcher.anchor(randomText(new SplittableRandom(99), 150)));
    }

    /**
     * A 150-word passage read as six pieces of 25 words, each heard with 20 % of its words lost and 40 % of the letters
     * of the others replaced: too garbled to place a piece by itself.
     */
    static List<String> garbledPieces(SplittableRandom r, String passage) {
        String[] words = passage.split(" ");
        List<String> pieces = new ArrayList<>();
        for (int p = 0; p < 6; p++) {
            StringBuilder heard = new StringBuilder();
            for (int w = 25 * p; w < 25 * p + 25; w++) {
                if (r.nextDouble() < 0.2) continue;
                char[] c = words[w].toCharArray();
                for (int i = 0; i < c.length; i++) if (r.nextDouble() < 0.4) c[i] = (char) ('a' + r.nextInt(26));
                heard.append(heard.length() == 0 ? "" : " ").append(c);
            }
            pieces.add(heard.toString());
        }
        return pieces;
    }

    private static double iou(BookMatcher.Match m, int[] t) {
        int inter = Math.max(0, Math.min(m.end(), t[1]) - Math.max(m.start(), t[0]));
        return inter / (double) (Math.max(m.end(), t[1]) - Math.min(m.start(), t[0]));
    }

    @Test
    void proposesDistinctCandidatePlacesBestFirst() {
        SplittableRandom r = new SplittableRandom(23);
        String passage = randomText(r, 150).replaceAll("[.,]", "").toLowerCase(java.util.Locale.ROOT);
        String raw = randomText(r, 6000) + " " + passage + " " + randomText(r, 6000);
        BookMatcher matcher = new BookMatcher(raw);
        NormalizedText book = matcher.normalizedBook();
        String heard = String.join(" ", garbledPieces(r, passage));
        List<BookMatcher.Region> places = matcher.candidates(heard, 5);
        assertEquals(5, places.size());
        int from = raw.indexOf(passage);
        int to = from + passage.length();
        BookMatcher.Region top = places.get(0);
        assertTrue(book.sourceOffset(book.wordStart(top.from())) <= from && book.sourceOffset(book.wordEnd(top.to() - 1) - 1) + 1 >= to,
                "the best place covers the passage: " + top);
        // the places' ends lie more than the transcript's length apart (up to snapping to whole words)
        int m = NormalizedText.of(heard).length();
        for (int i = 0; i < places.size(); i++) {
            assertTrue(places.get(i).from() < places.get(i).to());
            for (int j = 0; j < i; j++) {
                int gap = Math.abs(book.wordEnd(places.get(i).to() - 1) - book.wordEnd(places.get(j).to() - 1));
                assertTrue(gap > m - 40, "places " + j + " and " + i + " end " + gap + " letters apart: " + places);
            }
        }
        assertEquals(List.of(), matcher.candidates("", 5));
        assertEquals(List.of(), matcher.candidates(heard, 0));
    }

    @Test
    void reportsNoMatchForUnrelatedText() {
        SplittableRandom r = new SplittableRandom(3);
        BookMatcher m = new BookMatcher(randomText(r, 2000));
        assertNull(m.match("quantum chromodynamics lattice gauge theory computations"));
        assertNull(m.match("   "));
    }
}

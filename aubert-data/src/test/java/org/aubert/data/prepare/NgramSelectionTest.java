package org.aubert.data.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.aubert.data.alignment.AlignmentFile;
import org.aubert.data.alignment.Utterance;
import org.aubert.data.alignment.WordTiming;

/** Collation on the real Master Key alignments against a count written independently here. */
class NgramSelectionTest {
    private static AlignmentFile book;

    @BeforeAll
    static void load() throws Exception {
        book = AlignmentFile.read(Path.of(NgramSelectionTest.class.getResource("/testdata/master_key/master_key.aligned.json").toURI()));
    }

    /** occurrences per n-gram key counted the plain way: strings and a hash map. */
    private static Map<String, List<String>> independentCount(int maxN, long minMs) {
        Map<String, List<String>> count = new TreeMap<>();
        for (int u = 0; u < book.utterances().size(); u++) {
            List<WordTiming> w = book.utterances().get(u).words();
            if (w == null) continue;
            for (int n = 1; n <= maxN; n++) {
                for (int i = 0; i + n <= w.size(); i++) {
                    if (w.get(i + n - 1).endMs() - w.get(i).startMs() < minMs) continue;
                    StringBuilder key = new StringBuilder(w.get(i).word());
                    for (int k = i + 1; k < i + n; k++) key.append(' ').append(w.get(k).word());
                    count.computeIfAbsent(key.toString(), k -> new ArrayList<>()).add(u + ":" + i);
                }
            }
        }
        return count;
    }

    @Test
    void countsAndGroupsEqualAnIndependentCount() {
        CollatorConfig cfg = new CollatorConfig(3, 4, 100_000, 1_000_000, 1, 150, 512, 256, 16000, 0);
        NgramSelection sel = NgramSelection.select(List.of(book), cfg);
        Map<String, List<String>> expected = new TreeMap<>();
        independentCount(3, 150).forEach((k, v) -> { if (v.size() >= 4) expected.put(k, v); });
        Map<String, List<String>> actual = new TreeMap<>();
        for (NgramGroup g : sel.groups()) {
            assertEquals("100", g.speaker());
            List<String> refs = new ArrayList<>();
            for (Occurrence o : g.occurrences()) {
                refs.add(o.utterance() + ":" + o.first());
                Utterance u = book.utterances().get(o.utterance());
                assertEquals(g.ngram(), NgramSelection.key(u.words(), o.first(), o.n()));
            }
            actual.put(g.ngram(), refs);
        }
        assertEquals(expected, actual);
        assertTrue(expected.size() > 300, "the book should give hundreds of repeated n-grams, got " + expected.size());
        assertTrue(expected.keySet().stream().anyMatch(k -> k.split(" ").length == 3), "some trigrams repeat");
        assertEquals(expected.values().stream().mapToLong(List::size).sum(), sel.counts().instances());
        assertEquals(219, sel.counts().utterances());
        assertEquals(1, sel.counts().utterancesWithoutWords());
        long all = 0;
        for (Utterance u : book.utterances()) {
            if (u.words() == null) continue;
            for (int n = 1; n <= 3; n++) all += Math.max(0, u.words().size() - n + 1);
        }
        assertEquals(all, sel.counts().occurrences());
    }

    @Test
    void capsAreSeededSubsetsOfTheUncappedGroups() {
        CollatorConfig open = new CollatorConfig(2, 4, 100_000, 1_000_000, 1, 0, 512, 256, 16000, 7);
        CollatorConfig capped = new CollatorConfig(2, 4, 6, 25, 1, 0, 512, 256, 16000, 7);
        Map<String, Set<Occurrence>> all = new HashMap<>();
        NgramSelection.select(List.of(book), open).groups().forEach(g -> all.put(g.ngram(), new HashSet<>(g.occurrences())));
        NgramSelection a = NgramSelection.select(List.of(book), capped);
        assertEquals(25, a.groups().size());
        for (NgramGroup g : a.groups()) {
            assertEquals(Math.min(6, all.get(g.ngram()).size()), g.size());
            assertTrue(all.get(g.ngram()).containsAll(g.occurrences()), g.ngram());
            for (int i = 1; i < g.size(); i++) assertTrue(Occurrence.compare(g.occurrences().get(i - 1), g.occurrences().get(i)) < 0);
        }
        assertEquals(a.groups(), NgramSelection.select(List.of(book), capped).groups(), "same seed, same choice");
        CollatorConfig otherSeed = new CollatorConfig(2, 4, 6, 25, 1, 0, 512, 256, 16000, 8);
        assertNotEquals(a.groups(), NgramSelection.select(List.of(book), otherSeed).groups());
    }

    @Test
    void speakersWithTooFewUtterancesAreSkipped() {
        CollatorConfig cfg = new CollatorConfig(1, 4, 32, 1000, 500, 0, 512, 256, 16000, 0);
        NgramSelection sel = NgramSelection.select(List.of(book), cfg);
        assertEquals(0, sel.groups().size());
        assertEquals(1, sel.counts().speakersTooFew());
    }
}

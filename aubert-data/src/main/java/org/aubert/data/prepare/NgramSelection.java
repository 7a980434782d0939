package org.aubert.data.prepare;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.aubert.data.alignment.AlignmentFile;
import org.aubert.data.alignment.Utterance;
import org.aubert.data.alignment.WordTiming;

/**
 * The text-and-timing half of collation: which n-gram occurrences of which speakers become training groups. Pure
 * (no audio), so it is cheap to run and to test.
 *
 * <p>Per speaker with enough aligned utterances: every n-gram of 1..max words of every utterance is an occurrence
 * (overlapping ones included), unless its audio is too short; n-grams with enough occurrences are kept; when a speaker
 * has more than the cap, a seeded random subset of its n-grams is kept, and likewise for occurrences of an n-gram over
 * the cap. Speakers are in sorted order, n-grams sorted within a speaker, occurrences in corpus order.
 */
public final class NgramSelection {

    /** What the selection skipped, for the summary. */
    public record Counts(int speakers, int speakersTooFew, int utterances, int utterancesWithoutWords,
                         int utterancesBad, long occurrences, long occurrencesTooShort, int ngramsKept, long instances) {}

    private final List<NgramGroup> groups;
    private final Counts counts;
    private final List<String> problems;

    private NgramSelection(List<NgramGroup> groups, Counts counts, List<String> problems) {
        this.groups = List.copyOf(groups);
        this.counts = counts;
        this.problems = List.copyOf(problems);
    }

    public List<NgramGroup> groups() { return groups; }

    public Counts counts() { return counts; }

    /** One line per skipped utterance naming it and why. */
    public List<String> problems() { return problems; }

    public static NgramSelection select(List<AlignmentFile> books, CollatorConfig cfg) {
        Map<String, List<int[]>> bySpeaker = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        int utterances = 0;
        int withoutWords = 0;
        int bad = 0;
        for (int b = 0; b < books.size(); b++) {
            AlignmentFile f = books.get(b);
            for (int u = 0; u < f.utterances().size(); u++) {
                Utterance utt = f.utterances().get(u);
                utterances++;
                if (utt.words() == null || utt.words().isEmpty()) {
                    withoutWords++;
                    continue;
                }
                String problem = check(utt, f.raw().length());
                if (problem != null) {
                    bad++;
                    problems.add(f.bookName() + " utterance " + u + " (" + utt.fname() + "): " + problem);
                    continue;
                }
                bySpeaker.computeIfAbsent(utt.speakerId(), k -> new ArrayList<>()).add(new int[]{b, u});
            }
        }
        List<NgramGroup> groups = new ArrayList<>();
        int speakers = 0;
        int tooFew = 0;
        long occurrences = 0;
        long tooShort = 0;
        long instances = 0;
        for (Map.Entry<String, List<int[]>> e : bySpeaker.entrySet()) {
            String speaker = e.getKey();
            if (e.getValue().size() < cfg.minUtterancesPerSpeaker()) {
                tooFew++;
                continue;
            }
            speakers++;
            Map<String, List<Occurrence>> byNgram = new TreeMap<>();
            for (int[] ref : e.getValue()) {
                Utterance utt = books.get(ref[0]).utterances().get(ref[1]);
                List<WordTiming> w = utt.words();
                for (int n = 1; n <= cfg.maxNgramSize(); n++) {
                    for (int i = 0; i + n <= w.size(); i++) {
                        Occurrence o = Occurrence.of(ref[0], ref[1], utt, i, n);
                        occurrences++;
                        if (o.durationMs() < cfg.minAudioLengthMs()) {
                            tooShort++;
                            continue;
                        }
                        byNgram.computeIfAbsent(key(w, i, n), k -> new ArrayList<>()).add(o);
                    }
                }
            }
            List<String> kept = new ArrayList<>();
            for (Map.Entry<String, List<Occurrence>> g : byNgram.entrySet()) {
                if (g.getValue().size() >= cfg.minNgramOccurrences()) kept.add(g.getKey());
            }
            if (kept.size() > cfg.maxNgramsPerSpeaker()) {
                Collections.shuffle(kept, new Random(mix(cfg.seed(), speaker)));
                kept = new ArrayList<>(kept.subList(0, cfg.maxNgramsPerSpeaker()));
                Collections.sort(kept);
            }
            for (String ngram : kept) {
                List<Occurrence> occ = byNgram.get(ngram);
                if (occ.size() > cfg.maxSamplesPerNgram()) {
                    occ = new ArrayList<>(occ);
                    Collections.shuffle(occ, new Random(mix(cfg.seed(), speaker + '\u0000' + ngram)));
                    occ = new ArrayList<>(occ.subList(0, cfg.maxSamplesPerNgram()));
                    occ.sort(Occurrence::compare);
                }
                groups.add(new NgramGroup(speaker, ngram, occ));
                instances += occ.size();
            }
        }
        Counts counts = new Counts(speakers, tooFew, utterances, withoutWords, bad, occurrences, tooShort, groups.size(), instances);
        return new NgramSelection(groups, counts, problems);
    }

    /** The n-gram's words joined by single spaces. */
    static String key(List<WordTiming> w, int first, int n) {
        StringBuilder sb = new StringBuilder();
        for (int k = first; k < first + n; k++) {
            if (k > first) sb.append(' ');
            sb.append(w.get(k).word());
        }
        return sb.toString();
    }

    private static String check(Utterance u, int rawLength) {
        long prevStart = Long.MIN_VALUE;
        int prevChar = -1;
        for (int k = 0; k < u.words().size(); k++) {
            WordTiming w = u.words().get(k);
            if (w.charEnd() > rawLength) return "word " + k + " '" + w.word() + "' char span ends at " + w.charEnd() + ", past the book text";
            if (w.startMs() < prevStart || w.charStart() < prevChar) return "word " + k + " '" + w.word() + "' is out of order";
            prevStart = w.startMs();
            prevChar = w.charStart();
        }
        return null;
    }

    /** A seed for one random choice, stable across JVMs (String.hashCode is specified). */
    static long mix(long seed, String what) {
        long z = seed * 0x9E3779B97F4A7C15L + what.hashCode();
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

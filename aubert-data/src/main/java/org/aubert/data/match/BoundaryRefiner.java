package org.aubert.data.match;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.aubert.data.alignment.Utterance;
import org.aubert.data.alignment.AlignmentFile;

/**
 * The original AuBERT boundary refinement: around a matched span {@code [s, e)} of the book's {@code raw}, with
 * {@code N = int((e - s) * ratio)}, the whitespace tokens of {@code raw[s - N, e + N)} are the candidate boundaries.
 * First the right boundary moves to the token end (from the last one down to {@code e - N}) that gives the smallest
 * Levenshtein distance between the transcript and {@code raw[s, end)}; then the left boundary moves to the token start
 * (from the first one up to {@code s + N}) that lowers that distance further. Only strictly smaller distances move a
 * boundary, so ties keep the later right end and the earlier left start, exactly as the original loops did. The text
 * is compared as it is in {@code raw} (case and punctuation included), as the original did.
 *
 * <p>Where the original called the distance once per candidate, this computes the distances to all right ends in one
 * bit-parallel pass from {@code s}, and to all left starts in one backwards pass from the chosen end, so a span costs
 * two passes instead of one per token. One deliberate difference: for a span starting within {@code N} of the start of
 * the book the original measured token offsets from the wrong origin; here they are measured from the window's true
 * start.
 *
 * <p>Spans that are empty, reversed, out of {@code raw} or longer than {@code maxLength} are dropped (as the original
 * dropped the first and last of these); {@code similarity} becomes python-Levenshtein's ratio of the refined span.
 * Utterances that {@code match} placed together with the rest of their recording ({@code "anchored": true}, which the
 * original never wrote) keep their spans: their pieces tile the recording's region, and refining each alone would
 * trim weakly transcribed pieces and open gaps between them.
 */
public final class BoundaryRefiner {
    private static final Logger log = LoggerFactory.getLogger(BoundaryRefiner.class);

    /** @param ratio how far each boundary may move, as a fraction of the span's length; @param maxLength longest span refined. */
    public record Config(double ratio, int maxLength) {
        public static final Config DEFAULT = new Config(0.4, 5000);

        public Config {
            if (!(ratio >= 0) || Double.isInfinite(ratio)) throw new IllegalArgumentException("ratio must be >= 0, got " + ratio);
            if (maxLength < 1) throw new IllegalArgumentException("maxLength must be >= 1, got " + maxLength);
        }
    }

    /** A refined span of {@code raw} (code points) and the transcript's ratio to it. */
    public record Span(int start, int end, double similarity) {}

    /** A refined book: the kept utterances with new spans, and what was dropped and why. */
    public record Result(AlignmentFile file, int refined, int dropped, List<String> problems) {}

    private final Config config;

    public BoundaryRefiner(Config config) { this.config = config; }

    public BoundaryRefiner() { this(Config.DEFAULT); }

    public Config config() { return config; }

    /** Refines one span; {@code null} when the span is one the original drops or ends up empty. */
    public Span refine(int[] raw, String utterance, int start, int end) {
        if (start >= end || end - start > config.maxLength() || start < 0 || end > raw.length) return null;
        int[] utt = utterance.codePoints().toArray();
        int[] rev = reversed(utt);
        int[] se = bounds(raw, new Levenshtein.Pattern(utt), new Levenshtein.Pattern(rev), start, end);
        if (se[0] >= se[1]) return null;
        return new Span(se[0], se[1], Levenshtein.ratio(utt, java.util.Arrays.copyOfRange(raw, se[0], se[1])));
    }

    /** The original's boundary search over a valid span; returns {start, end}. */
    int[] bounds(int[] raw, Levenshtein.Pattern utt, Levenshtein.Pattern uttReversed, int s, int e) {
        int len = e - s;
        int n = (int) (len * config.ratio());
        int w0 = Math.max(0, s - n);
        int w1 = (int) Math.min(raw.length, (long) e + n);
        int m = utt.length();

        // token starts and ends (whitespace-separated) inside the window raw[w0, w1)
        List<int[]> tokens = new ArrayList<>();
        int i = w0;
        while (i < w1) {
            while (i < w1 && Texts.isWhiteSpace(raw[i])) i++;
            if (i >= w1) break;
            int ts = i;
            while (i < w1 && !Texts.isWhiteSpace(raw[i])) i++;
            tokens.add(new int[]{ts, i});
        }

        // right boundary: distances to raw[s, s + k) for every k in one pass
        int[] right = utt.prefixDistances(raw, s, 1, w1 - s);
        int best = right[len];
        int bestR = len;
        for (int k = tokens.size() - 1; k >= 0; k--) {
            int r = tokens.get(k)[1] - s;
            if (r < len - n) break;
            int d = r <= 0 ? m : right[r];
            if (d < best) {
                best = d;
                bestR = r;
            }
        }

        // left boundary: distances to raw[E - k, E) for every k in one backwards pass
        int end = s + bestR;
        int[] left = uttReversed.prefixDistances(raw, end - 1, -1, end - w0);
        int bestL = 0;
        for (int[] t : tokens) {
            int l = t[0] - s;
            if (l > n) break;
            int d = t[0] >= end ? m : left[end - t[0]];
            if (d < best) {
                best = d;
                bestL = l;
            }
        }
        return new int[]{s + bestL, s + bestR};
    }

    /** Refines every utterance of a book; {@code source} names the file in problem messages. */
    public Result refine(AlignmentFile file, String source) {
        int[] raw = file.rawCodePoints();
        List<Utterance> kept = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int index = 0;
        for (Utterance u : file.utterances()) {
            String where = source + ": utterances[" + index++ + "] (" + u.fname() + ")";
            int s = u.startIdx(), e = u.endIdx();
            if (s >= e) {
                problems.add(where + ": empty span [" + s + ", " + e + ")");
                continue;
            }
            if (e - s > config.maxLength()) {
                problems.add(where + ": span of " + (e - s) + " code points is longer than --max-length " + config.maxLength());
                continue;
            }
            if (s < 0 || e > raw.length) {
                problems.add(where + ": span [" + s + ", " + e + ") is outside raw (" + raw.length + " code points)");
                continue;
            }
            if (Boolean.TRUE.equals(u.extra().get(MatchRunner.ANCHORED))) {
                // placed with the rest of its recording by one alignment: refining it alone would undo that tiling
                kept.add(u);
                continue;
            }
            int[] utt = u.utterance().codePoints().toArray();
            int[] se = bounds(raw, new Levenshtein.Pattern(utt), new Levenshtein.Pattern(reversed(utt)), s, e);
            if (se[0] >= se[1]) {
                problems.add(where + ": refined span is empty");
                continue;
            }
            double sim = new Levenshtein.Pattern(utt).ratio(raw, se[0], se[1]);
            kept.add(u.withSpan(se[0], se[1], sim));
        }
        for (String p : problems) log.warn("{}", p);
        return new Result(file.withUtterances(kept), kept.size(), problems.size(), problems);
    }

    static int[] reversed(int[] a) {
        int[] r = new int[a.length];
        for (int i = 0; i < a.length; i++) r[i] = a[a.length - 1 - i];
        return r;
    }
}

package org.aubert.data.match;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the span of a book that a transcript reads, searching the whole book for the globally best match (the original
 * took the first sliding window above 0.3 similarity).
 *
 * <p>The book is normalised ({@link NormalizedText}: lower case, punctuation removed) and indexed by word bigrams. For a
 * transcript, every shared bigram votes for the diagonal {@code book word - transcript word}; the strongest diagonals
 * (rare bigrams only, so that "of the" does not vote) give a few candidate regions of the book; the end of the book's
 * best character-level match for the whole transcript adds one more when it is a clear winner, so that a transcript with
 * few correctly recognised words is still found. In each region a
 * bit-parallel semi-global alignment finds the substring with the fewest character edits to the transcript, its ends
 * are snapped to word boundaries, and the boundaries are then moved by up to {@link Config#polishWords} words each way
 * to maximise the character similarity (python-Levenshtein's ratio on the normalised texts). The best region wins.
 * Offsets are mapped back to {@code raw} (the book with whitespace runs collapsed), in code points.
 *
 * <p>Thread-safe after construction: {@link #match} allocates its own work state.
 */
public final class BookMatcher {

    /**
     * @param candidates     regions of the book examined per transcript
     * @param maxPostings    bigrams occurring more often than this in the book do not vote
     * @param polishWords    how many words each boundary may move while polishing
     * @param minSimilarity  matches below this similarity are reported as no match
     */
    public record Config(int candidates, int maxPostings, int polishWords, double minSimilarity) {
        public static final Config DEFAULT = new Config(4, 64, 3, 0.3);
    }

    /** A match: {@code raw[start, end)} in code points, and the transcript's similarity to it (normalised texts). */
    public record Match(int start, int end, double similarity) {}

    private static final double POLISH_MARGIN = 0.15;
    /** How many fewer edits the whole-book best end needs than any distant end (at least, and per transcript character). */
    private static final int MIN_CLEAR_EDITS = 3;
    private static final double CLEAR_EDITS_PER_CHAR = 0.1;
    /** A recording's transcript is long: a smaller margin per character is as safe (see {@link #anchor}). */
    static final double ANCHOR_EDITS_PER_CHAR = 0.05;

    private final Config config;
    private final String raw;
    private final NormalizedText book;
    private final int[] wordIds;
    private final Map<String, Integer> vocabulary = new HashMap<>();
    private final Map<Long, int[]> bigrams;
    private final Map<Integer, int[]> unigrams;

    public BookMatcher(String raw) { this(raw, Config.DEFAULT); }

    public BookMatcher(String raw, Config config) {
        this.config = config;
        this.raw = raw;
        this.book = NormalizedText.of(raw);
        int n = book.wordCount();
        wordIds = new int[n];
        for (int w = 0; w < n; w++) wordIds[w] = vocabulary.computeIfAbsent(book.word(w), k -> vocabulary.size());
        Map<Long, IntList> bi = new HashMap<>();
        Map<Integer, IntList> uni = new HashMap<>();
        for (int w = 0; w < n; w++) {
            uni.computeIfAbsent(wordIds[w], k -> new IntList()).add(w);
            if (w + 1 < n) bi.computeIfAbsent(key(wordIds[w], wordIds[w + 1]), k -> new IntList()).add(w);
        }
        bigrams = new HashMap<>(bi.size() * 2);
        bi.forEach((k, v) -> bigrams.put(k, v.toArray()));
        unigrams = new HashMap<>(uni.size() * 2);
        uni.forEach((k, v) -> unigrams.put(k, v.toArray()));
    }

    public String raw() { return raw; }

    public NormalizedText normalizedBook() { return book; }

    private static long key(int a, int b) { return ((long) a << 32) | (b & 0xffffffffL); }

    /** The best span for a transcript, or {@code null} when nothing in the book is similar enough. */
    public Match match(String transcript) {
        NormalizedText q = NormalizedText.of(transcript.toLowerCase(java.util.Locale.ROOT));
        if (q.wordCount() == 0 || book.wordCount() == 0) return null;
        int qn = q.wordCount();
        int[] qIds = new int[qn];
        for (int i = 0; i < qn; i++) qIds[i] = vocabulary.getOrDefault(q.word(i), -1);

        int[] pat = q.text();
        Levenshtein.Pattern forward = new Levenshtein.Pattern(pat);
        Levenshtein.Pattern backward = new Levenshtein.Pattern(BoundaryRefiner.reversed(pat));
        int slack = slack(qn);
        int[] text = book.text();
        int[] diagonals = withWholeBookBest(candidateDiagonals(qIds), forward, qn, slack);
        Match best = null;
        List<int[]> found = new ArrayList<>();
        List<Double> sims = new ArrayList<>();
        for (int d : diagonals) {
            int[] span = bestSpan(forward, backward, Math.max(0, d - slack), Math.min(book.wordCount(), d + qn + slack));
            if (span == null) continue;
            found.add(span);
            sims.add(forward.ratio(text, book.wordStart(span[0]), book.wordEnd(span[1])));
        }
        double top = sims.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        for (int i = 0; i < found.size(); i++) {
            // polishing moves a few words: a region far below the best one cannot overtake it
            if (sims.get(i) < top - POLISH_MARGIN) continue;
            Match m = polish(forward, found.get(i)[0], found.get(i)[1]);
            if (best == null || m.similarity() > best.similarity()) best = m;
        }
        if (best == null || best.similarity() < config.minSimilarity()) return null;
        return best;
    }

    /**
     * The words [w0, w1) that the transcript reads best within book words [w0, w1): the end with the fewest character
     * edits, then the start with the fewest for that end, snapped inwards to whole words; null when no word is left.
     */
    private int[] bestSpan(Levenshtein.Pattern forward, Levenshtein.Pattern backward, int w0, int w1) {
        if (w0 >= w1) return null;
        int[] text = book.text();
        int rs = book.wordStart(w0), re = book.wordEnd(w1 - 1);
        int end = rs + argMin(forward.searchDistances(text, rs, re), 1);
        int[] revText = new int[end - rs];
        for (int i = 0; i < revText.length; i++) revText[i] = text[end - 1 - i];
        int start = end - argMin(backward.searchDistances(revText, 0, revText.length), 1);
        int ws = book.wordAtOrAfter(start);
        int we = book.wordBefore(end);
        if (ws >= book.wordCount() || we < 0 || we < ws) return null;
        return new int[]{ws, we};
    }

    /** How many book words a transcript of {@code words} words may be off by: dropped or inserted words shift it. */
    private static int slack(int words) { return 4 + words / 8; }

    /**
     * The end of the whole book's best character-level match for the pattern, or -1 unless it is a clear winner: any
     * text lies a little closer to some place in a book than to others, so the best end must beat every end outside
     * its own reach by at least max({@value #MIN_CLEAR_EDITS}, {@code perChar}·m) edits.
     */
    private int clearBestEnd(Levenshtein.Pattern forward, double perChar) {
        int[] dist = forward.searchDistances(book.text(), 0, book.length());
        int end = argMin(dist, 1);
        int m = forward.length();
        int rival = Integer.MAX_VALUE;
        for (int k = 1; k < dist.length; k++) if (Math.abs(k - end) > m && dist[k] < rival) rival = dist[k];
        return rival != Integer.MAX_VALUE && rival - dist[end] < Math.max(MIN_CLEAR_EDITS, perChar * m) ? -1 : end;
    }

    /** Book words {@code [from, to)} of the normalised book. */
    public record Region(int from, int to) {}

    /**
     * Where a whole recording's transcript (its pieces' transcripts joined in order) lies in the book, when the book's
     * best character-level match for it is a clear winner: its edits must beat every distant end's by at least
     * max(3, {@value #ANCHOR_EDITS_PER_CHAR}·m). A recording is long, so even a weak transcript (CER around 0.45) is
     * placed this way while its 6 s pieces alone are not. Null when no place is clearly best.
     */
    public Region anchor(String recordingTranscript) {
        NormalizedText q = NormalizedText.of(recordingTranscript.toLowerCase(java.util.Locale.ROOT));
        if (q.wordCount() == 0 || book.wordCount() == 0) return null;
        int[] pat = q.text();
        Levenshtein.Pattern forward = new Levenshtein.Pattern(pat);
        int end = clearBestEnd(forward, ANCHOR_EDITS_PER_CHAR);
        int lastWord = end < 0 ? -1 : book.wordBefore(end);
        if (lastWord < 0) return null;
        int[] span = bestSpan(forward, new Levenshtein.Pattern(BoundaryRefiner.reversed(pat)),
                Math.max(0, lastWord - q.wordCount() - slack(q.wordCount())), lastWord + 1);
        return span == null ? null : new Region(span[0], span[1] + 1);
    }

    /**
     * Up to {@code k} places a recording's transcript may read, best first: around each of the book's {@code k} best
     * character-level match ends that lie more than the transcript's length apart, a region reaching twice the
     * transcript's length back and half of it on (a weak transcript drops letters, and its best end is only near
     * the true one). For a check by other evidence (the audio, {@code aubert locate}) when no place is clearly best.
     */
    public List<Region> candidates(String recordingTranscript, int k) {
        NormalizedText q = NormalizedText.of(recordingTranscript.toLowerCase(java.util.Locale.ROOT));
        if (k <= 0 || q.wordCount() == 0 || book.wordCount() == 0) return List.of();
        int[] dist = new Levenshtein.Pattern(q.text()).searchDistances(book.text(), 0, book.length());
        int m = q.length();
        List<Region> out = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        while (out.size() < k) {
            int best = -1;
            for (int e = 1; e < dist.length; e++) {
                if (best >= 0 && dist[e] >= dist[best]) continue;
                boolean near = false;
                for (int taken : ends) near |= Math.abs(e - taken) <= m;
                if (!near) best = e;
            }
            if (best < 0) break;
            ends.add(best);
            int from = book.wordAtOrAfter(Math.max(0, best - 2 * m));
            int to = book.wordBefore(Math.min(book.length(), best + m / 2)) + 1;
            if (from < to) out.add(new Region(from, to));
        }
        return out;
    }

    /**
     * The pieces of an anchored recording, in reading order, placed by one alignment of their joined transcripts with
     * the recording's region ({@link PieceTiler}): consecutive pieces get consecutive spans, snapped to whole words. An
     * entry is null when that piece is below the minimum similarity; the result is null when a transcript is empty or
     * the alignment would be too large to hold (then search each piece with {@link #matchWithin}).
     */
    public List<Match> placePieces(List<String> transcripts, Region region) {
        List<int[]> pieces = new ArrayList<>();
        for (String t : transcripts) {
            int[] cps = NormalizedText.of(t.toLowerCase(java.util.Locale.ROOT)).text();
            if (cps.length == 0) return null;
            pieces.add(cps);
        }
        int[][] spans = PieceTiler.tile(book.text(), book.wordStart(region.from()), book.wordEnd(region.to() - 1), pieces);
        if (spans == null) return null;
        List<Match> out = new ArrayList<>();
        for (int p = 0; p < spans.length; p++) {
            int ws = book.wordAtOrAfter(spans[p][0]);
            int we = Math.max(ws, book.wordBefore(spans[p][1]));
            double sim = new Levenshtein.Pattern(pieces.get(p)).ratio(book.text(), book.wordStart(ws), book.wordEnd(we));
            out.add(sim < config.minSimilarity() ? null
                    : new Match(book.sourceOffset(book.wordStart(ws)), book.sourceOffset(book.wordEnd(we) - 1) + 1, sim));
        }
        return out;
    }

    /**
     * The best span for one piece of an anchored recording, searched only within {@code region} widened by a few
     * words each way (a piece may straddle the recording's first or last matched word), then polished as by
     * {@link #match}; null when it is below the minimum similarity.
     */
    public Match matchWithin(String transcript, Region region) {
        NormalizedText q = NormalizedText.of(transcript.toLowerCase(java.util.Locale.ROOT));
        if (q.wordCount() == 0 || book.wordCount() == 0) return null;
        int[] pat = q.text();
        Levenshtein.Pattern forward = new Levenshtein.Pattern(pat);
        int slack = slack(q.wordCount());
        int[] span = bestSpan(forward, new Levenshtein.Pattern(BoundaryRefiner.reversed(pat)), Math.max(0, region.from() - slack),
                Math.min(book.wordCount(), region.to() + slack));
        if (span == null) return null;
        Match m = polish(forward, span[0], span[1]);
        return m.similarity() < config.minSimilarity() ? null : m;
    }

    /**
     * The word candidates plus the diagonal of the book's best-matching end for the whole transcript, unless a word
     * candidate already covers it. Word votes need correctly recognised words; a transcript with most words misspelt
     * (a weak acoustic model) still lies closest, character by character, to the text it reads. The search is one
     * bit-parallel pass over the book, O(ceil(m/64) n): about a millisecond for a 300 kB book.
     */
    private int[] withWholeBookBest(int[] diagonals, Levenshtein.Pattern forward, int qn, int slack) {
        int end = clearBestEnd(forward, CLEAR_EDITS_PER_CHAR);
        if (end < 0) return diagonals;
        int lastWord = book.wordBefore(end);
        if (lastWord < 0) return diagonals;
        int d = Math.max(0, lastWord - qn + 1);
        for (int c : diagonals) if (Math.abs(c - d) <= slack) return diagonals;
        int[] out = Arrays.copyOf(diagonals, diagonals.length + 1);
        out[diagonals.length] = d;
        return out;
    }

    /** Moves word boundaries [ws, we] by up to polishWords each way to maximise the ratio; maps to raw offsets. */
    private Match polish(Levenshtein.Pattern p, int ws, int we) {
        int[] text = book.text();
        int k = config.polishWords();
        int m = p.length();
        int bs = ws, be = we;
        double bestSim = p.ratio(text, book.wordStart(ws), book.wordEnd(we));
        boolean improved = true;
        while (improved) {
            improved = false;
            int cs = bs, ce = be;
            for (int a = Math.max(0, cs - k); a <= Math.min(book.wordCount() - 1, cs + k); a++) {
                int b0 = Math.max(a, ce - k), b1 = Math.min(book.wordCount() - 1, ce + k);
                if (b0 > b1) continue;
                int[] ends = new int[b1 - b0 + 1];
                for (int b = b0; b <= b1; b++) ends[b - b0] = book.wordEnd(b);
                int from = book.wordStart(a);
                int[] dist = p.indelDistancesAt(text, from, ends);
                for (int b = b0; b <= b1; b++) {
                    double s = Levenshtein.ratioOf(dist[b - b0], m + ends[b - b0] - from);
                    if (s > bestSim) {
                        bestSim = s;
                        bs = a;
                        be = b;
                        improved = true;
                    }
                }
            }
        }
        int rawStart = book.sourceOffset(book.wordStart(bs));
        int rawEnd = book.sourceOffset(book.wordEnd(be) - 1) + 1;
        return new Match(rawStart, rawEnd, bestSim);
    }

    private static int argMin(int[] a, int from) {
        int best = from;
        for (int i = from + 1; i < a.length; i++) if (a[i] < a[best]) best = i;
        return best;
    }

    /**
     * Book word offsets where the transcript's first word would sit, strongest first: bigram hits vote for their
     * diagonal, votes are summed over a window of diagonals as wide as a quarter of the transcript (reading drifts as
     * words are dropped or inserted), and the best windows that do not overlap are taken.
     */
    int[] candidateDiagonals(int[] qIds) {
        int qn = qIds.length;
        IntList diag = new IntList();
        for (int i = 0; i + 1 < qn; i++) {
            if (qIds[i] < 0 || qIds[i + 1] < 0) continue;
            int[] posts = bigrams.get(key(qIds[i], qIds[i + 1]));
            if (posts == null || posts.length > config.maxPostings()) continue;
            for (int p : posts) diag.add(p - i);
        }
        if (diag.size() == 0) {
            for (int i = 0; i < qn; i++) {
                if (qIds[i] < 0) continue;
                int[] posts = unigrams.get(qIds[i]);
                if (posts == null || posts.length > config.maxPostings()) continue;
                for (int p : posts) diag.add(p - i);
            }
        }
        if (diag.size() == 0) {
            // only common words: let the rarest known word of the transcript vote with all its occurrences
            int rarest = -1, count = Integer.MAX_VALUE;
            for (int i = 0; i < qn; i++) {
                int[] posts = qIds[i] < 0 ? null : unigrams.get(qIds[i]);
                if (posts != null && posts.length < count) { count = posts.length; rarest = i; }
            }
            if (rarest >= 0) for (int p : unigrams.get(qIds[rarest])) diag.add(p - rarest);
        }
        if (diag.size() == 0) return new int[0];
        int[] d = diag.toArray();
        Arrays.sort(d);
        int width = Math.max(4, qn / 4);
        // votes[i] = hits with diagonal in [d[i], d[i] + width)
        int[] votes = new int[d.length];
        for (int i = 0, j = 0; i < d.length; i++) {
            while (j < d.length && d[j] < d[i] + width) j++;
            votes[i] = j - i;
        }
        Integer[] order = new Integer[d.length];
        for (int i = 0; i < d.length; i++) order[i] = i;
        Arrays.sort(order, (x, y) -> votes[y] != votes[x] ? Integer.compare(votes[y], votes[x]) : Integer.compare(d[x], d[y]));
        List<Integer> picked = new ArrayList<>();
        List<int[]> ranges = new ArrayList<>();
        for (Integer o : order) {
            if (picked.size() >= config.candidates()) break;
            int lo = d[o], hi = d[o] + width;
            boolean overlaps = false;
            for (int[] r : ranges) if (lo < r[1] + qn / 2 && hi > r[0] - qn / 2) { overlaps = true; break; }
            if (overlaps) continue;
            ranges.add(new int[]{lo, hi});
            // the median diagonal of the window's hits
            int j = o;
            while (j < d.length && d[j] < hi) j++;
            picked.add(d[(o + j - 1) >>> 1]);
        }
        return picked.stream().mapToInt(Integer::intValue).toArray();
    }

    /** A growable int array. */
    static final class IntList {
        private int[] a = new int[4];
        private int n;

        void add(int v) {
            if (n == a.length) a = Arrays.copyOf(a, n * 2);
            a[n++] = v;
        }

        int size() { return n; }

        int[] toArray() { return Arrays.copyOf(a, n); }
    }
}

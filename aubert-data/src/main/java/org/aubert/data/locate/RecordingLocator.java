package org.aubert.data.locate;

import java.util.ArrayList;
import java.util.List;

import org.aubert.core.tokenize.CtcTokenizer;
import org.aubert.data.align.CtcAlignment;
import org.aubert.data.align.CtcForcedAligner;
import org.aubert.data.align.CtcTextLocator;
import org.aubert.data.align.Emissions;
import org.aubert.data.align.TextWord;
import org.aubert.data.align.TranscriptText;
import org.aubert.data.match.BookMatcher;
import org.aubert.data.match.NormalizedText;

/**
 * Places a recording (its cut pieces, in reading order) in the book by its audio. The pieces' CTC log-probabilities,
 * joined, are set with free ends ({@link CtcTextLocator}) against the whole book, or against the places the joined
 * transcripts match best ({@link BookMatcher#candidates}); the place whose best path scores highest wins, and is kept
 * when its path loses at most {@link Options#maxLossPerFrame} per frame against the model's own best path. One forced
 * alignment of the located text over the joined audio then gives each piece the words whose first letter falls in its
 * frames.
 *
 * <p>The whole-book search costs {@code O(audio frames x book letters)} (about 1.5 s for 36 s of audio against a
 * 200 kB book) and finds recordings whose transcripts are too weak to propose the right place; the candidates cost
 * a few milliseconds and suffice when the transcripts are good. Instances are safe to share between threads.
 */
final class RecordingLocator {

    /**
     * @param candidates      places of the book to try, the best text matches of the joined transcripts
     * @param wholeBook       search the whole book instead of the candidates
     * @param maxLossPerFrame how much worse per frame (natural log) than the greedy path the located path may score
     * @param labelBonus      score for every letter the path reads ({@link CtcTextLocator})
     * @param beam            pruning beam of the search, 0 = exact ({@link CtcTextLocator})
     * @param edgeWords       at most this many words put back at each end where the audio reads letters the path
     *                        left out ({@link EdgeWords}); 0 = none
     */
    record Options(int candidates, boolean wholeBook, double maxLossPerFrame, double labelBonus, double beam, int edgeWords) {
        static final Options DEFAULT = new Options(8, false, 1.0, 1.0, 100, 6);

        Options {
            if (candidates < 1) throw new IllegalArgumentException("candidates must be >= 1, got " + candidates);
            if (!(labelBonus >= 0)) throw new IllegalArgumentException("labelBonus must be >= 0, got " + labelBonus);
            if (!(beam >= 0)) throw new IllegalArgumentException("beam must be >= 0, got " + beam);
            if (!(maxLossPerFrame > 0)) throw new IllegalArgumentException("maxLossPerFrame must be > 0, got " + maxLossPerFrame);
            if (edgeWords < 0) throw new IllegalArgumentException("edgeWords must be >= 0, got " + edgeWords);
        }
    }

    /**
     * Where a recording was placed.
     *
     * @param spans        per piece its {@code [start, end)} in the book's raw text, or null when no word begins in it
     * @param lossPerFrame the winning path's loss per frame against the greedy path
     * @param margin       the winner's lead per frame over the runner-up place (infinite with one place)
     * @param rank         the winner's rank among the transcript's candidate places (0 = the best text match)
     */
    record Placement(List<int[]> spans, double lossPerFrame, double margin, int rank) {}

    private final BookMatcher matcher;
    private final CtcTokenizer tokenizer;
    private final CtcTextLocator locator;
    private final CtcForcedAligner aligner;
    private final Options options;
    /** The whole book's labels, built once when the whole book is searched. */
    private final Labels wholeBook;

    RecordingLocator(BookMatcher matcher, CtcTokenizer tokenizer, Options options) {
        this.matcher = matcher;
        this.tokenizer = tokenizer;
        this.locator = new CtcTextLocator(tokenizer.blankId(), options.labelBonus(), options.beam());
        this.aligner = new CtcForcedAligner(tokenizer.blankId());
        this.options = options;
        this.wholeBook = options.wholeBook() ? labels(new BookMatcher.Region(0, matcher.normalizedBook().wordCount())) : null;
    }

    /** The book text of a candidate place as CTC labels, with the word each label spells (-1 for delimiters). */
    private record Labels(List<TextWord> words, int[] ids, int[] word) {}

    /**
     * The placement of a recording whose pieces have these transcripts and log-probabilities, or null when no place
     * fits the audio well enough.
     */
    Placement place(List<String> transcripts, List<Emissions> pieces) {
        if (transcripts.size() != pieces.size()) throw new IllegalArgumentException(transcripts.size() + " transcripts for " + pieces.size() + " pieces");
        Emissions audio = join(pieces);
        if (audio.frames() == 0) return null;
        List<Labels> places = wholeBook != null ? List.of(wholeBook)
                : matcher.candidates(String.join(" ", transcripts), options.candidates()).stream().map(this::labels).toList();
        Labels best = null;
        CtcTextLocator.Location bestAt = null;
        double runnerUp = Double.NEGATIVE_INFINITY;
        int rank = -1;
        for (int c = 0; c < places.size(); c++) {
            Labels labels = places.get(c);
            if (labels.ids().length == 0) continue;
            CtcTextLocator.Location at = locator.locate(audio, labels.ids());
            if (at == null) continue;
            // places compete with the bonus included, as the paths within a place do
            if (bestAt == null || withBonus(at) > withBonus(bestAt)) {
                if (bestAt != null) runnerUp = withBonus(bestAt);
                best = labels;
                bestAt = at;
                rank = c;
            } else {
                runnerUp = Math.max(runnerUp, withBonus(at));
            }
        }
        if (bestAt == null || bestAt.lossPerFrame() > options.maxLossPerFrame()) return null;
        int first = bestAt.firstLabel();
        int[] located = java.util.Arrays.copyOfRange(best.ids(), first, bestAt.lastLabel() + 1);
        if (CtcForcedAligner.requiredFrames(located) > audio.frames()) return null;
        CtcAlignment path = aligner.align(audio, located);
        int[] range = EdgeWords.extend(audio, best.word(), first, bestAt.lastLabel(), path, tokenizer.blankId(),
                tokenizer.wordDelimiterId(), options.edgeWords());
        if (range[0] != first || range[1] != bestAt.lastLabel()) {
            int[] extended = java.util.Arrays.copyOfRange(best.ids(), range[0], range[1] + 1);
            if (CtcForcedAligner.requiredFrames(extended) <= audio.frames()) {
                first = range[0];
                located = extended;
                path = aligner.align(audio, located);
            }
        }
        List<int[]> spans = new ArrayList<>();
        int offset = 0;
        int label = 0;
        for (Emissions piece : pieces) {
            int end = offset + piece.frames();
            int firstWord = -1;
            int lastWord = -1;
            for (; label < located.length && path.start(label) < end; label++) {
                int w = best.word()[first + label];
                boolean wordOnset = w >= 0 && (first + label == 0 || best.word()[first + label - 1] != w);
                // a word belongs to the piece its first letter is in (the located text may begin mid-word)
                if (wordOnset || (w >= 0 && label == 0)) {
                    if (firstWord < 0) firstWord = w;
                    lastWord = w;
                }
            }
            spans.add(firstWord < 0 ? null : new int[]{best.words().get(firstWord).charStart(), best.words().get(lastWord).charEnd()});
            offset = end;
        }
        double margin = runnerUp == Double.NEGATIVE_INFINITY ? Double.POSITIVE_INFINITY : (withBonus(bestAt) - runnerUp) / audio.frames();
        return new Placement(spans, bestAt.lossPerFrame(), margin, rank);
    }

    private double withBonus(CtcTextLocator.Location at) {
        return at.score() + options.labelBonus() * (at.lastLabel() - at.firstLabel() + 1);
    }

    private Labels labels(BookMatcher.Region region) {
        NormalizedText book = matcher.normalizedBook();
        String raw = matcher.raw();
        int from = book.sourceOffset(book.wordStart(region.from()));
        int to = book.sourceOffset(book.wordEnd(region.to() - 1) - 1) + 1;
        List<TextWord> words = TranscriptText.words(raw, from, to);
        List<Integer> ids = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        for (int w = 0; w < words.size(); w++) {
            int before = ids.size();
            if (before > 0) {
                ids.add(tokenizer.wordDelimiterId());
                owner.add(-1);
            }
            int spelt = 0;
            for (int cp : words.get(w).word().codePoints().toArray()) {
                int[] c;
                try {
                    c = tokenizer.encode(new String(Character.toChars(cp)), CtcTokenizer.OutOfVocabulary.THROW);
                } catch (IllegalArgumentException e) {
                    continue; // a letter the model cannot spell: the audio is matched without it
                }
                for (int id : c) {
                    if (id == tokenizer.blankId() || id == tokenizer.wordDelimiterId()) continue;
                    ids.add(id);
                    owner.add(w);
                    spelt++;
                }
            }
            if (spelt == 0) {
                while (ids.size() > before) {
                    ids.remove(ids.size() - 1);
                    owner.remove(owner.size() - 1);
                }
            }
        }
        return new Labels(words, ids.stream().mapToInt(Integer::intValue).toArray(), owner.stream().mapToInt(Integer::intValue).toArray());
    }

    private static Emissions join(List<Emissions> pieces) {
        int frames = 0;
        int vocab = pieces.isEmpty() ? 1 : pieces.get(0).vocab();
        for (Emissions e : pieces) {
            if (e.vocab() != vocab) throw new IllegalArgumentException("pieces have different vocabularies: " + e.vocab() + " and " + vocab);
            frames += e.frames();
        }
        float[] all = new float[frames * vocab];
        int at = 0;
        for (Emissions e : pieces) {
            System.arraycopy(e.values(), 0, all, at, e.values().length);
            at += e.values().length;
        }
        return new Emissions(all, frames, vocab);
    }
}

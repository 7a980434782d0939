package org.aubert.data.locate;

import org.aubert.data.align.CtcAlignment;
import org.aubert.data.align.Emissions;

/**
 * Puts back words the free-ends search left out at a recording's edges although the audio there reads letters.
 *
 * <p>Where the model hears an edge word badly, explaining its audio as blanks can cost less than reading it, so the
 * located text starts a word or two late (or ends early) and the first piece's aligner must stretch the next words
 * over the missing ones. The audio still says how many letters it holds there: summed over the frames before the
 * path's first letter, the probability of any letter (neither blank nor word delimiter) counts the letters heard, in
 * the units the located stretch calibrates (its letter probability mass per letter it reads). The text is extended by
 * the number of whole book words, up to {@code maxWords}, whose letters come closest to that count (closer than adding
 * none); likewise after the path's last letter. Audio that reads no letters adds nothing, and audio that holds far
 * more letters than {@code maxWords} words could explain (over {@link #EXCESS} times theirs: a spoken preface that is
 * not in the book) adds no words either.
 */
final class EdgeWords {
    /** Letters heard beyond this multiple of what the {@code maxWords} nearest words hold are not theirs. */
    static final double EXCESS = 1.5;

    private EdgeWords() {}

    /**
     * The extended {@code [first, last]} label range.
     *
     * @param audio    log-probabilities of the joined pieces
     * @param ids      the place's labels; {@code wordOf[i]} is the word label i spells, -1 for delimiters
     * @param first    first located label
     * @param last     last located label
     * @param path     forced alignment of {@code ids[first..last]} over {@code audio}
     */
    static int[] extend(Emissions audio, int[] ids, int[] wordOf, int first, int last, CtcAlignment path, int blank, int delimiter,
                        int maxWords) {
        if (maxWords <= 0) return new int[]{first, last};
        double[] mass = letterMass(audio, blank, delimiter);
        int n = last - first + 1;
        int from = path.start(0);
        int to = path.end(n - 1); // one past the last label's last frame
        double inside = 0;
        for (int t = from; t < to; t++) inside += mass[t];
        int letters = 0;
        for (int i = first; i <= last; i++) if (wordOf[i] >= 0) letters++;
        if (letters == 0 || inside <= 0) return new int[]{first, last};
        double perLetter = inside / letters;
        double before = 0;
        for (int t = 0; t < from; t++) before += mass[t];
        double after = 0;
        for (int t = to; t < mass.length; t++) after += mass[t];
        return new int[]{extendBack(wordOf, first, before / perLetter, maxWords), extendForward(wordOf, last, after / perLetter, maxWords)};
    }

    /** Per frame the probability of any letter. */
    private static double[] letterMass(Emissions audio, int blank, int delimiter) {
        double[] m = new double[audio.frames()];
        for (int t = 0; t < m.length; t++) {
            double s = 0;
            for (int c = 0; c < audio.vocab(); c++) if (c != blank && c != delimiter) s += Math.exp(audio.get(t, c));
            m[t] = s;
        }
        return m;
    }

    /** The label the text starts on: {@code first}, or the onset of a word up to {@code maxWords} back. */
    private static int extendBack(int[] wordOf, int first, double heard, int maxWords) {
        int best = first;
        double bestCost = heard;
        int added = 0;
        int reach = 0;
        int words = 0;
        int i = first - 1;
        // a located text that begins mid-word first gets its word's onset
        while (i >= 0 && words <= maxWords) {
            if (wordOf[i] >= 0) added++;
            boolean onset = wordOf[i] >= 0 && (i == 0 || wordOf[i - 1] != wordOf[i]);
            if (onset) {
                if (wordOf[i] != wordOf[first]) words++;
                if (words > maxWords) break;
                reach = added;
                double cost = Math.abs(added - heard);
                if (cost < bestCost) {
                    bestCost = cost;
                    best = i;
                }
            }
            i--;
        }
        return heard > EXCESS * reach ? first : best;
    }

    /** The label the text ends on: {@code last}, or the end of a word up to {@code maxWords} on. */
    private static int extendForward(int[] wordOf, int last, double heard, int maxWords) {
        int best = last;
        double bestCost = heard;
        int added = 0;
        int reach = 0;
        int words = 0;
        for (int i = last + 1; i < wordOf.length; i++) {
            if (wordOf[i] >= 0) added++;
            boolean end = wordOf[i] >= 0 && (i + 1 == wordOf.length || wordOf[i + 1] != wordOf[i]);
            if (end) {
                if (wordOf[i] != wordOf[last]) words++;
                if (words > maxWords) break;
                reach = added;
                double cost = Math.abs(added - heard);
                if (cost < bestCost) {
                    bestCost = cost;
                    best = i;
                }
            }
        }
        return heard > EXCESS * reach ? last : best;
    }
}

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
     * @param wordOf   per label of the place, the word it spells (-1 for delimiters)
     * @param first    first located label
     * @param last     last located label
     * @param path     forced alignment of the labels {@code first..last} over {@code audio}
     */
    static int[] extend(Emissions audio, int[] wordOf, int first, int last, CtcAlignment path, int blank, int delimiter,
                        int maxWords) {
        if (maxWords <= 0) return new int[]{first, last};
        double[] mass = letterMass(audio, blank, delimiter);
        int n = last - first + 1;
        int from = path.start(0);
        int to = path.end(n - 1); // one past the last label's last frame
        double inside = sum(mass, from, to);
        int letters = 0;
        for (int i = first; i <= last; i++) if (wordOf[i] >= 0) letters++;
        if (letters == 0 || inside <= 0) return new int[]{first, last};
        double perLetter = inside / letters;
        return new int[]{extendFrom(wordOf, first, -1, sum(mass, 0, from) / perLetter, maxWords),
                extendFrom(wordOf, last, 1, sum(mass, to, mass.length) / perLetter, maxWords)};
    }

    private static double sum(double[] x, int from, int to) {
        double s = 0;
        for (int t = from; t < to; t++) s += x[t];
        return s;
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

    /**
     * The label the text ends on going {@code step} (-1 back, +1 on) from {@code edge}: {@code edge}, or the far end
     * of a word up to {@code maxWords} away. A text that stops mid-word first gets the rest of its word.
     */
    private static int extendFrom(int[] wordOf, int edge, int step, double heard, int maxWords) {
        int best = edge;
        double bestCost = heard;
        int added = 0;
        int reach = 0;
        int words = 0;
        for (int i = edge + step; i >= 0 && i < wordOf.length; i += step) {
            if (wordOf[i] < 0) continue;
            added++;
            int next = i + step;
            if (next >= 0 && next < wordOf.length && wordOf[next] == wordOf[i]) continue; // not yet the word's far end
            if (wordOf[i] != wordOf[edge]) words++;
            if (words > maxWords) break;
            reach = added;
            double cost = Math.abs(added - heard);
            if (cost < bestCost) {
                bestCost = cost;
                best = i;
            }
        }
        return heard > EXCESS * reach ? edge : best;
    }
}

package org.aubert.data.prepare;

import org.aubert.data.alignment.Utterance;
import org.aubert.data.alignment.WordTiming;

/**
 * One occurrence of an n-gram: words {@code [first, first + n)} of an utterance of a book.
 *
 * @param book      index of the alignment file among the inputs
 * @param utterance index of the utterance in its file
 */
public record Occurrence(int book, int utterance, int first, int n, int charStart, int charEnd, long startMs, long endMs) {

    static Occurrence of(int book, int utteranceIndex, Utterance u, int first, int n) {
        WordTiming a = u.words().get(first);
        WordTiming b = u.words().get(first + n - 1);
        return new Occurrence(book, utteranceIndex, first, n, a.charStart(), b.charEnd(), a.startMs(), b.endMs());
    }

    public long durationMs() { return endMs - startMs; }

    /** Corpus order: book, utterance, position. */
    static int compare(Occurrence x, Occurrence y) {
        int c = Integer.compare(x.book, y.book);
        if (c == 0) c = Integer.compare(x.utterance, y.utterance);
        if (c == 0) c = Integer.compare(x.first, y.first);
        return c != 0 ? c : Integer.compare(x.n, y.n);
    }
}

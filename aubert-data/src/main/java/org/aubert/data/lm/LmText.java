package org.aubert.data.lm;

import java.util.ArrayList;
import java.util.List;

/**
 * The text normalisation of {@code aubert build-lm}: text becomes sentences of lower-case words.
 *
 * <ul>
 *   <li>A sentence ends at {@code .}, {@code !}, {@code ?} and at every line end, so a text with one sentence per
 *       line and a book whose paragraphs run over many lines (or one line) both split into sentences.</li>
 *   <li>Letters are lower-cased ({@link Character#toLowerCase(int)}); letters and digits are kept.</li>
 *   <li>An apostrophe ({@code '} or the typographic {@code U+2019}, written as {@code '}) is kept only inside a
 *       word, between two kept characters: "Rob's" gives "rob's", but "'Busy'" gives "busy" and "boys'" "boys".</li>
 *   <li>Every other character separates words; a sentence without words is dropped.</li>
 * </ul>
 *
 * <p>The words are thus made of what an English CTC character vocabulary spells (lower-case letters and the
 * apostrophe; {@code |} is the word separator), plus digits and non-English letters when the text has them: those
 * words simply never match a transcript.
 */
public final class LmText {

    /** Receives the words of each sentence in order. */
    public interface Sink {
        void word(String word);

        /** The word in a scratch buffer that is reused after the call; by default {@link #word(String)}. */
        default void word(StringBuilder word) {
            word(word.toString());
        }

        /** Ends the current sentence; called only after at least one word. */
        void endSentence();
    }

    private LmText() {}

    static boolean isSentenceEnd(int c) {
        return c == '.' || c == '!' || c == '?';
    }

    static boolean isApostrophe(int c) {
        return c == '\'' || c == '\u2019';
    }

    static boolean isWordChar(int c) {
        return Character.isLetter(c) || Character.isDigit(c);
    }

    /**
     * Splits one line into sentences; the line end closes the last one. {@code buf} is scratch space the caller
     * may reuse across lines.
     */
    public static void split(CharSequence line, Sink sink, StringBuilder buf) {
        buf.setLength(0);
        boolean open = false;
        int n = line.length();
        int i = 0;
        while (i < n) {
            int c = Character.codePointAt(line, i);
            int len = Character.charCount(c);
            if (isWordChar(c)) {
                buf.appendCodePoint(Character.toLowerCase(c));
            } else if (isApostrophe(c) && buf.length() > 0 && i + len < n && isWordChar(Character.codePointAt(line, i + len))) {
                buf.append('\'');
            } else {
                if (buf.length() > 0) {
                    sink.word(buf);
                    buf.setLength(0);
                    open = true;
                }
                if (isSentenceEnd(c) && open) {
                    sink.endSentence();
                    open = false;
                }
            }
            i += len;
        }
        if (buf.length() > 0) {
            sink.word(buf);
            buf.setLength(0);
            open = true;
        }
        if (open) sink.endSentence();
    }

    /** The sentences of a text (lines separated by {@code \n}), each a list of words. */
    public static List<List<String>> sentences(String text) {
        List<List<String>> out = new ArrayList<>();
        List<String>[] cur = new List[]{new ArrayList<>()};
        Sink sink = new Sink() {
            @Override public void word(String word) { cur[0].add(word); }
            @Override public void endSentence() { out.add(cur[0]); cur[0] = new ArrayList<>(); }
        };
        StringBuilder buf = new StringBuilder();
        for (String line : text.split("\r?\n", -1)) split(line, sink, buf);
        return out;
    }
}

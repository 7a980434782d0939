package org.aubert.data.match;

import java.util.Arrays;

/**
 * Text normalised for matching, with a map back to the text it came from: letters and digits lower-cased, apostrophes
 * inside words kept (as {@code '}), whitespace and dashes turned into one space between words, all other punctuation
 * and symbols removed. {@code toSource[i]} is the code-point offset in the source of normalised code point {@code i}
 * (spaces map to the first source code point that made them).
 */
public final class NormalizedText {
    private final int[] text;
    private final int[] toSource;
    private final int[] wordStarts;
    private final int[] wordEnds;

    private NormalizedText(int[] text, int[] toSource, int[] wordStarts, int[] wordEnds) {
        this.text = text;
        this.toSource = toSource;
        this.wordStarts = wordStarts;
        this.wordEnds = wordEnds;
    }

    public static NormalizedText of(String source) { return of(source.codePoints().toArray()); }

    public static NormalizedText of(int[] src) {
        int[] out = new int[src.length];
        int[] map = new int[src.length];
        int n = 0;
        boolean pendingSpace = false;
        int spaceAt = -1;
        for (int i = 0; i < src.length; i++) {
            int c = src[i];
            int kind = kind(c);
            if (kind == WORD || (kind == APOSTROPHE && i > 0 && i + 1 < src.length && kind(src[i - 1]) == WORD && kind(src[i + 1]) == WORD)) {
                if (pendingSpace && n > 0) {
                    out[n] = ' ';
                    map[n++] = spaceAt;
                }
                pendingSpace = false;
                out[n] = kind == WORD ? Character.toLowerCase(c) : '\'';
                map[n++] = i;
            } else if (kind == BREAK || kind == APOSTROPHE) {
                if (!pendingSpace) spaceAt = i;
                pendingSpace = true;
            }
            // DROP: nothing
        }
        int[] text = Arrays.copyOf(out, n);
        int[] toSource = Arrays.copyOf(map, n);
        int words = 0;
        for (int i = 0; i < n; i++) if (text[i] != ' ' && (i == 0 || text[i - 1] == ' ')) words++;
        int[] ws = new int[words], we = new int[words];
        int w = 0;
        for (int i = 0; i < n; i++) {
            if (text[i] != ' ' && (i == 0 || text[i - 1] == ' ')) ws[w] = i;
            if (text[i] != ' ' && (i + 1 == n || text[i + 1] == ' ')) we[w++] = i + 1;
        }
        return new NormalizedText(text, toSource, ws, we);
    }

    private static final int WORD = 0, APOSTROPHE = 1, BREAK = 2, DROP = 3;

    private static int kind(int c) {
        if (Character.isLetterOrDigit(c)) return WORD;
        int t = Character.getType(c);
        if (t == Character.NON_SPACING_MARK || t == Character.COMBINING_SPACING_MARK || t == Character.ENCLOSING_MARK) return WORD;
        if (c == '\'' || c == 0x2019 || c == 0x02BC) return APOSTROPHE;
        if (Texts.isWhiteSpace(c) || Character.isWhitespace(c) || t == Character.DASH_PUNCTUATION || c == '/' || c == '_') return BREAK;
        return DROP;
    }

    /** The normalised code points (words separated by single spaces, no space at either end). */
    public int[] text() { return text; }

    public int length() { return text.length; }

    /** Source offset of normalised code point {@code i}. */
    public int sourceOffset(int i) { return toSource[i]; }

    public int wordCount() { return wordStarts.length; }

    public int wordStart(int w) { return wordStarts[w]; }

    public int wordEnd(int w) { return wordEnds[w]; }

    /** The word as a string. */
    public String word(int w) { return new String(text, wordStarts[w], wordEnds[w] - wordStarts[w]); }

    /** The first word that ends after normalised offset {@code i} (the word containing i, or the next one). */
    int wordAtOrAfter(int i) {
        int lo = 0, hi = wordEnds.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (wordEnds[mid] <= i) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /** The last word that starts before normalised offset {@code i} (the word containing i - 1, or the previous one). */
    int wordBefore(int i) {
        int lo = 0, hi = wordStarts.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (wordStarts[mid] < i) lo = mid + 1;
            else hi = mid;
        }
        return lo - 1;
    }

    @Override
    public String toString() { return new String(text, 0, text.length); }
}

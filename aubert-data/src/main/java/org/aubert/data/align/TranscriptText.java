package org.aubert.data.align;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text side of forced alignment, with the original pipeline's convention: the refined span
 * {@code raw[start, end)} is split on whitespace; each token is lower-cased and stripped of punctuation; tokens
 * that become empty are dropped; each word keeps the character span of its token in {@code raw}.
 *
 * <p>Punctuation is every ASCII punctuation character (Python's {@code string.punctuation}, which the original
 * used, so "They're" becomes "theyre" and "iron-gray" "irongray") plus every Unicode punctuation character
 * (general categories P*: curly quotes, dashes, ...), which ASCII book texts never contain. On the original
 * pipeline's real output (The Master Key, 218 aligned utterances) this reproduces every word and span.
 */
public final class TranscriptText {
    private static final String ASCII_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private TranscriptText() {}

    /** The words of {@code raw[start, end)}; an empty list when none survives normalisation. */
    public static List<TextWord> words(String raw, int start, int end) {
        if (start < 0 || end > raw.length() || start > end) {
            throw new IllegalArgumentException("span [" + start + ", " + end + ") is outside the text of " + raw.length() + " characters");
        }
        List<TextWord> out = new ArrayList<>();
        int i = start;
        while (i < end) {
            while (i < end && isSpace(raw.charAt(i))) i++;
            int tokenStart = i;
            while (i < end && !isSpace(raw.charAt(i))) i++;
            if (i > tokenStart) {
                String w = normalize(raw.substring(tokenStart, i));
                if (!w.isEmpty()) out.add(new TextWord(w, tokenStart, i));
            }
        }
        return out;
    }

    /** Whitespace as Python's {@code str.split()} sees it (Java's isWhitespace misses the no-break spaces). */
    static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** Lower-case, punctuation removed. */
    public static String normalize(String token) {
        String lower = token.toLowerCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder(lower.length());
        lower.codePoints().filter(c -> !isPunctuation(c)).forEach(sb::appendCodePoint);
        return sb.toString();
    }

    static boolean isPunctuation(int c) {
        if (c < 128) return ASCII_PUNCTUATION.indexOf(c) >= 0;
        return switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    /** The words joined by a single space (what the label sequence spells, with "|" for the spaces). */
    public static String join(List<TextWord> words) {
        StringBuilder sb = new StringBuilder();
        for (TextWord w : words) {
            if (!sb.isEmpty()) sb.append(' ');
            sb.append(w.word());
        }
        return sb.toString();
    }
}

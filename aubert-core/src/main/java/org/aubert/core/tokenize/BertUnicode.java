package org.aubert.core.tokenize;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * The character classes of HuggingFace's Rust BertNormalizer and BertPreTokenizer.
 *
 * <p>The Rust library takes "other", "punctuation" and "non-spacing mark" from an old Unicode version
 * and lower-casing / NFD from a recent one, so Java's {@link Character} (another version again) would
 * disagree on a few hundred characters. The tables are therefore probed from the Rust library by
 * {@code tools/fixtures/make_bert_unicode_tables.py} and shipped as a resource, which makes the
 * result independent of the JVM's Unicode version.
 */
final class BertUnicode {

    private static final String RESOURCE = "bert-unicode-tables.txt";
    private static final int[] NO_CHANGE = null;
    private static final int[] REMOVED = new int[0];

    private static final int HANGUL_FIRST = 0xAC00;
    private static final int HANGUL_LAST = 0xD7A3;

    private static final BitSet OTHER = new BitSet(0x110000);
    private static final BitSet PUNCT = new BitSet(0x110000);
    private static final BitSet MARK = new BitSet(0x110000);
    private static final Map<Integer, int[]> STRIP = new HashMap<>();
    private static final Map<Integer, int[]> LOWER = new HashMap<>();

    static {
        try (InputStream in = BertUnicode.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            load(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + RESOURCE, e);
        }
        // Lone UTF-16 surrogates can appear in a Java String (never in Rust's str): treat them as the
        // unassigned/surrogate "other" characters that clean_text removes.
        OTHER.set(0xD800, 0xE000);
    }

    private BertUnicode() {}

    private static void load(BufferedReader reader) throws IOException {
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] f = line.split(" ");
            switch (f[0]) {
                case "other" -> setRange(OTHER, f[1]);
                case "punct" -> setRange(PUNCT, f[1]);
                case "mark" -> setRange(MARK, f[1]);
                case "strip" -> STRIP.put(Integer.parseInt(f[1], 16), hexCodePoints(f));
                case "lower" -> LOWER.put(Integer.parseInt(f[1], 16), hexCodePoints(f));
                default -> throw new IllegalStateException(RESOURCE + ":" + number + ": unknown table " + f[0]);
            }
        }
    }

    private static void setRange(BitSet set, String range) {
        int dash = range.indexOf('-');
        set.set(Integer.parseInt(range, 0, dash, 16), Integer.parseInt(range, dash + 1, range.length(), 16) + 1);
    }

    private static int[] hexCodePoints(String[] fields) {
        int[] out = new int[fields.length - 2];
        for (int i = 0; i < out.length; i++) out[i] = Integer.parseInt(fields[i + 2], 16);
        return out;
    }

    /** Removed by clean_text: NUL, U+FFFD and the "other" categories (Cc, Cf, Co), except tab/LF/CR. */
    static boolean isRemovedByClean(int cp) {
        return cp == 0 || cp == 0xFFFD || OTHER.get(cp);
    }

    /** Rust's {@code char::is_whitespace} (the Unicode White_Space property). */
    static boolean isWhitespace(int cp) {
        if (cp < 0x80) return cp == ' ' || (cp >= 0x09 && cp <= 0x0D);
        return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A)
                || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
    }

    /** BERT punctuation: every non-alphanumeric printable ASCII char, plus Unicode P* (old tables). */
    static boolean isPunctuation(int cp) {
        if (cp < 0x80) return (cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126);
        return PUNCT.get(cp);
    }

    /** The CJK ideograph blocks that BERT pads with spaces (the Rust ranges, which differ slightly from Python BERT's). */
    static boolean isCjk(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2A6DF)
                || (cp >= 0x2A700 && cp <= 0x2B81F) || (cp >= 0x2B920 && cp <= 0x2CEAF)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
    }

    /**
     * strip_accents of one character (NFD, then drop non-spacing marks): {@code null} when unchanged,
     * an empty array when the character disappears.
     */
    static int[] stripAccents(int cp) {
        if (cp < 0xC0) return NO_CHANGE;
        if (MARK.get(cp)) return REMOVED;
        if (cp >= HANGUL_FIRST && cp <= HANGUL_LAST) return decomposeHangul(cp);
        return STRIP.get(cp);
    }

    /** Rust {@code char::to_lowercase} of a non-ASCII character: {@code null} when unchanged (İ is the one that grows). */
    static int[] lowercase(int cp) {
        return LOWER.get(cp);
    }

    // Hangul syllables decompose algorithmically (Unicode ch. 3.12) rather than through the table.
    private static int[] decomposeHangul(int cp) {
        int s = cp - HANGUL_FIRST;
        int lead = 0x1100 + s / 588;
        int vowel = 0x1161 + (s % 588) / 28;
        int trail = 0x11A7 + s % 28;
        return trail == 0x11A7 ? new int[] {lead, vowel} : new int[] {lead, vowel, trail};
    }
}

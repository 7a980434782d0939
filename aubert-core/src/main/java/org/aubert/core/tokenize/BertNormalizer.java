package org.aubert.core.tokenize;

/**
 * HF's BertNormalizer (clean_text, CJK padding, strip_accents, lowercase), applied in that order one
 * original character at a time so that every output character keeps its source index.
 *
 * <p>The one thing not reproduced is NFD's canonical reordering of consecutive combining marks: it
 * only permutes marks, which strip_accents then drops, so it shows only for a spacing mark with a
 * non-zero combining class (a few musical symbols) when accents are stripped.
 */
final class BertNormalizer {

    private final boolean handleChineseChars;
    private final boolean stripAccents;
    private final boolean lowercase;

    BertNormalizer(boolean handleChineseChars, boolean stripAccents, boolean lowercase) {
        this.handleChineseChars = handleChineseChars;
        this.stripAccents = stripAccents;
        this.lowercase = lowercase;
    }

    /** Normalises {@code text[from, to)} (code points) onto {@code out}; origins are indices into {@code text}. */
    void normalize(int[] text, int from, int to, CodePointBuffer out) {
        for (int i = from; i < to; i++) {
            int cp = text[i];
            if (BertUnicode.isRemovedByClean(cp)) continue;
            if (BertUnicode.isWhitespace(cp)) {
                out.add(' ', i);
            } else if (handleChineseChars && BertUnicode.isCjk(cp)) {
                out.add(' ', i);
                appendStripped(cp, i, out);
                out.add(' ', i);
            } else {
                appendStripped(cp, i, out);
            }
        }
    }

    private void appendStripped(int cp, int origin, CodePointBuffer out) {
        int[] stripped = stripAccents ? BertUnicode.stripAccents(cp) : null;
        if (stripped == null) {
            appendLowered(cp, origin, out);
        } else {
            for (int c : stripped) appendLowered(c, origin, out);
        }
    }

    private void appendLowered(int cp, int origin, CodePointBuffer out) {
        if (!lowercase) {
            out.add(cp, origin);
        } else if (cp < 0x80) {
            out.add(cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp, origin);
        } else {
            int[] lowered = BertUnicode.lowercase(cp);
            if (lowered == null) {
                out.add(cp, origin);
            } else {
                for (int c : lowered) out.add(c, origin);
            }
        }
    }
}

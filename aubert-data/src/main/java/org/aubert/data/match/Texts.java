package org.aubert.data.match;

/** Character classes shared by matching and refinement, over code points. */
final class Texts {
    private Texts() {}

    /** Unicode White_Space (what Python's {@code str.split()} and the tokenizers' WhitespaceSplit split on, near enough). */
    static boolean isWhiteSpace(int c) {
        if (c <= 0x20) return c == 0x20 || (c >= 0x09 && c <= 0x0D);
        if (c < 0x85) return false;
        return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029
                || c == 0x202F || c == 0x205F || c == 0x3000;
    }

    /**
     * The book's {@code raw} text as the original made it ({@code re.sub(r'\s+', ' ', book)}): every run of whitespace
     * becomes one space. Python's {@code \s} also matches the separators U+001C..U+001F.
     */
    static String collapseWhitespace(String book) {
        StringBuilder sb = new StringBuilder(book.length());
        boolean inSpace = false;
        for (int i = 0; i < book.length(); ) {
            int c = book.codePointAt(i);
            i += Character.charCount(c);
            if (isWhiteSpace(c) || (c >= 0x1C && c <= 0x1F)) {
                if (!inSpace) sb.append(' ');
                inSpace = true;
            } else {
                sb.appendCodePoint(c);
                inSpace = false;
            }
        }
        return sb.toString();
    }
}

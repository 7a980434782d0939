package org.aubert.data.alignment;

/**
 * Maps the code-point offsets of alignment files (the original pipeline indexed Python strings, i.e. code points) to
 * the UTF-16 indices of a Java string. Identity, with no table, for text without characters outside the BMP.
 */
public final class RawText {
    private final String text;
    private final int[] utf16;     // null: every code point is one char

    private RawText(String text, int[] utf16) {
        this.text = text;
        this.utf16 = utf16;
    }

    public static RawText of(String text) {
        int cps = text.codePointCount(0, text.length());
        if (cps == text.length()) return new RawText(text, null);
        int[] map = new int[cps + 1];
        int i = 0;
        for (int cp = 0; cp < cps; cp++) {
            map[cp] = i;
            i += Character.charCount(text.codePointAt(i));
        }
        map[cps] = text.length();
        return new RawText(text, map);
    }

    public String text() { return text; }

    /** Length in code points. */
    public int length() { return utf16 == null ? text.length() : utf16.length - 1; }

    /** The UTF-16 index of code point {@code cp} ({@code cp == length()} gives the string's end). */
    public int utf16(int cp) {
        if (cp < 0 || cp > length()) throw new IndexOutOfBoundsException("code point " + cp + " outside text of " + length());
        return utf16 == null ? cp : utf16[cp];
    }

    /** The text of code points {@code [start, end)}. */
    public String substring(int start, int end) { return text.substring(utf16(start), utf16(end)); }
}

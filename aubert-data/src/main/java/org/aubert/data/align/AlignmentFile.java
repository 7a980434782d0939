package org.aubert.data.align;

import java.util.List;

/**
 * The alignment JSON of one book, {@code <book name>.align.json}: the book's file name, its text with whitespace runs
 * collapsed to one space ({@code raw}), and the utterances matched to it. Span offsets count code points of {@code raw};
 * {@link #rawCodePoints()} gives the array they index.
 */
public record AlignmentFile(String bookName, String raw, List<AlignedUtterance> utterances) {
    public AlignmentFile {
        utterances = List.copyOf(utterances);
    }

    public int[] rawCodePoints() { return raw.codePoints().toArray(); }

    public AlignmentFile withUtterances(List<AlignedUtterance> u) { return new AlignmentFile(bookName, raw, u); }

    /** The file name this book's alignment is written under. */
    public static String fileNameFor(String bookName) { return bookName + ".align.json"; }
}

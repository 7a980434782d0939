package org.aubert.core.tokenize;

/** Fills the arrays of an {@link Encoding} token by token, converting code-point offsets to UTF-16 too. */
final class EncodingBuilder {

    private final int[] ids;
    private final String[] tokens;
    private final int[] typeIds;
    private final int[] specialTokensMask;
    private final int[] wordIds;
    private final int[] sequenceIds;
    private final int[][] offsets;
    private final int[][] utf16Offsets;
    private int size;

    EncodingBuilder(int capacity) {
        ids = new int[capacity];
        tokens = new String[capacity];
        typeIds = new int[capacity];
        specialTokensMask = new int[capacity];
        wordIds = new int[capacity];
        sequenceIds = new int[capacity];
        offsets = new int[capacity][];
        utf16Offsets = new int[capacity][];
    }

    /** A [CLS]/[SEP] added by post-processing: offsets (0, 0), no word, no sequence. */
    void special(int id, String token, int typeId) {
        put(id, token, typeId, 1, -1, -1, new int[2], new int[2]);
    }

    /** The tokens of sequence {@code sequenceId}; {@code text} is its original text as code points. */
    void sequence(TokenSequence sequence, int sequenceId, int[] text) {
        int[] utf16 = utf16Positions(text);
        for (int i = 0; i < sequence.size(); i++) {
            int start = sequence.start(i);
            int end = sequence.end(i);
            put(sequence.id(i), sequence.token(i), sequenceId, 0, sequence.wordId(i), sequenceId,
                    new int[] {start, end}, new int[] {utf16[start], utf16[end]});
        }
    }

    private void put(int id, String token, int typeId, int special, int wordId, int sequenceId, int[] offset, int[] utf16Offset) {
        ids[size] = id;
        tokens[size] = token;
        typeIds[size] = typeId;
        specialTokensMask[size] = special;
        wordIds[size] = wordId;
        sequenceIds[size] = sequenceId;
        offsets[size] = offset;
        utf16Offsets[size] = utf16Offset;
        size++;
    }

    Encoding build() {
        if (size != ids.length) throw new IllegalStateException("built " + size + " of " + ids.length + " tokens");
        return new Encoding(ids, tokens, typeIds, specialTokensMask, wordIds, sequenceIds, offsets, utf16Offsets);
    }

    /** UTF-16 index of every code point index 0..n (inclusive). */
    private static int[] utf16Positions(int[] text) {
        int[] positions = new int[text.length + 1];
        for (int i = 0; i < text.length; i++) positions[i + 1] = positions[i] + Character.charCount(text[i]);
        return positions;
    }
}

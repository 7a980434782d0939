package org.aubert.core.tokenize;

/**
 * HF's WordPiece model: greedy longest-match-first from the left, "##" on pieces that do not start
 * the word. A word with no full segmentation, or longer than {@code maxInputCharsPerWord} characters,
 * becomes one unknown token spanning the whole word.
 */
final class WordPiece {

    static final int DEFAULT_MAX_INPUT_CHARS_PER_WORD = 100;

    private final WordPieceVocab vocab;
    private final int unkId;
    private final int maxInputCharsPerWord;

    WordPiece(WordPieceVocab vocab, int unkId, int maxInputCharsPerWord) {
        this.vocab = vocab;
        this.unkId = unkId;
        this.maxInputCharsPerWord = maxInputCharsPerWord;
    }

    /** Tokenises normalised characters {@code [from, to)} of {@code text} and appends the pieces to {@code out}. */
    void tokenize(CodePointBuffer text, int from, int to, int wordId, TokenSequence out) {
        int wordStart = text.originAt(from);
        int wordEnd = text.originAt(to - 1) + 1;
        if (to - from > maxInputCharsPerWord) {
            out.add(unkId, vocab.token(unkId), wordStart, wordEnd, wordId);
            return;
        }
        int emitted = out.size();
        int start = from;
        while (start < to) {
            boolean first = start == from;
            int longest = first ? vocab.maxTokenLength() : vocab.maxContinuationLength();
            int id = -1;
            int end = Math.min(to, start + longest);
            for (; end > start; end--) {
                String piece = text.substring(start, end);
                id = first ? vocab.id(piece) : vocab.continuationId(piece);
                if (id >= 0) break;
            }
            if (id < 0) {
                // No full segmentation: the pieces found so far give way to one [UNK] for the word.
                out.truncate(emitted);
                out.add(unkId, vocab.token(unkId), wordStart, wordEnd, wordId);
                return;
            }
            out.add(id, vocab.token(id), text.originAt(start), text.originAt(end - 1) + 1, wordId);
            start = end;
        }
    }
}

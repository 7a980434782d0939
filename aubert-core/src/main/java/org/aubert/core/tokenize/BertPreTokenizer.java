package org.aubert.core.tokenize;

/** HF's BertPreTokenizer: words end at whitespace (dropped) and every punctuation char is a word of its own. */
final class BertPreTokenizer {

    /** Receives each word as a half-open range of normalised indices. */
    @FunctionalInterface
    interface WordSink {
        void word(int from, int to);
    }

    private BertPreTokenizer() {}

    static void split(CodePointBuffer text, WordSink sink) {
        int start = -1;
        for (int i = 0, n = text.size(); i < n; i++) {
            int cp = text.codePointAt(i);
            if (BertUnicode.isWhitespace(cp)) {
                if (start >= 0) sink.word(start, i);
                start = -1;
            } else if (BertUnicode.isPunctuation(cp)) {
                if (start >= 0) sink.word(start, i);
                sink.word(i, i + 1);
                start = -1;
            } else if (start < 0) {
                start = i;
            }
        }
        if (start >= 0) sink.word(start, text.size());
    }
}

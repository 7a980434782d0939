package org.aubert.core.tokenize;

/**
 * HF's WordPiece decoder: "##" pieces are glued to the previous token, others get a leading space,
 * and each token is then "cleaned up" on its own. Because the clean-up sees one token at a time, in
 * practice it only removes the space before ".", "?", "!" and ",".
 */
final class WordPieceDecoder {

    private static final String[][] CLEANUP = {
        {" .", "."}, {" ?", "?"}, {" !", "!"}, {" ,", ","}, {" ' ", "'"}, {" n't", "n't"}, {" 'm", "'m"},
        {" do not", " don't"}, {" 's", "'s"}, {" 've", "'ve"}, {" 're", "'re"},
    };

    private final StringBuilder text = new StringBuilder();
    private boolean first = true;

    void append(String token) {
        String piece;
        if (first) {
            piece = token;
        } else if (token.startsWith(WordPieceVocab.CONTINUATION_PREFIX)) {
            piece = token.substring(WordPieceVocab.CONTINUATION_PREFIX.length());
        } else {
            piece = " " + token;
        }
        first = false;
        for (String[] rule : CLEANUP) piece = piece.replace(rule[0], rule[1]);
        text.append(piece);
    }

    String text() {
        return text.toString();
    }
}

package org.aubert.core.tokenize;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A BERT vocab.txt: one token per line, id = 0-based line index. */
final class WordPieceVocab {

    static final String CONTINUATION_PREFIX = "##";

    private final String[] tokens;
    private final Map<String, Integer> ids;
    // "##x" tokens keyed by "x", so WordPiece can look up continuations without building strings.
    private final Map<String, Integer> continuations;
    private final int maxTokenLength;
    private final int maxContinuationLength;

    private WordPieceVocab(String[] tokens, Map<String, Integer> ids) {
        this.tokens = tokens;
        this.ids = ids;
        this.continuations = new HashMap<>();
        int maxToken = 0;
        int maxContinuation = 0;
        for (int id = 0; id < tokens.length; id++) {
            String token = tokens[id];
            maxToken = Math.max(maxToken, token.codePointCount(0, token.length()));
            if (token.startsWith(CONTINUATION_PREFIX)) {
                String suffix = token.substring(CONTINUATION_PREFIX.length());
                continuations.put(suffix, id);
                maxContinuation = Math.max(maxContinuation, suffix.codePointCount(0, suffix.length()));
            }
        }
        this.maxTokenLength = maxToken;
        this.maxContinuationLength = maxContinuation;
    }

    /**
     * Reads vocab.txt as transformers does: UTF-8, lines ended by LF, CRLF or CR (Python's universal
     * newlines), nothing else stripped. A duplicate token is an error (transformers would silently let
     * the later line win, leaving an id that can never be produced).
     */
    static WordPieceVocab read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        List<String> tokens = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        int start = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') end++;
            int line = tokens.size() + 1;
            String token;
            try {
                token = utf8.decode(ByteBuffer.wrap(bytes, start, end - start)).toString();
            } catch (CharacterCodingException e) {
                throw new TokenizerFileException(file, line, "not valid UTF-8", e);
            }
            Integer previous = ids.putIfAbsent(token, tokens.size());
            if (previous != null) {
                throw new TokenizerFileException(file, line,
                        "duplicate token '" + token + "' (already on line " + (previous + 1) + ")");
            }
            tokens.add(token);
            if (end < bytes.length && bytes[end] == '\r' && end + 1 < bytes.length && bytes[end + 1] == '\n') end++;
            start = end + 1;
        }
        if (tokens.isEmpty()) throw new TokenizerFileException(file, 0, "empty vocabulary");
        return new WordPieceVocab(tokens.toArray(String[]::new), ids);
    }

    int size() {
        return tokens.length;
    }

    /** Id of {@code token}, or -1. */
    int id(String token) {
        Integer id = ids.get(token);
        return id == null ? -1 : id;
    }

    /** Id of {@code "##" + suffix}, or -1. */
    int continuationId(String suffix) {
        Integer id = continuations.get(suffix);
        return id == null ? -1 : id;
    }

    String token(int id) {
        return tokens[id];
    }

    /** Longest token, in code points: no longer piece can match. */
    int maxTokenLength() {
        return maxTokenLength;
    }

    /** Longest "##" token without its prefix, in code points. */
    int maxContinuationLength() {
        return maxContinuationLength;
    }
}

package org.aubert.core.tokenize;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/** A CTC vocab.json: a JSON object mapping each token (usually one character) to its id. */
final class CtcVocab {

    private final Map<String, Integer> ids;
    private final Map<Integer, String> tokens;

    private CtcVocab(Map<String, Integer> ids, Map<Integer, String> tokens) {
        this.ids = ids;
        this.tokens = tokens;
    }

    static CtcVocab read(Path file) throws IOException {
        JsonNode json = TokenizerJson.readObject(file);
        Map<String, Integer> ids = new HashMap<>();
        Map<Integer, String> tokens = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode value = e.getValue();
            if (value.isObject()) {
                throw new TokenizerFileException(file, 0, "token '" + e.getKey()
                        + "' maps to an object: per-language (target_lang) vocabularies are not supported");
            }
            if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0) {
                throw new TokenizerFileException(file, 0, "token '" + e.getKey() + "' must map to a non-negative integer id, got " + value);
            }
            String previous = tokens.putIfAbsent(value.intValue(), e.getKey());
            if (previous != null) {
                throw new TokenizerFileException(file, 0, "tokens '" + previous + "' and '" + e.getKey() + "' share id " + value.intValue());
            }
            ids.put(e.getKey(), value.intValue());
        }
        if (ids.isEmpty()) throw new TokenizerFileException(file, 0, "empty vocabulary");
        return new CtcVocab(ids, tokens);
    }

    int size() {
        return ids.size();
    }

    /** Id of {@code token}, or -1. */
    int id(String token) {
        Integer id = ids.get(token);
        return id == null ? -1 : id;
    }

    /** Token of {@code id}, or {@code null} when no token has that id. */
    String token(int id) {
        return tokens.get(id);
    }

    Iterable<String> tokens() {
        return ids.keySet();
    }
}

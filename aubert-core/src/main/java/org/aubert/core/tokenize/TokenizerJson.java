package org.aubert.core.tokenize;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the small JSON files of a tokenizer folder, turning every shape problem into a {@link TokenizerFileException}. */
final class TokenizerJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private TokenizerJson() {}

    /** Parses {@code file}, which must hold one JSON object. */
    static JsonNode readObject(Path file) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new TokenizerFileException(file, Math.max(line, 0), "invalid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new TokenizerFileException(file, 0, "expected a JSON object at the top level");
        }
        return root;
    }

    static boolean bool(Path file, JsonNode object, String key, boolean fallback) throws TokenizerFileException {
        Boolean value = nullableBool(file, object, key);
        return value == null ? fallback : value;
    }

    /** A boolean that may be absent or null (both give {@code null}). */
    static Boolean nullableBool(Path file, JsonNode object, String key) throws TokenizerFileException {
        JsonNode node = object.get(key);
        if (node == null || node.isNull()) return null;
        if (!node.isBoolean()) throw new TokenizerFileException(file, 0, "'" + key + "' must be a boolean, got " + node);
        return node.booleanValue();
    }

    static String string(Path file, JsonNode object, String key, String fallback) throws TokenizerFileException {
        JsonNode node = object.get(key);
        if (node == null || node.isNull()) return fallback;
        if (!node.isTextual()) throw new TokenizerFileException(file, 0, "'" + key + "' must be a string, got " + node);
        return node.textValue();
    }

    /** A token given as a plain string or as a serialised AddedToken ({"content": ...}). */
    static String token(Path file, JsonNode object, String key, String fallback) throws TokenizerFileException {
        JsonNode node = object.get(key);
        if (node == null || node.isNull()) return fallback;
        return tokenText(file, key, node);
    }

    static String tokenText(Path file, String key, JsonNode node) throws TokenizerFileException {
        if (node.isTextual()) return node.textValue();
        if (node.isObject() && node.path("content").isTextual()) return node.get("content").textValue();
        throw new TokenizerFileException(file, 0, "'" + key + "' must be a token string or {\"content\": ...}, got " + node);
    }

    /** A length limit; HF writes "no limit" as a huge number (1e30), which becomes {@link Integer#MAX_VALUE}. */
    static int lengthLimit(Path file, JsonNode object, String key) throws TokenizerFileException {
        JsonNode node = object.get(key);
        if (node == null || node.isNull()) return Integer.MAX_VALUE;
        if (!node.isNumber() || node.doubleValue() < 1) {
            throw new TokenizerFileException(file, 0, "'" + key + "' must be a positive number, got " + node);
        }
        return node.doubleValue() >= Integer.MAX_VALUE ? Integer.MAX_VALUE : node.intValue();
    }
}

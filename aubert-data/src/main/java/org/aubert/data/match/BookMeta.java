package org.aubert.data.match;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code book_meta.json}: {@code {book_id: {"url": ..., "name": "<book text file name>"}}}. The book id of an audio file
 * is its parent folder in the libri-light layout {@code <speaker>/<book_id>/<file>}.
 */
public record BookMeta(Map<String, String> names) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public BookMeta {
        names = Map.copyOf(names);
    }

    public static BookMeta read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException(file + ": no such book metadata file");
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) throw new IllegalArgumentException(file + ": not a JSON object of book ids");
        Map<String, String> names = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode name = e.getValue().get("name");
            if (name == null || !name.isTextual() || name.asText().isBlank())
                throw new IllegalArgumentException(file + ": book '" + e.getKey() + "' has no string 'name'");
            names.put(e.getKey(), name.asText());
        }
        return new BookMeta(names);
    }

    public Optional<String> bookName(String bookId) { return Optional.ofNullable(names.get(bookId)); }

    /**
     * The libri-light path parts of an audio path, {speaker, book id}: from {@code <speaker>/<book>/<file>}, or from
     * {@code aubert cut}'s {@code <speaker>/<book>/<name>/<name>_NNNN.flac}; {@code null} with fewer than three parts.
     */
    public static String[] speakerAndBook(String audioPath) {
        String[] p = audioPath.replace('\\', '/').split("/");
        int n = p.length;
        int book = n >= 4 && isCutPiece(p[n - 2], p[n - 1]) ? n - 3 : n - 2;
        if (book < 1 || p[book].isEmpty() || p[book - 1].isEmpty()) return null;
        return new String[]{p[book - 1], p[book]};
    }

    /**
     * The recording folder of one of {@code aubert cut}'s pieces, {@code .../<name>/<name>_NNNN.<ext>} (the path up to
     * {@code <name>}); {@code null} for any other path. Pieces of one recording share it.
     */
    public static String cutRecording(String audioPath) {
        String path = audioPath.replace('\\', '/');
        int slash = path.lastIndexOf('/');
        if (slash <= 0) return null;
        String dir = path.substring(path.lastIndexOf('/', slash - 1) + 1, slash);
        return isCutPiece(dir, path.substring(slash + 1)) ? path.substring(0, slash) : null;
    }

    private static boolean isCutPiece(String dir, String file) {
        return !dir.isEmpty() && file.matches(java.util.regex.Pattern.quote(dir) + "_\\d+\\.[^.]+");
    }
}

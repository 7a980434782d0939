package org.aubert.data.align;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.aubert.core.io.AtomicFiles;

/**
 * Reads and writes alignment JSON ({@code <book name>.align.json}), the format of the original pipeline:
 * {@code {"book_name", "raw", "utterances": [{"fname", "utterance", "speaker_id", "start_idx", "end_idx", "similarity",
 * "words"?}]}}. Unknown utterance fields are kept. Errors name the file and the key.
 */
public final class AlignmentJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Set<String> KNOWN = Set.of("fname", "utterance", "speaker_id", "start_idx", "end_idx", "similarity", "words");

    private AlignmentJson() {}

    public static AlignmentFile read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new AlignmentFormatException(file + ": no such alignment file");
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new AlignmentFormatException(file + ": not valid JSON: " + e.getOriginalMessage());
        }
        return parse(file.toString(), root);
    }

    static AlignmentFile parse(String src, JsonNode root) {
        if (root == null || !root.isObject()) throw new AlignmentFormatException(src + ": not a JSON object");
        String book = text(src, root, "book_name");
        String raw = text(src, root, "raw");
        JsonNode us = root.get("utterances");
        if (us == null || !us.isArray()) throw new AlignmentFormatException(src + ": 'utterances' must be an array");
        List<AlignedUtterance> out = new ArrayList<>(us.size());
        for (int i = 0; i < us.size(); i++) out.add(utterance(src + ": utterances[" + i + "]", us.get(i)));
        return new AlignmentFile(book, raw, out);
    }

    private static AlignedUtterance utterance(String where, JsonNode n) {
        if (!n.isObject()) throw new AlignmentFormatException(where + ": not a JSON object");
        List<AlignedWord> words = null;
        JsonNode w = n.get("words");
        if (w != null && !w.isNull()) {
            if (!w.isArray()) throw new AlignmentFormatException(where + ": 'words' must be an array");
            words = new ArrayList<>(w.size());
            for (int k = 0; k < w.size(); k++) {
                JsonNode a = w.get(k);
                if (!a.isArray() || a.size() != 5 || !a.get(0).isTextual() || !a.get(1).canConvertToInt() || !a.get(2).canConvertToInt()
                        || !a.get(3).isNumber() || !a.get(4).isNumber())
                    throw new AlignmentFormatException(where + ": words[" + k + "] must be [word, char_start, char_end, start_ms, end_ms]");
                words.add(new AlignedWord(a.get(0).asText(), a.get(1).asInt(), a.get(2).asInt(), a.get(3).asLong(), a.get(4).asLong()));
            }
        }
        Map<String, JsonNode> extra = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!KNOWN.contains(e.getKey())) extra.put(e.getKey(), e.getValue());
        }
        return new AlignedUtterance(text(where, n, "fname"), text(where, n, "utterance"), optText(n, "speaker_id"),
                integer(where, n, "start_idx"), integer(where, n, "end_idx"), number(where, n, "similarity"), words, extra);
    }

    private static String text(String where, JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || !v.isTextual()) throw new AlignmentFormatException(where + ": '" + key + "' must be a string");
        return v.asText();
    }

    private static String optText(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static int integer(String where, JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber())
            throw new AlignmentFormatException(where + ": '" + key + "' must be an integer");
        return v.asInt();
    }

    private static double number(String where, JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || !v.isNumber()) throw new AlignmentFormatException(where + ": '" + key + "' must be a number");
        return v.asDouble();
    }

    public static ObjectNode toJson(AlignmentFile f) {
        ObjectNode root = JSON.createObjectNode();
        root.put("book_name", f.bookName());
        root.put("raw", f.raw());
        ArrayNode us = root.putArray("utterances");
        for (AlignedUtterance u : f.utterances()) {
            ObjectNode n = us.addObject();
            n.put("fname", u.fname());
            n.put("utterance", u.utterance());
            if (u.speakerId() != null) n.put("speaker_id", u.speakerId());
            n.put("start_idx", u.startIdx());
            n.put("end_idx", u.endIdx());
            n.put("similarity", u.similarity());
            for (Map.Entry<String, JsonNode> e : u.extra().entrySet()) n.set(e.getKey(), e.getValue());
            if (u.words() != null) {
                ArrayNode ws = n.putArray("words");
                for (AlignedWord w : u.words())
                    ws.addArray().add(w.word()).add(w.charStart()).add(w.charEnd()).add(w.audioStartMs()).add(w.audioEndMs());
            }
        }
        return root;
    }

    /** Writes atomically (temp file, then rename), pretty-printed, UTF-8 without escaping non-ASCII. */
    public static void write(Path file, AlignmentFile f) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(toJson(f));
        AtomicFiles.write(file, out -> {
            out.write(bytes);
            out.write('\n');
        });
    }
}

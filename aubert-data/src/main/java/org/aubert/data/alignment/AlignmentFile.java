package org.aubert.data.alignment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.aubert.core.io.AtomicFiles;

/**
 * The per-book alignment JSON of the original pipeline ({@code <book name>.align.json}): the book's {@code raw} text
 * (whitespace runs collapsed to one space) and its utterances. Matching writes the spans, refinement rewrites them,
 * forced alignment adds {@code words}. Reading checks every field and names the file, utterance and key at fault.
 * Character offsets count code points of {@code raw}, as the original Python pipeline indexed it; {@link RawText}
 * maps them to Java string indices.
 */
public record AlignmentFile(String bookName, String raw, List<Utterance> utterances) {
    public static final String SUFFIX = ".align.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> KNOWN = List.of("fname", "utterance", "speaker_id", "start_idx", "end_idx",
            "similarity", "words");

    public AlignmentFile {
        utterances = List.copyOf(utterances);
    }

    /** The file name a book's alignment is written under. */
    public static String fileNameFor(String bookName) { return bookName + SUFFIX; }

    /** {@code raw} as code points, the units of the span offsets. */
    public int[] rawCodePoints() { return raw.codePoints().toArray(); }

    public AlignmentFile withUtterances(List<Utterance> u) { return new AlignmentFile(bookName, raw, u); }

    public static AlignmentFile read(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.FileNotFoundException e) {
            throw new NoSuchFileException(file.toString());
        }
        if (root == null || !root.isObject()) throw new IOException(file + ": expected a JSON object");
        String raw = text(root, "raw", file, "");
        String bookName = root.has("book_name") ? text(root, "book_name", file, "") : "";
        JsonNode us = root.get("utterances");
        if (us == null || !us.isArray()) throw new IOException(file + ": key 'utterances' missing or not a list");
        List<Utterance> out = new ArrayList<>(us.size());
        int rawLength = raw.codePointCount(0, raw.length());
        for (int i = 0; i < us.size(); i++) out.add(utterance(us.get(i), file, i, rawLength));
        return new AlignmentFile(bookName, raw, out);
    }

    private static Utterance utterance(JsonNode u, Path file, int i, int rawLength) throws IOException {
        String where = "utterance " + i + " ";
        if (!u.isObject()) throw new IOException(file + ": " + where + "is not an object");
        int start = integer(u, "start_idx", file, where);
        int end = integer(u, "end_idx", file, where);
        if (start < 0 || end < start || end > rawLength) {
            throw new IOException(file + ": " + where + "span [" + start + ", " + end + ") is outside raw text of " + rawLength + " chars");
        }
        JsonNode sim = u.get("similarity");
        if (sim != null && !sim.isNumber()) throw new IOException(file + ": " + where + "key 'similarity' is not a number");
        List<WordTiming> words = null;
        JsonNode w = u.get("words");
        if (w != null && !w.isNull()) {
            if (!w.isArray()) throw new IOException(file + ": " + where + "key 'words' is not a list");
            words = new ArrayList<>(w.size());
            for (int k = 0; k < w.size(); k++) {
                JsonNode e = w.get(k);
                String at = file + ": " + where + "words[" + k + "] ";
                if (!e.isArray() || e.size() != 5 || !e.get(0).isTextual()) {
                    throw new IOException(at + "must be [word, char_start, char_end, start_ms, end_ms]");
                }
                for (int c = 1; c < 5; c++) if (!e.get(c).isNumber()) throw new IOException(at + "field " + c + " is not a number");
                try {
                    words.add(new WordTiming(e.get(0).asText(), e.get(1).asInt(), e.get(2).asInt(),
                            Math.round(e.get(3).asDouble()), Math.round(e.get(4).asDouble())));
                } catch (IllegalArgumentException ex) {
                    throw new IOException(at + ex.getMessage());
                }
            }
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = u.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!KNOWN.contains(f.getKey())) extra.put(f.getKey(), JSON.convertValue(f.getValue(), Object.class));
        }
        return new Utterance(text(u, "fname", file, where), text(u, "utterance", file, where),
                u.has("speaker_id") ? u.get("speaker_id").asText() : "", start, end,
                sim == null ? Double.NaN : sim.asDouble(), words, extra);
    }

    /** Writes the file atomically, keys in the original pipeline's order. */
    public void write(Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("book_name", bookName);
        ArrayNode us = root.putArray("utterances");
        for (Utterance u : utterances) {
            ObjectNode o = us.addObject();
            o.put("fname", u.fname());
            o.put("utterance", u.utterance());
            o.put("speaker_id", u.speakerId());
            o.put("start_idx", u.startIdx());
            o.put("end_idx", u.endIdx());
            if (!Double.isNaN(u.similarity())) o.put("similarity", u.similarity());
            for (Map.Entry<String, Object> e : u.extra().entrySet()) o.set(e.getKey(), JSON.valueToTree(e.getValue()));
            if (u.words() != null) {
                ArrayNode ws = o.putArray("words");
                for (WordTiming w : u.words()) {
                    ws.addArray().add(w.word()).add(w.charStart()).add(w.charEnd()).add(w.startMs()).add(w.endMs());
                }
            }
        }
        root.put("raw", raw);
        AtomicFiles.write(file, out -> JSON.writeValue(out, root));
    }

    /** The alignment files of a folder (sorted by name), or the one file {@code path} names. */
    public static List<Path> filesAt(Path path) throws IOException {
        return Files.isDirectory(path) ? list(path) : List.of(path);
    }

    /** The alignment files of a folder, sorted by name. */
    public static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new NoSuchFileException(dir + " (not a folder of " + SUFFIX + " files)");
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        }
    }

    private static String text(JsonNode n, String key, Path file, String where) throws IOException {
        JsonNode v = n.get(key);
        if (v == null || !v.isTextual()) throw new IOException(file + ": " + where + "key '" + key + "' missing or not a string");
        return v.asText();
    }

    private static int integer(JsonNode n, String key, Path file, String where) throws IOException {
        JsonNode v = n.get(key);
        if (v == null || !v.canConvertToInt()) throw new IOException(file + ": " + where + "key '" + key + "' missing or not an integer");
        return v.asInt();
    }
}

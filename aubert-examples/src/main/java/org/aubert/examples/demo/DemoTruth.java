package org.aubert.examples.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.aubert.data.alignment.WordTiming;

/**
 * The demo corpus's ground truth ({@code truth.json}, {@code split.json}): per recording its speaker, the book span it
 * reads, its transcript and every word's char span and time, and whether it was held out of CTC training.
 */
public record DemoTruth(String bookId, String bookName, Map<String, Recording> recordings, Set<String> heldOutVoices) {

    /** One recording ({@code <speaker>/<book>/<name>.flac}); word times in ms from the start of the file. */
    public record Recording(String fname, String speaker, int passage, int startIdx, int endIdx, String transcript,
                            List<WordTiming> words, boolean heldOut) {}

    public DemoTruth {
        recordings = Map.copyOf(recordings);
        heldOutVoices = Set.copyOf(heldOutVoices);
    }

    /** Reads {@code truth.json} and {@code split.json} of a demo corpus folder; errors name the file and key. */
    public static DemoTruth read(Path corpus) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Path truthFile = corpus.resolve("truth.json");
        Path splitFile = corpus.resolve("split.json");
        JsonNode truth = json.readTree(truthFile.toFile());
        JsonNode split = json.readTree(splitFile.toFile());
        Set<String> heldOut = new HashSet<>();
        for (JsonNode n : need(split, "held_out", splitFile)) heldOut.add(n.asText());
        Set<String> voices = new HashSet<>();
        for (JsonNode n : split.path("held_out_voices")) voices.add(n.asText());
        Map<String, Recording> out = new LinkedHashMap<>();
        int i = 0;
        for (JsonNode u : need(truth, "utterances", truthFile)) {
            String where = truthFile + ": utterances[" + i++ + "]";
            String fname = text(u, "fname", where);
            List<WordTiming> words = new ArrayList<>();
            int k = 0;
            for (JsonNode w : need(u, "words", Path.of(where))) {
                if (!w.isArray() || w.size() != 5) throw new IOException(where + ".words[" + k + "]: expected [word, char_start, char_end, start_ms, end_ms]");
                words.add(new WordTiming(w.get(0).asText(), w.get(1).asInt(), w.get(2).asInt(), w.get(3).asLong(), w.get(4).asLong()));
                k++;
            }
            out.put(fname, new Recording(fname, text(u, "speaker_id", where), u.path("passage").asInt(-1), u.path("start_idx").asInt(),
                    u.path("end_idx").asInt(), text(u, "utterance", where), words, heldOut.contains(fname)));
        }
        return new DemoTruth(text(truth, "book_id", truthFile.toString()), text(truth, "book_name", truthFile.toString()), out, voices);
    }

    private static JsonNode need(JsonNode n, String key, Path file) throws IOException {
        if (!n.path(key).isArray()) throw new IOException(file + ": \"" + key + "\" is missing or not a list");
        return n.get(key);
    }

    private static String text(JsonNode n, String key, String where) throws IOException {
        if (!n.path(key).isValueNode() || n.get(key).isNull()) throw new IOException(where + ": \"" + key + "\" is missing");
        return n.get(key).asText();
    }
}

package org.aubert.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.aubert.core.audio.Audio;
import org.aubert.core.audio.AudioReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.aubert.examples.RepositoryFiles;

/**
 * Checks the committed demo corpus ({@code demo/corpus} at the repository root, made by
 * {@code tools/demo-corpus/make_corpus.py}): audio decodes at 16 kHz, JSON parses, the ground truth indexes the book
 * and lies inside the audio and its voice activity, and the train/held-out split covers every file.
 */
class DemoCorpusTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path corpus;
    private static JsonNode truth;
    private static String book;

    @BeforeAll
    static void load() throws IOException {
        corpus = RepositoryFiles.rootHolding("demo/corpus/truth.json").resolve("demo/corpus");
        truth = JSON.readTree(corpus.resolve("truth.json").toFile());
        JsonNode meta = JSON.readTree(corpus.resolve("book_meta.json").toFile());
        String bookId = truth.get("book_id").asText();
        assertTrue(meta.has(bookId), "book_meta.json has no entry for book " + bookId);
        String name = meta.get(bookId).get("name").asText();
        assertEquals(truth.get("book_name").asText(), name);
        book = Files.readString(corpus.resolve("books").resolve(name), StandardCharsets.UTF_8);
    }

    /** Lower case, letters and apostrophes only: what an ASR transcript holds for a book word. */
    static String normalise(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toLowerCase(Locale.ROOT).toCharArray()) {
            if ((c >= 'a' && c <= 'z') || c == '\'') b.append(c);
        }
        return b.toString();
    }

    private static List<JsonNode> utterances() {
        List<JsonNode> u = new ArrayList<>();
        truth.get("utterances").forEach(u::add);
        return u;
    }

    @Test
    void corpusHasSeveralVoicesAndEnoughAudio() {
        Set<String> speakers = new HashSet<>();
        double total = 0;
        for (JsonNode u : utterances()) {
            speakers.add(u.get("speaker_id").asText());
            total += u.get("duration_s").asDouble();
        }
        assertTrue(speakers.size() >= 4, "voices: " + speakers);
        assertEquals(truth.get("voices").size(), speakers.size());
        assertTrue(total >= 10 * 60, "only " + total + " s of audio");
    }

    @Test
    void everyFileDecodesAt16kHzAndMatchesItsTruth() throws IOException {
        int sr = truth.get("sample_rate").asInt();
        assertEquals(16000, sr);
        String bookId = truth.get("book_id").asText();
        for (JsonNode u : utterances()) {
            String fname = u.get("fname").asText();
            String[] parts = fname.split("/");
            assertEquals(3, parts.length, fname + ": not <speaker>/<book_id>/<name>.flac");
            assertEquals(u.get("speaker_id").asText(), parts[0], fname);
            assertEquals(bookId, parts[1], fname);
            Path flac = corpus.resolve("audio").resolve(fname);
            Audio audio = AudioReader.read(flac);
            assertEquals(1, audio.channelCount(), fname);
            assertEquals(sr, audio.sampleRate(), fname);
            double dur = audio.durationSeconds();
            assertEquals(u.get("duration_s").asDouble(), dur, 0.002, fname);
            assertTrue(dur >= 20 && dur <= 60, fname + ": " + dur + " s");

            JsonNode side = JSON.readTree(corpus.resolve("audio").resolve(fname.replace(".flac", ".json")).toFile());
            assertEquals(bookId, side.get("id").asText(), fname);
            List<double[]> va = new ArrayList<>();
            double prevEnd = -1;
            for (JsonNode span : side.get("voice_activity")) {
                double s = span.get(0).asDouble(), e = span.get(1).asDouble();
                assertTrue(s > prevEnd && e > s && e <= dur + 1e-3, fname + ": bad voice_activity span " + span);
                va.add(new double[] {s, e});
                prevEnd = e;
            }
            assertFalse(va.isEmpty(), fname);
            checkWords(u, fname, dur, va);
            checkLoudness(audio.samples(), sr, va, fname);
            checkWordsAreSpeech(audio.samples(), sr, u.get("words"), fname);
        }
    }

    /** Every word span holds speech: its RMS is at least 10 dB over the -45 dBFS noise floor. */
    private static void checkWordsAreSpeech(float[] x, int sr, JsonNode words, String fname) {
        for (JsonNode w : words) {
            int a = (int) (w.get(3).asLong() * sr / 1000), b = (int) Math.min(x.length, w.get(4).asLong() * sr / 1000);
            double e = 0;
            for (int i = a; i < b; i++) e += x[i] * x[i];
            double db = 10 * Math.log10(e / Math.max(1, b - a));
            assertTrue(db > -35, fname + " word " + w + ": only " + db + " dBFS");
        }
    }

    private static void checkWords(JsonNode u, String fname, double dur, List<double[]> va) {
        int startIdx = u.get("start_idx").asInt(), endIdx = u.get("end_idx").asInt();
        assertTrue(0 <= startIdx && startIdx < endIdx && endIdx <= book.length(), fname);
        StringBuilder transcript = new StringBuilder();
        long prevEndMs = -1;
        int prevChar = startIdx, k = 0;
        JsonNode words = u.get("words");
        assertTrue(words.size() >= 20, fname + ": only " + words.size() + " words");
        for (JsonNode w : words) {
            String word = w.get(0).asText();
            int cs = w.get(1).asInt(), ce = w.get(2).asInt();
            long s = w.get(3).asLong(), e = w.get(4).asLong();
            String where = fname + " word " + w;
            assertTrue(prevChar <= cs && cs < ce && ce <= endIdx, where + ": char span outside the passage or not increasing");
            assertEquals(word, normalise(book.substring(cs, ce)), where + ": book has '" + book.substring(cs, ce) + "'");
            assertTrue(word.matches("[a-z']+"), where);
            assertTrue(s >= prevEndMs && e > s && e <= Math.round(dur * 1000), where + ": times not monotone or outside the audio");
            boolean inside = false;
            for (double[] span : va) {
                if (s >= Math.round(span[0] * 1000) - 1 && e <= Math.round(span[1] * 1000) + 1) inside = true;
            }
            assertTrue(inside, where + ": not inside one voice_activity span");
            if (k++ > 0) transcript.append(' ');
            transcript.append(word);
            prevChar = ce;
            prevEndMs = e;
        }
        assertEquals(transcript.toString(), u.get("utterance").asText(), fname);
    }

    /** Speech (inside voice activity) must be far louder than the background noise outside it. */
    private static void checkLoudness(float[] x, int sr, List<double[]> va, String fname) {
        boolean[] speech = new boolean[x.length];
        for (double[] span : va) {
            for (int i = (int) (span[0] * sr); i < Math.min(x.length, (int) (span[1] * sr)); i++) speech[i] = true;
        }
        double in = 0, out = 0;
        long nIn = 0, nOut = 0;
        for (int i = 0; i < x.length; i++) {
            if (speech[i]) { in += x[i] * x[i]; nIn++; } else { out += x[i] * x[i]; nOut++; }
        }
        double inDb = 10 * Math.log10(in / nIn), outDb = 10 * Math.log10(out / nOut);
        assertEquals(-20, inDb, 1.5, fname + ": speech level");
        assertEquals(-45, outDb, 3, fname + ": noise level");
    }

    @Test
    void splitCoversEveryFileAndHoldsOutVoicesAndPassages() throws IOException {
        JsonNode split = JSON.readTree(corpus.resolve("split.json").toFile());
        Set<String> train = new HashSet<>(), held = new HashSet<>();
        split.get("train").forEach(n -> train.add(n.asText()));
        split.get("held_out").forEach(n -> held.add(n.asText()));
        assertEquals(split.get("train").size(), train.size(), "duplicates in train");
        assertEquals(split.get("held_out").size(), held.size(), "duplicates in held_out");
        Set<String> heldVoices = new HashSet<>();
        split.get("held_out_voices").forEach(n -> heldVoices.add(n.asText()));
        Set<Integer> heldPassages = new HashSet<>();
        split.get("held_out_passages").forEach(n -> heldPassages.add(n.asInt()));
        assertFalse(heldVoices.isEmpty(), "no voice held out");
        assertFalse(heldPassages.isEmpty(), "no passage held out");
        Set<String> all = new HashSet<>();
        Set<String> trainSpeakers = new HashSet<>();
        for (JsonNode u : utterances()) {
            String f = u.get("fname").asText();
            all.add(f);
            assertTrue(train.contains(f) ^ held.contains(f), f + " must be in exactly one of train / held_out");
            boolean mustHold = heldVoices.contains(u.get("speaker_id").asText())
                    || heldPassages.contains(u.get("passage").asInt());
            assertEquals(mustHold, held.contains(f), f);
            if (train.contains(f)) trainSpeakers.add(u.get("speaker_id").asText());
        }
        assertEquals(all, union(train, held), "split names files that are not in truth.json");
        assertTrue(trainSpeakers.size() >= 3, "train voices: " + trainSpeakers);
        for (String v : heldVoices) assertFalse(trainSpeakers.contains(v), v);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new HashSet<>(a);
        u.addAll(b);
        return u;
    }
}

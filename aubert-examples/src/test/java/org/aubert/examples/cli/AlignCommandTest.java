package org.aubert.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.aubert.core.audio.Audio;
import org.aubert.core.audio.AudioWriter;
import org.aubert.core.audio.WavEncoding;
import org.aubert.data.align.BoundaryCalibration;
import org.aubert.data.align.TextWord;
import org.aubert.data.align.TranscriptText;

/** {@code aubert align} end to end with the tiny wav2vec2 CTC fixture (random weights: the times are arbitrary but must be consistent). */
class AlignCommandTest {
    @TempDir Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final ObjectMapper mapper = new ObjectMapper();

    private int run(String... args) {
        return CliRun.run(out, err, args);
    }

    static float[] speechLike(Random r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            double env = 0.5 + 0.5 * Math.sin(2 * Math.PI * i / 4000.0);
            x[i] = (float) (0.3 * env * Math.sin(2 * Math.PI * (180 + 40 * Math.sin(i / 3000.0)) * i / 16000.0) + 0.02 * r.nextGaussian());
        }
        return x;
    }

    private static ObjectNode utterance(ObjectMapper m, String fname, int start, int end) {
        ObjectNode u = m.createObjectNode();
        u.put("fname", fname).put("utterance", "asr text").put("speaker_id", "100").put("start_idx", start).put("end_idx", end).put("similarity", 0.9);
        return u;
    }

    @Test
    void alignsReportsAndSkipsByName() throws Exception {
        Path model = Path.of(getClass().getResource("/testdata/oracles/models/wav2vec2_base_ctc_tiny").toURI());
        Random r = new Random(42);
        Path audioRoot = Files.createDirectories(tmp.resolve("audio/100/740")).getParent().getParent();
        AudioWriter.writeWav(audioRoot.resolve("100/740/long.wav"), Audio.mono(speechLike(r, 6 * 16000 + 77), 16000), WavEncoding.PCM_16);
        AudioWriter.writeFlac(audioRoot.resolve("100/740/b.flac"), Audio.mono(speechLike(r, 2 * 16000), 16000));
        AudioWriter.writeWav(audioRoot.resolve("100/740/short.wav"), Audio.mono(speechLike(r, 1600), 16000), WavEncoding.PCM_16);

        String raw = "Once upon a time, there was a little boy who lived by the sea. \"He liked boats!\" In 1900 -- ... "
                + "A rather long sentence that cannot fit into a tenth of a second.";
        int a0 = 0;
        int a1 = raw.indexOf("\"He");
        int b1 = raw.indexOf(" In 1900");
        int dash = raw.indexOf("--");
        ObjectNode root = mapper.createObjectNode();
        root.put("book_name", "book.txt");
        root.put("raw", raw);
        ArrayNode us = root.putArray("utterances");
        us.add(utterance(mapper, "../temp-out-librivox/100/740/long.wav", a0, a1 - 1)); // found by its <speaker>/<book>/<file> tail
        us.add(utterance(mapper, "100/740/b.flac", a1, b1));
        us.add(utterance(mapper, "100/740/absent.flac", a1, b1));
        us.add(utterance(mapper, "100/740/b.flac", dash, dash + 6));
        us.add(utterance(mapper, "100/740/b.flac", b1, dash));
        us.add(utterance(mapper, "100/740/short.wav", raw.indexOf("A rather"), raw.length()));
        // Stale words are replaced (utterance 1) or dropped (utterance 2, which cannot be aligned).
        ((ObjectNode) us.get(1)).putArray("words").addArray().add("stale").add(0).add(4).add(0).add(10);
        ((ObjectNode) us.get(2)).putArray("words").addArray().add("stale").add(0).add(4).add(0).add(10);
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("book.align.json"), mapper.writeValueAsString(root));
        Files.writeString(in.resolve("broken.align.json"), "{\"raw\": ");
        ((ObjectNode) us.get(1)).put("start_idx", "x");
        Files.writeString(in.resolve("bad.align.json"), mapper.writeValueAsString(root));
        Files.writeString(in.resolve("notes.json"), "not an alignment file, not listed");
        Path outDir = tmp.resolve("out");

        String[] args = {"align", "--input-dir", in.toString(), "--audio-root", audioRoot.toString(), "--model", model.toString(),
                "--output-dir", outDir.toString(), "--window-sec", "4", "--overlap-sec", "1"}; // two windows over the 6 s file
        assertEquals(0, run(args), err.toString());
        String summary = out.toString();
        assertTrue(summary.contains("align: 1 files written, 0 existing skipped, 2 bad; 2 utterances aligned, 4 skipped (1 missing audio, "
                + "0 unreadable audio, 1 empty span, 1 audio too short, 1 unalignable text)"), summary);
        assertFalse(Files.exists(outDir.resolve("broken.align.json")));
        assertFalse(Files.exists(outDir.resolve("bad.align.json")));

        JsonNode result = mapper.readTree(outDir.resolve("book.align.json").toFile());
        assertEquals(raw, result.get("raw").asText());
        assertEquals("book.txt", result.get("book_name").asText());
        JsonNode ru = result.get("utterances");
        assertEquals(6, ru.size());
        checkWords(raw, ru.get(0), 6 * 16000 + 77, false);
        checkWords(raw, ru.get(1), 2 * 16000, false);
        for (int i = 2; i < 6; i++) assertFalse(ru.get(i).has("words"), "utterance " + i + " should have no words");
        assertEquals(0.9, ru.get(0).get("similarity").asDouble());
        assertEquals("asr text", ru.get(1).get("utterance").asText());

        // Resume: the existing output is kept; --overwrite recomputes it identically.
        byte[] first = Files.readAllBytes(outDir.resolve("book.align.json"));
        out.getBuffer().setLength(0);
        assertEquals(0, run(args));
        assertTrue(out.toString().contains("0 files written, 1 existing skipped, 2 bad; 0 utterances aligned"), out.toString());
        out.getBuffer().setLength(0);
        String[] again = java.util.Arrays.copyOf(args, args.length + 1);
        again[args.length] = "--overwrite";
        assertEquals(0, run(again));
        assertTrue(out.toString().contains("1 files written"), out.toString());
        assertEquals(new String(first), Files.readString(outDir.resolve("book.align.json")));

        // --boundaries ctc keeps the frames of the CTC path; energy placement from the best path's frames (--spike-times
        // best) only widens each word around them
        Path ctcDir = tmp.resolve("ctc");
        String[] ctc = java.util.Arrays.copyOf(args, args.length + 2);
        ctc[args.length] = "--boundaries";
        ctc[args.length + 1] = "ctc";
        ctc[java.util.Arrays.asList(args).indexOf("--output-dir") + 1] = ctcDir.toString();
        assertEquals(0, run(ctc), err.toString());
        Path bestDir = tmp.resolve("best");
        String[] best = java.util.Arrays.copyOf(args, args.length + 2);
        best[args.length] = "--spike-times";
        best[args.length + 1] = "best";
        best[java.util.Arrays.asList(args).indexOf("--output-dir") + 1] = bestDir.toString();
        assertEquals(0, run(best), err.toString());
        JsonNode ctcUtterances = mapper.readTree(ctcDir.resolve("book.align.json").toFile()).get("utterances");
        JsonNode bestUtterances = mapper.readTree(bestDir.resolve("book.align.json").toFile()).get("utterances");
        for (int i = 0; i < 2; i++) {
            checkWords(raw, ctcUtterances.get(i), i == 0 ? 6 * 16000 + 77 : 2 * 16000, true);
            checkWords(raw, bestUtterances.get(i), i == 0 ? 6 * 16000 + 77 : 2 * 16000, false);
            JsonNode placed = bestUtterances.get(i).get("words");
            JsonNode spikes = ctcUtterances.get(i).get("words");
            for (int k = 0; k < placed.size(); k++) {
                assertTrue(placed.get(k).get(3).asLong() <= spikes.get(k).get(3).asLong()
                        && placed.get(k).get(4).asLong() >= spikes.get(k).get(4).asLong(), placed.get(k) + " vs " + spikes.get(k));
            }
        }
        // the default starts from the posterior's expected times: other times than the best path's
        assertFalse(ru.get(0).get("words").equals(bestUtterances.get(0).get("words")), "expected times differ from the best path's");

        // --phases 3 averages three alignments a third of a frame apart: still every word, in order, inside the audio
        Path phasedDir = tmp.resolve("phased");
        String[] phased = java.util.Arrays.copyOf(args, args.length + 2);
        phased[java.util.Arrays.asList(args).indexOf("--output-dir") + 1] = phasedDir.toString();
        phased[args.length] = "--phases";
        phased[args.length + 1] = "3";
        assertEquals(0, run(phased), err.toString());
        JsonNode phasedUtterances = mapper.readTree(phasedDir.resolve("book.align.json").toFile()).get("utterances");
        checkWords(raw, phasedUtterances.get(0), 6 * 16000 + 77, false);
        checkWords(raw, phasedUtterances.get(1), 2 * 16000, false);
        phased[args.length + 1] = "0";
        assertEquals(1, run(phased));
        assertTrue(err.toString().contains("--phases must be >= 1"), err.toString());
    }

    /** One book with one utterance of {@code seconds} of speech-like audio, for the --boundary-calibration runs. */
    private String[] calibrationSetup(int seconds) throws Exception {
        Path model = Path.of(getClass().getResource("/testdata/oracles/models/wav2vec2_base_ctc_tiny").toURI());
        Path audioRoot = Files.createDirectories(tmp.resolve("audio/100/740")).getParent().getParent();
        AudioWriter.writeWav(audioRoot.resolve("100/740/a.wav"), Audio.mono(speechLike(new Random(7), seconds * 16000), 16000), WavEncoding.PCM_16);
        String raw = "Once upon a time, there was a little boy who lived by the sea, and he liked boats.";
        ObjectNode root = mapper.createObjectNode();
        root.put("book_name", "book.txt");
        root.put("raw", raw);
        root.putArray("utterances").add(utterance(mapper, "100/740/a.wav", 0, raw.length()));
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("book.align.json"), mapper.writeValueAsString(root));
        return new String[] {"align", "--input-dir", in.toString(), "--audio-root", audioRoot.toString(), "--model", model.toString(),
                "--output-dir", tmp.resolve("out").toString()};
    }

    private static String[] with(String[] args, String... more) {
        String[] a = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, a, args.length, more.length);
        return a;
    }

    @Test
    void boundaryCalibrationNeedsEnergyPlacementAndAReadableFile() throws Exception {
        String[] args = calibrationSetup(1);
        Path calibration = tmp.resolve("boundaries.json");
        new BoundaryCalibration(1, 10, 5, 0, Map.of("end1:t", -3.0)).write(calibration);
        assertEquals(1, run(with(args, "--boundaries", "ctc", "--boundary-calibration", calibration.toString())));
        assertTrue(err.toString().contains("align: error: --boundary-calibration needs --boundaries energy"), err.toString());
        assertFalse(Files.exists(tmp.resolve("out")), "nothing aligned");

        Path notJson = tmp.resolve("not-json.json");
        Files.writeString(notJson, "{\"format\": ");
        err.getBuffer().setLength(0);
        assertEquals(1, run(with(args, "--boundary-calibration", notJson.toString())));
        assertTrue(err.toString().contains("align: error: " + notJson + ": not JSON"), err.toString());

        Path wrongFormat = tmp.resolve("wrong.json");
        Files.writeString(wrongFormat, "{\"format\": \"aubert-something-else\", \"version\": 1}");
        err.getBuffer().setLength(0);
        assertEquals(1, run(with(args, "--boundary-calibration", wrongFormat.toString())));
        assertTrue(err.toString().contains(wrongFormat + ": \"format\" is not \"aubert-boundary-calibration\""), err.toString());

        Path absent = tmp.resolve("absent.json");
        err.getBuffer().setLength(0);
        assertEquals(1, run(with(args, "--boundary-calibration", absent.toString())));
        assertTrue(err.toString().contains("align: error: no such file: " + absent), err.toString());
        assertFalse(Files.exists(tmp.resolve("out")), "nothing aligned");
    }

    @Test
    void boundaryCalibrationMovesEveryPauselessSplit() throws Exception {
        String[] args = calibrationSetup(3);
        int out1 = java.util.Arrays.asList(args).indexOf("--output-dir") + 1;
        // the spike times energy placement starts from (the default --spike-times with --boundaries energy is expected)
        String[] spikes = with(args, "--boundaries", "ctc", "--spike-times", "expected");
        spikes[out1] = tmp.resolve("spikes").toString();
        assertEquals(0, run(spikes), err.toString());
        String[] midpoints = args.clone();
        midpoints[out1] = tmp.resolve("midpoints").toString();
        assertEquals(0, run(midpoints), err.toString());
        // a constant shift far beyond any gap: each pause-less gap is split at the later word's first spike
        Path calibration = tmp.resolve("late.json");
        new BoundaryCalibration(1, 10, 1000, 0, Map.of()).write(calibration);
        String[] late = with(args, "--boundary-calibration", calibration.toString());
        late[out1] = tmp.resolve("late").toString();
        assertEquals(0, run(late), err.toString());

        JsonNode s = mapper.readTree(tmp.resolve("spikes/book.align.json").toFile()).get("utterances").get(0).get("words");
        JsonNode m = mapper.readTree(tmp.resolve("midpoints/book.align.json").toFile()).get("utterances").get(0).get("words");
        JsonNode l = mapper.readTree(tmp.resolve("late/book.align.json").toFile()).get("utterances").get(0).get("words");
        assertEquals(s.size(), m.size());
        assertEquals(s.size(), l.size());
        assertEquals(m.get(0).get(3), l.get(0).get(3), "the first start does not depend on the calibration");
        assertEquals(m.get(m.size() - 1).get(4), l.get(l.size() - 1).get(4), "nor the last end");
        int pauseless = 0;
        for (int i = 0; i + 1 < s.size(); i++) {
            long spikeEnd = s.get(i).get(4).asLong();
            long spikeStart = s.get(i + 1).get(3).asLong();
            String where = "gap " + i + ": spikes " + s.get(i) + " " + s.get(i + 1) + ", midpoints " + m.get(i) + " " + m.get(i + 1)
                    + ", calibrated " + l.get(i) + " " + l.get(i + 1);
            if (m.get(i).get(4).asLong() == m.get(i + 1).get(3).asLong()) { // split without a pause
                pauseless++;
                assertEquals(Math.round((spikeEnd + spikeStart) / 2.0), m.get(i).get(4).asLong(), where);
                assertEquals(spikeStart, l.get(i).get(4).asLong(), where);
                assertEquals(spikeStart, l.get(i + 1).get(3).asLong(), where);
            } else { // a pause: placed from the audio, the calibration plays no part
                assertEquals(m.get(i).get(4), l.get(i).get(4), where);
                assertEquals(m.get(i + 1).get(3), l.get(i + 1).get(3), where);
            }
        }
        assertTrue(pauseless > 0, "no gap without a pause to check: " + m);
        assertFalse(m.equals(l), "the calibration moved nothing: " + l);
    }

    /** The words are the span's words with their char spans; times are monotone, non-overlapping and inside the audio. */
    private static void checkWords(String raw, JsonNode u, int samples, boolean onFrameGrid) {
        List<TextWord> expected = TranscriptText.words(raw, u.get("start_idx").asInt(), u.get("end_idx").asInt());
        JsonNode words = u.get("words");
        assertEquals(expected.size(), words.size(), u.toString());
        long previousEnd = 0;
        for (int i = 0; i < words.size(); i++) {
            JsonNode w = words.get(i);
            assertEquals(5, w.size());
            assertEquals(expected.get(i).word(), w.get(0).asText());
            assertEquals(expected.get(i).charStart(), w.get(1).asInt());
            assertEquals(expected.get(i).charEnd(), w.get(2).asInt());
            long start = w.get(3).asLong();
            long end = w.get(4).asLong();
            assertTrue(start >= previousEnd && end > start, "word " + i + " " + w + " after " + previousEnd);
            assertTrue(end <= samples / 16, "word " + i + " ends after the audio: " + w);
            if (onFrameGrid) {
                // Every boundary sits on the 20 ms frame grid, offset by half the receptive field beyond a stride (2.5 ms, rounded).
                assertEquals(3, start % 20, w.toString());
                assertEquals(3, end % 20, w.toString());
            }
            previousEnd = end;
        }
    }
}

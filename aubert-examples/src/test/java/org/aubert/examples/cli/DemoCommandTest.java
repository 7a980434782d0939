package org.aubert.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.aubert.examples.RepositoryFiles;

/**
 * A reduced {@code aubert demo}: the committed demo CTC model and tiny BERT on five of the demo corpus's recordings
 * (three by a training voice, two by the held-out voice), every stage run for real, pre-training cut to a few steps.
 * It checks that the run completes and that its report holds every figure the README quotes, computed from the run.
 */
class DemoCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Three recordings CTC training saw (one voice, enough n-gram repeats for a training shard), two by the voice it never heard. */
    private static final List<String> RECORDINGS = List.of("9001/740/masterkey_p06.flac", "9001/740/masterkey_p01.flac", "9001/740/masterkey_p02.flac",
            "9006/740/masterkey_p06.flac", "9006/740/masterkey_p12.flac");

    @Test
    void reducedDemoRunsEveryStageAndReportsEveryFigure(@TempDir Path tmp) throws IOException {
        Path repo = RepositoryFiles.rootHolding("demo/models/ctc-tiny/config.json");
        Path corpus = miniCorpus(repo.resolve("demo/corpus"), tmp.resolve("corpus"));
        Path out = tmp.resolve("out");
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int rc = CliRun.run(stdout, stderr, "demo", "--corpus", corpus.toString(), "--ctc-model", repo.resolve("demo/models/ctc-tiny").toString(),
                "--text-model", repo.resolve("demo/models/bert-tiny").toString(), "--output-dir", out.toString(),
                "--pretrain-steps", "4", "--threads", "2");
        assertEquals(0, rc, "demo failed: " + stderr);

        JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
        for (String stage : List.of("build-lm", "cut", "transcribe", "match", "locate", "refine", "align-spikes", "calibrate-boundaries", "align",
                "align-true-text", "prepare", "pretrain", "evaluate",
                "prepare-true-text", "evaluate-true-text")) {
            assertTrue(report.path("stage_seconds").path(stage).asDouble(-1) >= 0, "no time for stage " + stage + " in " + report);
        }
        // Every recording is scored once, on the side of the split it belongs to.
        for (String side : List.of("held_out", "training")) {
            int recordings = side.equals("training") ? 3 : 2;
            assertEquals(recordings, report.path("transcription").path(side).path("recordings").asInt(), side);
            assertEquals(recordings, report.path("matching").path(side).path("recordings").asInt(), side);
            double cer = report.path("transcription").path(side).path("cer").asDouble(-1);
            assertTrue(cer >= 0 && cer <= 2, side + " CER " + cer);
            JsonNode m = report.path("matching").path(side);
            double iou = m.path("mean_iou").asDouble(-1);
            assertTrue(m.path("pieces").asInt() >= 2 && iou >= 0 && iou <= 1, side + " matching: " + m);
            double passageIou = m.path("mean_passage_iou").asDouble(-1);
            int passages = m.path("passages_located").asInt(-1);
            assertTrue(passageIou >= 0 && passageIou <= 1 && passages >= 0 && passages <= recordings, side + " passages: " + m);
            JsonNode before = report.path("matching_before_refine").path(side);
            assertEquals(recordings, before.path("recordings").asInt(), side + " before refine: " + before);
            assertTrue(before.path("mean_passage_iou").asDouble(-1) >= 0, side + " before refine: " + before);
            assertTrue(report.path("word_boundaries").path(side).has("mean_abs_error_ms"), side + " boundaries missing: " + report);
        }
        // Given the true text, the demo model places the training voices' word boundaries within a few 20 ms frames
        // (about 60 ms mean on the whole corpus): a broken alignment, time mapping or scoring shows up here as seconds.
        JsonNode bounds = report.path("word_boundaries_true_text").path("training");
        assertTrue(bounds.path("boundaries").asInt() > 100, "boundaries scored: " + bounds);
        assertTrue(bounds.path("mean_abs_error_ms").asDouble() < 150 && bounds.path("within_50ms").asDouble() > 0.4, "training boundary error: " + bounds);
        // The boundary calibration was fitted on the training recording's true times, and both alignments used it.
        JsonNode calibration = report.path("boundary_calibration");
        assertTrue(calibration.path("gaps").asInt() >= 50 && calibration.path("letter_offsets").asInt() > 10, "calibration: " + calibration);
        assertTrue(Files.isRegularFile(out.resolve(calibration.path("file").asText())), "calibration file: " + calibration);
        for (String key : List.of("retrieval_held_out_voice", "retrieval_held_out_voice_true_text")) {
            JsonNode retrieval = report.path(key);
            assertTrue(retrieval.path("examples").asInt() > 0 && retrieval.path("chance").asDouble() > 0, key + ": " + retrieval);
            double acc = retrieval.path("t2a_accuracy").asDouble(-1);
            assertTrue(acc >= 0 && acc <= 1, key + ": t2a accuracy " + acc);
            assertEquals(acc / retrieval.path("chance").asDouble(), retrieval.path("t2a_accuracy_over_chance").asDouble(), 1e-9, key);
        }

        assertTrue(report.path("plots").size() >= 2, "plots: " + report.path("plots"));
        for (JsonNode p : report.path("plots")) {
            byte[] png = Files.readAllBytes(out.resolve(p.asText()));
            assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', p + " is not a PNG");
        }
        String table = stdout.toString();
        assertTrue(table.contains("word-boundary error") && table.contains("text->audio accuracy")
                && table.contains("true text (chance)")
                && table.contains("before locate/refine"), table);
        assertTrue(table.contains("demo: ") && table.contains("report.json"), "no summary line: " + table);
    }

    /** Copies the chosen recordings (audio and voice activity), the book and its metadata, and their truth and split. */
    private static Path miniCorpus(Path from, Path to) throws IOException {
        Set<String> keep = Set.copyOf(RECORDINGS);
        for (String r : RECORDINGS) {
            Path dst = to.resolve("audio").resolve(r);
            Files.createDirectories(dst.getParent());
            Files.copy(from.resolve("audio").resolve(r), dst);
            String json = r.replaceAll("\\.flac$", ".json");
            Files.copy(from.resolve("audio").resolve(json), to.resolve("audio").resolve(json));
        }
        Files.createDirectories(to.resolve("books"));
        try (var books = Files.list(from.resolve("books"))) {
            for (Path b : books.toList()) Files.copy(b, to.resolve("books").resolve(b.getFileName()));
        }
        Files.copy(from.resolve("book_meta.json"), to.resolve("book_meta.json"));
        ObjectNode truth = (ObjectNode) JSON.readTree(from.resolve("truth.json").toFile());
        ArrayNode utterances = JSON.createArrayNode();
        truth.path("utterances").forEach(u -> { if (keep.contains(u.path("fname").asText())) utterances.add(u); });
        truth.set("utterances", utterances);
        JSON.writeValue(to.resolve("truth.json").toFile(), truth);
        ObjectNode split = (ObjectNode) JSON.readTree(from.resolve("split.json").toFile());
        for (String key : List.of("train", "held_out")) {
            ArrayNode kept = JSON.createArrayNode();
            split.path(key).forEach(f -> { if (keep.contains(f.asText())) kept.add(f); });
            split.set(key, kept);
        }
        JSON.writeValue(to.resolve("split.json").toFile(), split);
        assertEquals(RECORDINGS.size(), utterances.size(), "the demo corpus lacks some of " + RECORDINGS);
        return to;
    }
}

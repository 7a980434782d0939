package org.aubert.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.aubert.data.alignment.AlignmentFile;
import org.aubert.data.prepare.CorpusFixture;

/** prepare -> pretrain -> evaluate through the command line on a tiny corpus with the oracle BERT and HuBERT. */
class PretrainCommandTest {
    @TempDir Path tmp;
    final StringWriter err = new StringWriter();

    private int run(String... args) {
        return CliRun.run(new StringWriter(), err, args);
    }

    @Test
    void prepareThenPretrainThenEvaluate() throws Exception {
        Path models = Path.of(getClass().getResource("/testdata/oracles/models/bert_tiny").toURI()).getParent();
        Path audio = tmp.resolve("audio");
        AlignmentFile book = CorpusFixture.write(audio, 6);
        Path align = tmp.resolve("align");
        book.write(align.resolve("book" + AlignmentFile.SUFFIX));
        Files.writeString(align.resolve("broken" + AlignmentFile.SUFFIX), "{\"raw\": \"x\", \"utterances\": [{}]}");
        Path shards = tmp.resolve("shards");
        assertEquals(0, run("prepare", "--alignments", align.toString(), "--audio-root", audio.toString(),
                "--output-dir", shards.toString(), "--max-ngram-size", "2", "--context-chars", "30", "--groups-per-shard", "4"), err.toString());
        Path valShard;
        try (var s = Files.list(shards)) {
            valShard = s.filter(p -> p.toString().endsWith(".shard")).sorted().findFirst().orElseThrow();
        }
        Path runDir = tmp.resolve("run");
        List<String> common = List.of("pretrain", "--train", shards.toString(), "--val", valShard.toString(),
                "--text-model", models.resolve("bert_tiny").toString(), "--audio-model", models.resolve("hubert_base_tiny").toString(),
                "--output", runDir.toString(), "--lr", "1e-3", "--warmup-steps", "1", "--eval-every", "0",
                "--projection-dim", "16", "--scorer", "cosine", "--batch-size", "6", "--crop-audio", "4000", "--seed", "3");
        List<String> first = new java.util.ArrayList<>(common);
        first.addAll(List.of("--max-steps", "2"));
        assertEquals(0, run(first.toArray(String[]::new)), err.toString());
        assertTrue(Files.isRegularFile(runDir.resolve("last/model.safetensors")));
        assertTrue(Files.isRegularFile(runDir.resolve("best/aubert.json")));
        assertTrue(Files.isRegularFile(runDir.resolve("loss.png")));
        assertNotEquals(0, run(first.toArray(String[]::new)), "an existing run is not overwritten without --resume");
        assertTrue(err.toString().contains("--resume"), err.toString());

        List<String> more = new java.util.ArrayList<>(common);
        more.addAll(List.of("--max-steps", "3", "--resume"));
        assertEquals(0, run(more.toArray(String[]::new)), err.toString());
        List<String> lines = Files.readAllLines(runDir.resolve("metrics.jsonl"));
        assertEquals(3, lines.stream().filter(l -> l.contains("\"type\":\"train\"")).count(), String.join("\n", lines));

        Path report = tmp.resolve("eval.json");
        assertEquals(0, run("evaluate", "--checkpoint", runDir.toString(), "--data", valShard.toString(), "--batch-size", "6",
                "--crop-audio", "4000", "--report", report.toString()), err.toString());
        JsonNode r = new ObjectMapper().readTree(report.toFile());
        assertTrue(r.get("examples").asLong() > 0, r.toString());
        double acc = r.get("t2a_accuracy").asDouble();
        assertTrue(acc >= 0 && acc <= 1, r.toString());

        assertNotEquals(0, run("pretrain", "--train", tmp.resolve("nowhere").toString(), "--text-model", models.resolve("bert_tiny").toString(),
                "--audio-model", models.resolve("hubert_base_tiny").toString(), "--output", tmp.resolve("run2").toString()));
        assertTrue(err.toString().contains("nowhere"), err.toString());
        assertNotEquals(0, run(common.get(0), "--train", shards.toString(), "--text-model", models.resolve("bert_tiny").toString(),
                "--audio-model", models.resolve("hubert_base_tiny").toString(), "--output", tmp.resolve("run3").toString(), "--scorer", "dot"));
        assertTrue(err.toString().contains("--scorer must be one of mlp, cosine"), err.toString());
    }
}

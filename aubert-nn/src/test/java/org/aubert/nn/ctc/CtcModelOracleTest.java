package org.aubert.nn.ctc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import org.aubert.nn.wav2vec2.AudioEncoder;

/**
 * The CTC loss equals HF's {@code *ForCTC(..., labels=...).loss} (eval mode, fixture made by
 * {@code tools/ctc-fixture/make_ctc_loss_fixture.py}) for a padded batch, both reductions, a post-LN wav2vec2 and a
 * pre-LN HuBERT; and a saved model reloads with identical logits.
 */
class CtcModelOracleTest {
    @TempDir Path dir;

    static Path oracles() throws Exception {
        return Path.of(CtcModelOracleTest.class.getResource("/testdata/oracles/cases.json").toURI()).getParent();
    }

    static CtcBatch fixtureBatch(JsonNode f) {
        List<Integer> lengths = new ArrayList<>();
        f.get("lengths").forEach(n -> lengths.add(n.asInt()));
        int max = lengths.stream().mapToInt(Integer::intValue).max().orElseThrow();
        float[][] v = new float[lengths.size()][max];
        int[][] m = new int[lengths.size()][max];
        int[][] labels = new int[lengths.size()][];
        for (int b = 0; b < lengths.size(); b++) {
            JsonNode row = f.get("input_values").get(b);
            for (int i = 0; i < lengths.get(b); i++) {
                v[b][i] = (float) row.get(i).asDouble();
                m[b][i] = 1;
            }
            JsonNode l = f.get("labels").get(b);
            labels[b] = new int[l.size()];
            for (int i = 0; i < l.size(); i++) labels[b][i] = l.get(i).asInt();
        }
        return new CtcBatch(Nd4j.createFromArray(v), Nd4j.createFromArray(m), labels, java.util.Collections.nCopies(lengths.size(), ""));
    }

    @Test
    void lossEqualsHuggingFace() throws Exception {
        Path root = oracles();
        JsonNode f = new ObjectMapper().readTree(root.resolve("ctc/hf_ctc_loss.json").toFile());
        CtcBatch batch = fixtureBatch(f);
        int checked = 0;
        for (JsonNode c : f.get("cases")) {
            Path model = root.resolve("models").resolve(c.get("model").asText());
            Path copy = dir.resolve(c.get("model").asText() + "-" + c.get("reduction").asText());
            Files.createDirectories(copy);
            try (var files = Files.list(model)) {
                for (Path p : files.toList()) Files.copy(p, copy.resolve(p.getFileName()));
            }
            String cfg = Files.readString(copy.resolve("config.json"))
                    .replaceAll("\"ctc_loss_reduction\": \"\\w+\"", "\"ctc_loss_reduction\": \"" + c.get("reduction").asText() + "\"");
            Files.writeString(copy.resolve("config.json"), cfg);
            CtcModel m = CtcModel.load(copy, AudioEncoder.Options.inference());
            assertEquals(c.get("reduction").asText().toUpperCase(), m.reduction().name());
            double expected = c.get("loss").asDouble();
            double loss = m.loss(batch, null);
            assertEquals(expected, loss, 1e-4 * Math.abs(expected), c.get("model").asText() + " " + c.get("reduction").asText());
            checked++;
        }
        assertEquals(4, checked);
    }

    @Test
    void savedModelReloadsWithIdenticalLogits() throws Exception {
        CtcModel m = CtcModel.create(TinyCtc.config(0.1, true), CtcModel.Reduction.MEAN, true, TinyCtc.vocabDir(dir.resolve("vocab")),
                new AudioEncoder.Options(DataType.FLOAT, true, false), 9);
        CtcBatch b = TinyCtc.batch(4);
        Path out = dir.resolve("saved");
        m.save(out);
        for (String name : CtcModel.HELPER_FILES) assertTrue(Files.isRegularFile(out.resolve(name)), name);
        AudioEncoder plain = AudioEncoder.load(out, DataType.FLOAT, false);
        assertTrue(plain.hasCtcHead());
        INDArray expected = m.logits(b, null);
        INDArray got = plain.forward(b.inputValues(), b.attentionMask()).logits();
        assertEquals(expected, got, "inference encoder loaded from the saved folder gives the same logits");
        CtcModel again = CtcModel.load(out, new AudioEncoder.Options(DataType.FLOAT, true, false));
        assertEquals(CtcModel.Reduction.MEAN, again.reduction());
        assertTrue(again.zeroInfinity());
        assertEquals(expected, again.logits(b, null));
        assertEquals(m.tokenizer().vocabSize(), again.tokenizer().vocabSize());
    }
}

package org.aubert.nn.wav2vec2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.aubert.core.tensor.Npy;
import org.aubert.core.tensor.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every audio case of {@code testdata/oracles/cases.json} through the public API, in float32: each expected
 * tensor within 1e-4 (only valid frames where the case gives a compare mask), and the CTC greedy decode.
 */
class Wav2Vec2ParityTest {
    private static final Logger LOG = LoggerFactory.getLogger(Wav2Vec2ParityTest.class);
    private static final double TOL = 1e-4;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, AudioEncoder> MODELS = new ConcurrentHashMap<>();
    private static final Map<String, Double> ERRORS = new LinkedHashMap<>();

    private static Path oracles() {
        try {
            return Path.of(Wav2Vec2ParityTest.class.getResource("/testdata/oracles/cases.json").toURI()).getParent();
        } catch (Exception e) {
            throw new IllegalStateException("oracle fixtures missing from the test classpath", e);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyAudioCase() throws IOException {
        Path root = oracles();
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : JSON.readTree(root.resolve("cases.json").toFile()).get("cases")) {
            if (!c.get("kind").asText().equals("audio")) continue;
            tests.add(DynamicTest.dynamicTest(c.get("id").asText(), () -> runCase(root, c)));
        }
        assertEquals(16, tests.size(), "4 audio models x 4 cases");
        return tests.stream();
    }

    /** The list-of-utterances entry point pads on the right and builds HF's attention mask. */
    @Test
    void utteranceListMatchesTheMaskedBatch() throws IOException {
        Path root = oracles();
        AudioEncoder model = AudioEncoder.load(root.resolve("models/hubert_large_tiny"), DataType.FLOAT, false);
        float[] u0 = Npy.read(root.resolve("audio/inputs/single0_input_values.npy")).toFloatArray();
        float[] u1 = Npy.read(root.resolve("audio/inputs/single1_input_values.npy")).toFloatArray();
        Wav2Vec2Output out = model.forward(List.of(u0, u1), true);
        assertArrayEquals(new long[]{49, 37}, out.frameLengths());
        INDArray want = array(root, "expected/hubert_large_tiny/batch_masked_last_hidden_state.npy");
        long[][] valid = {new long[49], new long[49]};
        for (int t = 0; t < 49; t++) {
            valid[0][t] = 1;
            valid[1][t] = t < 37 ? 1 : 0;
        }
        assertTrue(maxAbsError(out.lastHiddenState(), want, valid) <= TOL);
    }

    @AfterAll
    static void reportWorst() {
        ERRORS.forEach((k, v) -> LOG.info("max abs error {}: {}", k, String.format("%.3e", v)));
        ERRORS.entrySet().stream().max(Map.Entry.comparingByValue())
                .ifPresent(e -> LOG.info("worst max abs error: {} = {}", e.getKey(), String.format("%.3e", e.getValue())));
    }

    private void runCase(Path root, JsonNode c) throws IOException {
        String id = c.get("id").asText();
        String modelDir = c.get("model_dir").asText();
        AudioEncoder model = MODELS.computeIfAbsent(modelDir, d -> {
            try {
                return AudioEncoder.load(root.resolve(d), DataType.FLOAT, false);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        JsonNode in = c.get("inputs");
        INDArray values = array(root, in.get("input_values").asText());
        INDArray attention = in.get("attention_mask").isNull() ? null : array(root, in.get("attention_mask").asText());
        Wav2Vec2Output out = model.forward(values, attention);
        Map<String, INDArray> produced = out.asMap();

        long[][] valid = null;
        if (!c.get("compare_mask").isNull()) {
            INDArray m = array(root, c.get("compare_mask").asText());
            valid = new long[(int) m.size(0)][];
            for (int b = 0; b < valid.length; b++) valid[b] = m.getRow(b).toLongVector();
        }
        Map<String, String> expected = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = c.get("expected").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isArray()) {
                for (int i = 0; i < e.getValue().size(); i++) expected.put(e.getKey() + "_" + i, e.getValue().get(i).asText());
            } else {
                expected.put(e.getKey(), e.getValue().asText());
            }
        }
        assertTrue(expected.containsKey("last_hidden_state"));
        for (Map.Entry<String, String> e : expected.entrySet()) {
            INDArray got = produced.get(e.getKey());
            assertNotNull(got, id + ": no output " + e.getKey());
            INDArray want = array(root, e.getValue());
            assertArrayEquals(want.shape(), got.shape(), id + " " + e.getKey() + " shape");
            double err = maxAbsError(got, want, valid);
            synchronized (ERRORS) {
                ERRORS.put(id + " " + e.getKey(), err);
            }
            assertTrue(err <= TOL, id + " " + e.getKey() + ": max abs error " + err);
        }
        if (produced.containsKey("logits")) checkGreedy(root, modelDir, id, out);
    }

    /** Greedy CTC: argmax ids on valid frames, collapsed without blanks, and the text as the CTC tokenizer decodes it. */
    private void checkGreedy(Path root, String modelDir, String id, Wav2Vec2Output out) throws IOException {
        String caseName = id.substring(id.indexOf('/') + 1);
        JsonNode greedy = JSON.readTree(root.resolve("expected").resolve(Path.of(modelDir).getFileName()).resolve("ctc_greedy.json").toFile());
        Map<Integer, String> vocab = new HashMap<>();
        JSON.readTree(root.resolve(modelDir).resolve("vocab.json").toFile()).fields()
                .forEachRemaining(e -> vocab.put(e.getValue().asInt(), e.getKey()));
        int rows = (int) out.logits().size(0);
        int checked = 0;
        for (int b = 0; b < rows; b++) {
            String key = rows == 1 ? caseName : caseName + "_row" + b;
            JsonNode g = greedy.get(key);
            if (g == null) continue;
            long frames = out.frameLengths()[b];
            INDArray ids = Nd4j.argMax(out.logits().get(org.nd4j.linalg.indexing.NDArrayIndex.point(b)), 1);
            List<Integer> argmax = new ArrayList<>();
            for (int t = 0; t < frames; t++) argmax.add(ids.getInt(t));
            assertEquals(toList(g.get("argmax_ids")), argmax, id + " argmax ids, row " + b);
            List<Integer> collapsed = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            for (int t = 0; t < argmax.size(); t++) {
                int tok = argmax.get(t);
                if (tok == 0 || (t > 0 && tok == argmax.get(t - 1))) continue;
                collapsed.add(tok);
                String s = vocab.get(tok);
                text.append(s.equals("|") ? " " : s);
            }
            assertEquals(toList(g.get("collapsed_ids_without_blank")), collapsed, id + " collapsed ids, row " + b);
            assertEquals(g.get("text").asText(), text.toString().strip(), id + " text, row " + b);
            checked++;
        }
        if (!caseName.equals("batch_nomask")) assertEquals(rows, checked, id + ": every row has a greedy reference");
        assertFalse(rows == 0);
    }

    private static List<Integer> toList(JsonNode a) {
        List<Integer> l = new ArrayList<>();
        a.forEach(n -> l.add(n.asInt()));
        return l;
    }

    private static INDArray array(Path root, String rel) throws IOException {
        Tensor t = Npy.read(root.resolve(rel));
        INDArray a = t.dtype().isFloating() ? Nd4j.createFromArray(t.toFloatArray()) : Nd4j.createFromArray(t.toLongArray());
        return a.reshape(t.shape());
    }

    /** Max |got - want| over [B, T, ...], only over frames with {@code valid[b][t] != 0} when a mask is given. */
    static double maxAbsError(INDArray got, INDArray want, long[][] valid) {
        long b = got.size(0);
        long t = got.size(1);
        double[] g = got.castTo(DataType.DOUBLE).dup('c').reshape(-1).toDoubleVector();
        double[] w = want.castTo(DataType.DOUBLE).dup('c').reshape(-1).toDoubleVector();
        int inner = (int) (g.length / (b * t));
        double max = 0;
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < t; j++) {
                if (valid != null && valid[i][j] == 0) continue;
                for (int k = 0; k < inner; k++) {
                    int idx = (int) ((i * t + j) * inner + k);
                    double d = Math.abs(g[idx] - w[idx]);
                    if (!(d <= max)) max = d;
                }
            }
        }
        return max;
    }
}

package org.aubert.nn.bert;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.aubert.nn.TestData;

/** Every text case of the oracle fixtures through the Java API: max abs error ≤ 1e-4 on every output. */
class BertOracleTest {
    private static final Logger log = LoggerFactory.getLogger(BertOracleTest.class);
    private static final double TOL = 1e-4;
    private static final List<String> report = new ArrayList<>();

    static Stream<JsonNode> textCases() throws Exception {
        JsonNode cases = new ObjectMapper().readTree(TestData.oracle("cases.json").toFile()).get("cases");
        List<JsonNode> out = new ArrayList<>();
        cases.forEach(c -> { if (c.get("kind").asText().equals("text")) out.add(c); });
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("textCases")
    void matchesReference(JsonNode c) throws Exception {
        Path dir = TestData.oracle(c.get("model_dir").asText());
        JsonNode in = c.get("inputs");
        INDArray ids = TestData.npy(in.get("input_ids").asText());
        INDArray mask = TestData.npy(in.get("attention_mask").asText());
        INDArray types = TestData.npy(in.get("token_type_ids").asText());
        JsonNode exp = c.get("expected");
        List<String[]> checks = new ArrayList<>();
        if (c.get("model_dir").asText().endsWith("_mlm")) {
            BertForMaskedLM.Output o = BertForMaskedLM.load(dir, DataType.FLOAT, false).forward(ids, mask, types);
            compare(c, "logits", o.logits(), exp);
            compare(c, "last_hidden_state", o.lastHiddenState(), exp);
        } else {
            BertModel.Output o = BertModel.load(dir, DataType.FLOAT, false).forward(ids, mask, types);
            compare(c, "last_hidden_state", o.lastHiddenState(), exp);
            compare(c, "pooler_output", o.poolerOutput(), exp);
            if (exp.has("hidden_states")) {
                for (int i = 0; i < exp.get("hidden_states").size(); i++) {
                    double err = TestData.maxAbsDiff(o.hiddenStates().get(i), TestData.npy(exp.get("hidden_states").get(i).asText()), null);
                    record(c, "hidden_states_" + i, err);
                }
            }
        }
    }

    private static void compare(JsonNode c, String key, INDArray actual, JsonNode exp) throws Exception {
        if (!exp.has(key)) return;
        record(c, key, TestData.maxAbsDiff(actual, TestData.npy(exp.get(key).asText()), null));
    }

    private static void record(JsonNode c, String key, double err) {
        String line = String.format("%s %s max|d|=%.3g", c.get("id").asText(), key, err);
        report.add(line);
        assertTrue(err <= TOL, line);
    }

    @AfterAll
    static void summary() { report.forEach(l -> log.info(l)); report.forEach(System.out::println); }
}

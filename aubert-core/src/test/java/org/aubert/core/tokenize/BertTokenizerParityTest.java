package org.aubert.core.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of bert_parity.json (made by tools/fixtures/make_bert_parity.py with transformers'
 * BertTokenizerFast) must give exactly HF's ids, tokens, type ids, offsets, special-token mask,
 * word ids and sequence ids, and decode the ids back to HF's text.
 */
class BertTokenizerParityTest {

    private static final JsonNode PARITY = TestResources.json("bert_parity.json");

    @Test
    void fixtureIsLargeAndCoversEveryConfig() {
        JsonNode cases = PARITY.get("cases");
        assertTrue(cases.size() >= 300, "only " + cases.size() + " cases");
        Map<String, Integer> perConfig = new HashMap<>();
        for (JsonNode c : cases) perConfig.merge(c.get("config").textValue(), 1, Integer::sum);
        assertEquals(PARITY.get("configs").size(), perConfig.size(), perConfig.toString());
    }

    @TestFactory
    Stream<DynamicTest> matchesHuggingFace() {
        Map<String, BertTokenizer> tokenizers = tokenizers();
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : PARITY.get("cases")) {
            tests.add(DynamicTest.dynamicTest(c.get("id").textValue(), () -> check(tokenizers.get(c.get("config").textValue()), c)));
        }
        return tests.stream();
    }

    private static void check(BertTokenizer tokenizer, JsonNode c) {
        String text = c.get("text").textValue();
        String pair = c.get("text_pair").isNull() ? null : c.get("text_pair").textValue();
        int maxLength = c.get("max_length").isNull() ? Integer.MAX_VALUE : c.get("max_length").intValue();
        Encoding e = tokenizer.encode(text, pair, maxLength);
        String where = c.get("id").textValue();
        assertArrayEquals(TestResources.strings(c.get("tokens")), e.tokens(), where + " tokens");
        assertArrayEquals(TestResources.ints(c.get("input_ids")), e.ids(), where + " ids");
        assertArrayEquals(TestResources.ints(c.get("token_type_ids")), e.typeIds(), where + " type ids");
        JsonNode offsets = c.get("offsets");
        for (int i = 0; i < e.size(); i++) {
            assertArrayEquals(TestResources.ints(offsets.get(i)), e.offsets()[i], where + " offsets of token " + i);
        }
        assertArrayEquals(TestResources.ints(c.get("special_tokens_mask")), e.specialTokensMask(), where + " special mask");
        assertArrayEquals(TestResources.ints(c.get("word_ids")), e.wordIds(), where + " word ids");
        assertArrayEquals(TestResources.ints(c.get("sequence_ids")), e.sequenceIds(), where + " sequence ids");
        checkUtf16Offsets(e, text, pair);
        assertEquals(c.get("decoded").textValue(), tokenizer.decode(e.ids(), false), where + " decode");
        assertEquals(c.get("decoded_skip_special").textValue(), tokenizer.decode(e.ids(), true), where + " decode skipping specials");
    }

    // The UTF-16 offsets must cut the same text out of the Java string as the code-point offsets.
    private static void checkUtf16Offsets(Encoding e, String text, String pair) {
        for (int i = 0; i < e.size(); i++) {
            if (e.sequenceIds()[i] < 0) continue;
            String source = e.sequenceIds()[i] == 0 ? text : pair;
            int[] cp = e.offsets()[i];
            int[] u = e.utf16Offsets()[i];
            int[] cps = source.codePoints().toArray();
            assertEquals(new String(cps, cp[0], cp[1] - cp[0]), source.substring(u[0], u[1]));
        }
    }

    private static Map<String, BertTokenizer> tokenizers() {
        Map<String, BertTokenizer> out = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = PARITY.get("configs").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode cfg = entry.getValue();
            try {
                String folder = cfg.get("vocab").textValue();
                BertTokenizerConfig config = BertTokenizerConfig.read(TestResources.path(folder + "/tokenizer_config.json"))
                        .withDoLowerCase(cfg.get("do_lower_case").booleanValue())
                        .withStripAccents(cfg.get("strip_accents").isNull() ? null : cfg.get("strip_accents").booleanValue())
                        .withTokenizeChineseChars(cfg.get("tokenize_chinese_chars").booleanValue());
                out.put(entry.getKey(), BertTokenizer.create(TestResources.path(folder + "/vocab.txt"), config));
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return out;
    }
}

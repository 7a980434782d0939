package org.aubert.core.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CtcTokenizerTest {

    private static final String MODEL = "hubert_large_ctc_tiny";

    @TempDir
    Path tmp;

    @Test
    void greedyDecodingReproducesTheOracleTranscripts() throws IOException {
        CtcTokenizer tokenizer = CtcTokenizer.load(TestResources.path(MODEL));
        int checked = 0;
        for (String model : new String[] {"hubert_large_ctc_tiny", "wav2vec2_base_ctc_tiny"}) {
            JsonNode greedy = TestResources.json("ctc_greedy/" + model + ".json");
            for (Iterator<Map.Entry<String, JsonNode>> it = greedy.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                int[] frames = TestResources.ints(e.getValue().get("argmax_ids"));
                String where = model + "/" + e.getKey();
                assertArrayEquals(TestResources.ints(e.getValue().get("collapsed_ids_without_blank")), tokenizer.collapse(frames), where);
                assertEquals(e.getValue().get("text").textValue(), tokenizer.decodeGreedy(frames), where);
                checked++;
            }
        }
        assertEquals(8, checked);
    }

    @Test
    void decodeAndEncodeMatchHuggingFace() throws IOException {
        JsonNode parity = TestResources.json("ctc_parity.json");
        checkConfig(CtcTokenizer.load(TestResources.path(MODEL)).withUpperCaseInput(false), parity.get("configs").get("default"));
        checkConfig(CtcTokenizer.load(folderWithLowerCase()), parity.get("configs").get("do_lower_case"));
    }

    private static void checkConfig(CtcTokenizer tokenizer, JsonNode config) {
        assertEquals(config.get("do_lower_case").booleanValue(), tokenizer.doLowerCase());
        assertTrue(config.get("decode").size() >= 50);
        for (JsonNode c : config.get("decode")) {
            int[] ids = TestResources.ints(c.get("ids"));
            boolean skip = c.get("skip_special_tokens").booleanValue();
            assertEquals(c.get("text").textValue(), tokenizer.decode(ids, skip), c.toString());
        }
        for (JsonNode c : config.get("encode")) {
            assertArrayEquals(TestResources.ints(c.get("ids")), tokenizer.encode(c.get("text").textValue()), c.get("text").textValue());
        }
    }

    private Path folderWithLowerCase() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("lower"));
        for (String f : new String[] {"vocab.json", "special_tokens_map.json"}) {
            Files.copy(TestResources.path(MODEL + "/" + f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        String config = Files.readString(TestResources.path(MODEL + "/tokenizer_config.json"));
        assertTrue(config.contains("\"do_lower_case\": false"));
        Files.writeString(dir.resolve("tokenizer_config.json"), config.replace("\"do_lower_case\": false", "\"do_lower_case\": true"));
        return dir;
    }

    @Test
    void upperCaseVocabularyUpperCasesInputByDefault() throws IOException {
        CtcTokenizer tokenizer = CtcTokenizer.load(TestResources.path(MODEL));
        assertFalse(tokenizer.doLowerCase());
        assertTrue(tokenizer.upperCasesInput());
        assertArrayEquals(tokenizer.encode("HELLO WORLD"), tokenizer.encode("hello world"));
        assertEquals("HI THERE", tokenizer.decode(tokenizer.encode("hi there"), false));
        // decode is CTC decoding: the doubled L of an encoded (not frame-level) sequence collapses.
        assertEquals("HELO", tokenizer.decode(tokenizer.encode("hello"), false));
        assertEquals(0, tokenizer.blankId());
        assertEquals(4, tokenizer.wordDelimiterId());
        assertEquals(32, tokenizer.vocabSize());
    }

    @Test
    void unknownCharactersBecomeUnkOrFailOnRequest() throws IOException {
        CtcTokenizer tokenizer = CtcTokenizer.load(TestResources.path(MODEL));
        int unk = tokenizer.tokenToId("<unk>");
        assertArrayEquals(new int[] {11, unk, 15, 15, 8}, tokenizer.encode("HÉLLO"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> tokenizer.encode("HÉLLO", CtcTokenizer.OutOfVocabulary.THROW));
        assertTrue(e.getMessage().contains("'É' (U+00C9)"), e.getMessage());
    }

    @Test
    void decodeKeepsInnerSpaceRunsLikeHuggingFace() throws IOException {
        CtcTokenizer tokenizer = CtcTokenizer.load(TestResources.path(MODEL));
        // A | <pad> | B: the two delimiters are not adjacent frames, so both survive.
        assertEquals("A  B", tokenizer.decodeGreedy(new int[] {7, 4, 0, 4, 24}));
        assertEquals("A B", tokenizer.decodeGreedy(new int[] {0, 4, 7, 7, 4, 4, 24, 4, 0}));
    }
}

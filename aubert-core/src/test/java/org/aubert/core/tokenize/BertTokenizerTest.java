package org.aubert.core.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BertTokenizerTest {

    @TempDir
    Path tmp;

    private static BertTokenizer uncased() throws IOException {
        return BertTokenizer.load(TestResources.path("bert_uncased_3k"));
    }

    @Test
    void reproducesTheSharedOracleExamples() throws IOException {
        BertTokenizer tokenizer = BertTokenizer.load(TestResources.path("bert_tiny"));
        assertEquals(64, tokenizer.config().modelMaxLength());
        JsonNode examples = TestResources.json("tokenization.json").get("examples");
        assertEquals(2, examples.size());
        for (JsonNode ex : examples) {
            String pair = ex.get("text_pair").isNull() ? null : ex.get("text_pair").textValue();
            Encoding e = tokenizer.encode(ex.get("text").textValue(), pair);
            assertArrayEquals(TestResources.strings(ex.get("tokens")), e.tokens());
            assertArrayEquals(TestResources.ints(ex.get("input_ids")), e.ids());
            assertArrayEquals(TestResources.ints(ex.get("token_type_ids")), e.typeIds());
        }
    }

    @Test
    void offsetsAreCodePointsAndUtf16OffsetsIndexTheJavaString() throws IOException {
        String text = "😀 there 𝔘";
        Encoding e = uncased().encode(text);
        assertArrayEquals(new String[] {"[CLS]", "😀", "there", "𝔘", "[SEP]"}, e.tokens());
        assertArrayEquals(new int[] {2, 7}, e.offsets()[2]);
        assertArrayEquals(new int[] {3, 8}, e.utf16Offsets()[2]);
        assertArrayEquals(new int[] {8, 9}, e.offsets()[3]);
        assertArrayEquals(new int[] {9, 11}, e.utf16Offsets()[3]);
        assertEquals("𝔘", text.substring(e.utf16Offsets()[3][0], e.utf16Offsets()[3][1]));
        assertArrayEquals(new int[] {0, 0}, e.offsets()[0]);
        assertArrayEquals(new int[] {0, 0}, e.utf16Offsets()[4]);
    }

    @Test
    void specialTokensInTextStayWholeButLowerCaseOnesDoNot() throws IOException {
        BertTokenizer tokenizer = uncased();
        Encoding e = tokenizer.encode("a [MASK] b [mask]");
        assertEquals("[MASK]", e.tokens()[2]);
        assertEquals(tokenizer.tokenToId("[MASK]"), e.ids()[2]);
        assertEquals(0, e.specialTokensMask()[2]);
        assertArrayEquals(new String[] {"[", "ma", "##s", "##k", "]"}, Arrays.copyOfRange(e.tokens(), 4, 9));
    }

    @Test
    void truncatesLongestFirst() throws IOException {
        BertTokenizer tokenizer = uncased();
        Encoding e = tokenizer.encode("a b c d e f g h", "i j", 8);
        assertEquals(8, e.size());
        assertArrayEquals(new String[] {"[CLS]", "a", "b", "c", "[SEP]", "i", "j", "[SEP]"}, e.tokens());
        assertThrows(IllegalArgumentException.class, () -> tokenizer.encode("a", "b", 2));
        assertEquals(2, tokenizer.encode("a b c", null, 2).size());
    }

    @Test
    void padsBatchesToTheLongest() throws IOException {
        BertTokenizer tokenizer = uncased();
        PaddedBatch batch = tokenizer.pad(List.of(tokenizer.encode("the key"), tokenizer.encode("a", "b")));
        assertEquals(2, batch.batchSize());
        assertEquals(5, batch.length());
        int pad = tokenizer.tokenToId("[PAD]");
        assertArrayEquals(new int[] {1, 1, 1, 1, 0}, batch.attentionMask()[0]);
        assertEquals(pad, batch.ids()[0][4]);
        assertArrayEquals(new int[] {1, 1, 1, 1, 1}, batch.attentionMask()[1]);
        assertArrayEquals(new int[] {0, 0, 0, 1, 1}, batch.typeIds()[1]);
    }

    @Test
    void configDefaultsApplyWithoutTokenizerConfig() throws IOException {
        Files.copy(TestResources.path("bert_cased_3k/vocab.txt"), tmp.resolve("vocab.txt"));
        BertTokenizer tokenizer = BertTokenizer.load(tmp);
        BertTokenizerConfig config = tokenizer.config();
        assertTrue(config.doLowerCase());
        assertNull(config.stripAccents());
        assertTrue(config.stripsAccents());
        assertEquals(Integer.MAX_VALUE, config.modelMaxLength());
        assertEquals(BertTokenizerConfig.defaults(), config);
    }

    @Test
    void readsHuggingFaceStyleConfigValues() throws IOException {
        Path file = Files.writeString(tmp.resolve("tokenizer_config.json"), "{\"do_lower_case\": false,"
                + " \"model_max_length\": 1000000000000000019884624838656,"
                + " \"mask_token\": {\"content\": \"[MASK]\", \"lstrip\": false, \"__type\": \"AddedToken\"},"
                + " \"additional_special_tokens\": [\"[X]\"], \"unknown_key\": 3}");
        BertTokenizerConfig config = BertTokenizerConfig.read(file);
        assertEquals(Integer.MAX_VALUE, config.modelMaxLength());
        assertEquals("[MASK]", config.maskToken());
        assertEquals(List.of("[X]"), config.additionalSpecialTokens());
        assertEquals(false, config.stripsAccents());
    }

    @Test
    void oneInstanceServesManyThreads() throws Exception {
        BertTokenizer tokenizer = uncased();
        List<String> texts = new ArrayList<>();
        for (JsonNode c : TestResources.json("bert_parity.json").get("cases")) texts.add(c.get("text").textValue());
        List<int[]> expected = texts.stream().map(t -> tokenizer.encode(t).ids()).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int worker = 0; worker < 8; worker++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < texts.size(); i++) {
                        if (!Arrays.equals(expected.get(i), tokenizer.encode(texts.get(i)).ids())) return false;
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) assertTrue(r.get());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void accessorsExposeTheVocabulary() throws IOException {
        BertTokenizer tokenizer = uncased();
        assertEquals(3000, tokenizer.vocabSize());
        assertEquals("[UNK]", tokenizer.idToToken(tokenizer.tokenToId("[UNK]")));
        assertEquals(-1, tokenizer.tokenToId("no-such-token"));
        assertThrows(IndexOutOfBoundsException.class, () -> tokenizer.idToToken(3000));
    }
}

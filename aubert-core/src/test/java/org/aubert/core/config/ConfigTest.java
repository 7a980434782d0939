package org.aubert.core.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.aubert.core.TestData;
import org.aubert.core.config.Wav2Vec2Config.FeatureNorm;
import org.aubert.core.config.Wav2Vec2Config.ModelType;

class ConfigTest {
    @TempDir Path tmp;

    @Test
    void oracleBertConfig() throws Exception {
        BertConfig c = BertConfig.load(TestData.oracleModel("bert_tiny"));
        assertEquals(new BertConfig(127, 32, 2, 4, 64, Activation.GELU, 0, 0, 64, 2, 0.02, 1e-12, 0), c);
        assertEquals(8, c.headDim());
    }

    @Test
    void oracleAudioConfigs() throws Exception {
        Wav2Vec2Config base = Wav2Vec2Config.load(TestData.oracleModel("hubert_base_tiny"));
        assertEquals(ModelType.HUBERT, base.modelType());
        assertEquals(FeatureNorm.GROUP, base.featExtractNorm());
        assertFalse(base.convBias());
        assertFalse(base.doStableLayerNorm());
        assertArrayEquals(new int[]{32, 32, 32, 32, 32, 32, 32}, base.convDim());
        assertEquals(48, base.hiddenSize());
        assertEquals(16, base.numConvPosEmbeddings());
        assertEquals(320, base.totalStride());
        assertEquals(49, base.framesForSamples(16000));
        assertEquals(37, base.framesForSamples(12000));
        assertEquals(0, base.framesForSamples(399));
        assertEquals(1, base.framesForSamples(400));

        Wav2Vec2Config large = Wav2Vec2Config.load(TestData.oracleModel("hubert_large_ctc_tiny"));
        assertEquals(FeatureNorm.LAYER, large.featExtractNorm());
        assertTrue(large.convBias());
        assertTrue(large.doStableLayerNorm());
        assertEquals(32, large.vocabSize());

        Wav2Vec2Config w2v = Wav2Vec2Config.load(TestData.oracleModel("wav2vec2_base_ctc_tiny"));
        assertEquals(ModelType.WAV2VEC2, w2v.modelType());
        assertEquals(7, w2v.numConvPosEmbeddings());
        assertEquals(2, w2v.numConvPosEmbeddingGroups());
        assertEquals(16, w2v.convDim()[0]);
        assertTrue(w2v.featProjLayerNorm());
    }

    @Test
    void absentFieldsTakeHuggingFaceDefaults() throws Exception {
        BertConfig b = BertConfig.load(json("{\"model_type\": \"bert\", \"some_new_field\": [1, 2]}"));
        assertEquals(new BertConfig(30522, 768, 12, 12, 3072, Activation.GELU, 0.1, 0.1, 512, 2, 0.02, 1e-12, 0), b);
        Wav2Vec2Config h = Wav2Vec2Config.load(json("{\"model_type\": \"hubert\", \"classifier_dropout\": null}"));
        assertEquals(768, h.hiddenSize());
        assertEquals(128, h.numConvPosEmbeddings());
        assertEquals(16, h.numConvPosEmbeddingGroups());
        assertArrayEquals(new int[]{10, 3, 3, 3, 3, 2, 2}, h.convKernel());
        assertEquals(1e-5, h.layerNormEps());
        assertEquals(0.1, h.layerdrop());
        assertEquals(FeatureNorm.GROUP, h.featExtractNorm());
    }

    @Test
    void saveThenLoadIsIdentity() throws Exception {
        Wav2Vec2Config w = Wav2Vec2Config.load(TestData.oracleModel("wav2vec2_base_ctc_tiny"));
        w.save(tmp.resolve("w.json"), "Wav2Vec2ForCTC");
        assertEquals(w, Wav2Vec2Config.load(tmp.resolve("w.json")));
        BertConfig b = BertConfig.load(TestData.oracleModel("bert_tiny"));
        b.save(tmp.resolve("b.json"), "BertModel");
        assertEquals(b, BertConfig.load(tmp.resolve("b.json")));
    }

    @Test
    void unsupportedValuesAreRefusedNamingFileAndKey() throws Exception {
        Path f = json("{\"model_type\": \"bert\", \"hidden_act\": \"quick_gelu\"}");
        ConfigException e = assertThrows(ConfigException.class, () -> BertConfig.load(f));
        assertTrue(e.getMessage().startsWith(f + ": hidden_act: unsupported activation 'quick_gelu'"), e.getMessage());

        Path g = json("{\"model_type\": \"bert\", \"position_embedding_type\": \"relative_key\"}");
        e = assertThrows(ConfigException.class, () -> BertConfig.load(g));
        assertEquals(g + ": position_embedding_type 'relative_key' is not supported (only 'absolute')", e.getMessage());

        Path h = json("{\"model_type\": \"bert\", \"hidden_size\": 30, \"num_attention_heads\": 4}");
        e = assertThrows(ConfigException.class, () -> BertConfig.load(h));
        assertEquals(h + ": num_attention_heads (4) must divide hidden_size (30)", e.getMessage());

        Path i = json("{\"model_type\": \"bert\", \"hidden_size\": \"big\"}");
        e = assertThrows(ConfigException.class, () -> BertConfig.load(i));
        assertEquals(i + ": \"hidden_size\" is \"big\", expected an integer", e.getMessage());

        Path j = json("{\"model_type\": \"wav2vec2\", \"feat_extract_norm\": \"batch\"}");
        e = assertThrows(ConfigException.class, () -> Wav2Vec2Config.load(j));
        assertEquals(j + ": feat_extract_norm 'batch' is not 'group' or 'layer'", e.getMessage());

        Path k = json("{\"model_type\": \"wav2vec2\", \"add_adapter\": true}");
        e = assertThrows(ConfigException.class, () -> Wav2Vec2Config.load(k));
        assertEquals(k + ": add_adapter true is not supported", e.getMessage());

        Path l = json("{\"model_type\": \"hubert\", \"conv_dim\": [8, 8], \"conv_stride\": [2], \"conv_kernel\": [3, 3]}");
        e = assertThrows(ConfigException.class, () -> Wav2Vec2Config.load(l));
        assertTrue(e.getMessage().startsWith(l + ": "), e.getMessage());

        Path m = json("{\"model_type\": \"whisper\"}");
        e = assertThrows(ConfigException.class, () -> Wav2Vec2Config.load(m));
        assertEquals(m + ": model_type 'whisper' is not supported (expected 'hubert' or 'wav2vec2')", e.getMessage());

        Path n = json("{\"model_type\": \"hubert\", \"hidden_act\": \"mish\"}");
        e = assertThrows(ConfigException.class, () -> Wav2Vec2Config.load(n));
        assertTrue(e.getMessage().startsWith(n + ": hidden_act: unsupported activation 'mish'"), e.getMessage());

        e = assertThrows(ConfigException.class, () -> BertConfig.load(tmp.resolve("absent.json")));
        assertTrue(e.getMessage().endsWith("absent.json: no such config file"));
        Path o = json("{not json");
        e = assertThrows(ConfigException.class, () -> BertConfig.load(o));
        assertTrue(e.getMessage().startsWith(o + ": not valid JSON"), e.getMessage());
    }

    private int counter;

    private Path json(String text) throws Exception {
        Path p = tmp.resolve("config" + (counter++) + ".json");
        Files.writeString(p, text);
        return p;
    }
}

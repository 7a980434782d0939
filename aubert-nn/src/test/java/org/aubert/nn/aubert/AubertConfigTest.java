package org.aubert.nn.aubert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.aubert.core.config.BertConfig;
import org.aubert.core.config.ConfigException;
import org.aubert.nn.TestData;

/** aubert.json: round trip, defaults, encoder configs from folders, refusal of unknown keys and bad values. */
class AubertConfigTest {
    @TempDir
    Path tmp;

    @Test
    void roundTripKeepsEveryField() throws Exception {
        AubertConfig c = new AubertConfig(Path.of("models/bert"), TinyAubert.text(0.1), Path.of("models/hubert"),
                TinyAubert.audio(0.05), AubertConfig.Pooling.ALL, AubertConfig.ProjectionHeadType.LINEAR, 64,
                AubertConfig.ScorerType.COSINE, 0.25, 0.3, false, 1234567890123L);
        c.save(tmp.resolve(AubertConfig.FILE_NAME));
        AubertConfig back = AubertConfig.load(tmp);
        assertEquals(c, back);
        String json = Files.readString(tmp.resolve(AubertConfig.FILE_NAME));
        assertTrue(json.contains("\"pooling\" : \"all\"") && json.contains("\"scorer\" : \"cosine\""), json);
    }

    @Test
    void absentFieldsTakeDefaultsAndConfigsComeFromTheFolders() throws Exception {
        Path bert = TestData.oracle("models/bert_tiny");
        Path hubert = TestData.oracle("models/hubert_base_tiny");
        Path file = tmp.resolve("a.json");
        Files.writeString(file, "{\"text_model\": \"" + bert + "\", \"audio_model\": \"" + hubert + "\"}");
        AubertConfig c = AubertConfig.load(file);
        assertEquals(AubertConfig.forPretrained(bert, hubert), c);
        assertEquals(BertConfig.load(bert), c.textConfig());
        assertEquals(AubertConfig.Pooling.MEAN, c.pooling());
        assertEquals(AubertConfig.ScorerType.MLP, c.scorer());
        assertEquals(0.0, c.mlmWeight());
        assertTrue(c.freezeFeatureEncoder());
    }

    @Test
    void unknownKeyIsRefusedByName() throws Exception {
        AubertConfig.of(null, TinyAubert.text(0), null, TinyAubert.audio(0)).save(tmp.resolve("c.json"));
        String json = Files.readString(tmp.resolve("c.json")).replace("\"scorer\"", "\"scorre\"");
        Files.writeString(tmp.resolve("c.json"), json);
        ConfigException e = assertThrows(ConfigException.class, () -> AubertConfig.load(tmp.resolve("c.json")));
        assertTrue(e.getMessage().contains("unknown key \"scorre\""), e.getMessage());
        assertTrue(e.getMessage().contains("c.json"), e.getMessage());
    }

    @Test
    void badValuesAreRefusedByKey() throws Exception {
        AubertConfig.of(null, TinyAubert.text(0), null, TinyAubert.audio(0)).save(tmp.resolve("c.json"));
        String json = Files.readString(tmp.resolve("c.json"));
        assertError(json.replace("\"pooling\" : \"mean\"", "\"pooling\" : \"median\""), "\"pooling\" is \"median\", expected mean|max|all|mean_length");
        assertError(json.replace("\"projection_dim\" : 256", "\"projection_dim\" : 0"), "projection_dim must be positive");
        assertError(json.replace("\"projection_dim\" : 256", "\"projection_dim\" : \"256\""), "\"projection_dim\" is \"256\", expected an integer");
        assertError(json.replace("\"head_dropout\" : 0.1", "\"head_dropout\" : 1.5"), "head_dropout must be in [0, 1)");
        assertError("{\"audio_model\": null}", "needs \"text_config\" or \"text_model\"");
        assertError("[]", "not a JSON object");
    }

    private void assertError(String json, String expected) throws Exception {
        Path f = tmp.resolve("bad.json");
        Files.writeString(f, json);
        ConfigException e = assertThrows(ConfigException.class, () -> AubertConfig.load(f));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}

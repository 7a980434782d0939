package org.aubert.nn.wav2vec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.aubert.core.checkpoint.SafetensorsFile;
import org.aubert.core.checkpoint.SafetensorsWriter;
import org.aubert.core.tensor.Tensor;
import org.aubert.nn.weights.WeightLoadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/** Strict checkpoint loading: missing, unexpected and mis-shaped keys are refused by name; heads are detected. */
class Wav2Vec2LoadTest {
    @TempDir
    Path tmp;

    private static Path model(String name) throws Exception {
        return Path.of(Wav2Vec2LoadTest.class.getResource("/testdata/oracles/models/" + name + "/config.json").toURI()).getParent();
    }

    /** A copy of a fixture model folder whose tensors went through {@code edit}. */
    private Path edited(String name, Consumer<Map<String, Tensor>> edit) throws Exception {
        Path src = model(name);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        try (SafetensorsFile f = SafetensorsFile.open(src.resolve("model.safetensors"))) {
            for (String k : f.names()) tensors.put(k, copy(f.get(k)));
        }
        edit.accept(tensors);
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.copy(src.resolve("config.json"), dir.resolve("config.json"));
        SafetensorsWriter.write(dir.resolve("model.safetensors"), tensors);
        return dir;
    }

    private static Tensor copy(Tensor t) {
        ByteBuffer b = ByteBuffer.allocate(t.data().remaining());
        b.put(t.data()).flip();
        return new Tensor(t.dtype(), t.shape(), b);
    }

    private String loadError(Path dir) {
        WeightLoadException e = assertThrows(WeightLoadException.class, () -> AudioEncoder.load(dir, DataType.FLOAT, false));
        return e.getMessage();
    }

    @Test
    void missingKeyIsNamed() throws Exception {
        String msg = loadError(edited("hubert_base_tiny", t -> t.remove("encoder.layers.1.attention.k_proj.weight")));
        assertTrue(msg.contains("missing keys: [encoder.layers.1.attention.k_proj.weight]"), msg);
    }

    @Test
    void missingAliasedWeightNormKeyIsNamedWithPrefix() throws Exception {
        String msg = loadError(edited("wav2vec2_base_ctc_tiny",
                t -> t.remove("wav2vec2.encoder.pos_conv_embed.conv.parametrizations.weight.original0")));
        assertTrue(msg.contains("missing keys: [wav2vec2.encoder.pos_conv_embed.conv.weight_g]"), msg);
    }

    @Test
    void unexpectedKeyIsNamed() throws Exception {
        String msg = loadError(edited("hubert_large_tiny", t -> {
            Tensor w = t.remove("encoder.layers.0.final_layer_norm.weight");
            t.put("encoder.layers.0.final_layer_norm.weight", w);
            t.put("encoder.layers.0.extra_norm.weight", copy(w));
        }));
        assertTrue(msg.contains("unexpected keys: [encoder.layers.0.extra_norm.weight]"), msg);
        assertFalse(msg.contains("missing"), msg);
    }

    @Test
    void renamedKeyIsBothMissingAndUnexpected() throws Exception {
        String msg = loadError(edited("hubert_base_tiny",
                t -> t.put("feature_projection.proj.weight", t.remove("feature_projection.projection.weight"))));
        assertTrue(msg.contains("missing keys: [feature_projection.projection.weight]"), msg);
        assertTrue(msg.contains("unexpected keys: [feature_projection.proj.weight]"), msg);
    }

    @Test
    void misShapedKeyIsNamed() throws Exception {
        String msg = loadError(edited("hubert_large_ctc_tiny", t -> {
            Tensor w = t.get("hubert.feature_extractor.conv_layers.2.conv.weight");
            t.put("hubert.feature_extractor.conv_layers.2.conv.weight", new Tensor(w.dtype(), new long[]{32, 96}, w.data()));
        }));
        assertTrue(msg.contains("mis-shaped keys: [hubert.feature_extractor.conv_layers.2.conv.weight [32, 96] (model expects [32, 32, 3])]"), msg);
    }

    @Test
    void ctcHeadFollowsTheCheckpointAndTrainingOnlyKeysAreIgnored() throws Exception {
        AudioEncoder base = AudioEncoder.load(model("hubert_base_tiny"), DataType.FLOAT, false);
        assertFalse(base.hasCtcHead());
        assertNull(base.logits());
        AudioEncoder ctc = AudioEncoder.load(model("wav2vec2_base_ctc_tiny"), DataType.FLOAT, false);
        assertTrue(ctc.hasCtcHead());
        assertEquals(32, ctc.config().hiddenSize());
        // masked_spec_embed is in both checkpoints and must not count as unexpected (it is SpecAugment-only)
        try (SafetensorsFile f = SafetensorsFile.open(model("wav2vec2_base_ctc_tiny").resolve("model.safetensors"))) {
            assertTrue(f.contains("wav2vec2.masked_spec_embed"));
            assertEquals(f.names().size() - 1, ctc.loadWeights(f).loaded());
        }
    }

    @Test
    void missingCheckpointFileIsReported() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("empty"));
        Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"hubert\"}");
        IOException e = assertThrows(IOException.class, () -> AudioEncoder.load(dir, DataType.FLOAT, false));
        assertTrue(e.getMessage().contains("no weights found"), e.getMessage());
    }
}

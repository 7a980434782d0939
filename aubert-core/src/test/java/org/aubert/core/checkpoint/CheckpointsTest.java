package org.aubert.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import org.aubert.core.TestData;
import org.aubert.core.tensor.Tensor;

class CheckpointsTest {
    @TempDir Path tmp;

    /** A pytorch_model.bin made with torch from the safetensors oracle loads to identical tensors. */
    @ParameterizedTest
    @ValueSource(strings = {"bert_tiny", "hubert_base_tiny", "wav2vec2_base_ctc_tiny"})
    void torchBinEqualsItsSafetensorsTwin(String model) throws Exception {
        Path bin = Path.of(getClass().getResource("/testdata/torch/" + model + "/pytorch_model.bin").toURI());
        try (TensorSource st = Checkpoints.open(TestData.oracleModel(model));
             TensorSource pt = Checkpoints.open(bin)) {
            assertInstanceOf(SafetensorsFile.class, st);
            assertEquals(new java.util.TreeSet<>(st.names()), new java.util.TreeSet<>(pt.names()));
            for (String name : st.names()) {
                Tensor a = st.get(name);
                Tensor b = pt.get(name);
                assertTrue(a.contentEquals(b), name + ": " + a + " vs " + b);
            }
        }
    }

    @Test
    void folderLookupOrderAndErrors() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("m"));
        var e = assertThrows(InvalidCheckpointException.class, () -> Checkpoints.open(dir));
        assertTrue(e.getMessage().contains("no weights found"), e.getMessage());

        Path bin = Path.of(getClass().getResource("/testdata/torch/bert_tiny/pytorch_model.bin").toURI());
        Files.copy(bin, dir.resolve("pytorch_model.bin"));
        try (TensorSource s = Checkpoints.open(dir)) {
            assertInstanceOf(MapTensorSource.class, s);
        }
        SafetensorsWriter.write(dir.resolve("model.safetensors"), Map.of("x", Tensor.ofFloats(new long[]{1}, new float[]{1})));
        try (TensorSource s = Checkpoints.open(dir)) {
            assertEquals(List.of("x"), List.copyOf(s.names()), "safetensors is preferred over .bin, as HF does");
        }
        assertThrows(java.nio.file.NoSuchFileException.class, () -> Checkpoints.open(tmp.resolve("absent.safetensors")));
    }
}

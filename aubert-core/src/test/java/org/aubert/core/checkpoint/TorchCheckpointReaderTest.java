package org.aubert.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.aubert.core.tensor.DType;
import org.aubert.core.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Valid checkpoints written by torch 2.13 (see tools/fixtures/make_torch_fixtures.py) against their manifests. */
class TorchCheckpointReaderTest {

    @ParameterizedTest
    @ValueSource(strings = {"bert_tiny", "wav2vec2_base_ctc_tiny", "hubert_base_tiny", "synthetic", "synthetic_protocol1",
            "synthetic_protocol5", "synthetic_bigendian", "module_keep_vars", "nested_model"})
    void matchesManifest(String fixture) throws IOException {
        Map<String, Tensor> tensors = TorchCheckpointReader.read(CheckpointZips.resource(fixture + "/pytorch_model.bin"));
        JsonNode manifest = new ObjectMapper().readTree(CheckpointZips.resource(fixture + "/manifest.json").toFile());

        List<String> expectedNames = new ArrayList<>();
        manifest.get("tensors").forEach(t -> expectedNames.add(t.get("name").asText()));
        assertEquals(expectedNames, new ArrayList<>(tensors.keySet()), "tensor names in pickle order");

        for (JsonNode m : manifest.get("tensors")) {
            String name = m.get("name").asText();
            Tensor t = tensors.get(name);
            assertEquals(DType.valueOf(m.get("dtype").asText()), t.dtype(), name);
            long[] shape = new long[m.get("shape").size()];
            for (int i = 0; i < shape.length; i++) shape[i] = m.get("shape").get(i).asLong();
            assertArrayEquals(shape, t.shape(), name);
            assertEquals(m.get("sha256").asText(), sha256(t.data()), name + " bytes");
            if (m.has("values")) assertValues(m.get("values"), t, name);
        }
    }

    @Test
    void stridedSharedAndScalarTensorsAreMaterialisedInCOrder() throws IOException {
        Map<String, Tensor> t = TorchCheckpointReader.read(CheckpointZips.resource("synthetic/pytorch_model.bin"));
        // arange(12).reshape(3,4).t(): column-major reading of the original rows
        assertArrayEquals(new float[] {0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11}, t.get("transposed").toFloatArray());
        assertArrayEquals(new float[] {2, 3, 4}, t.get("shared_slice").toFloatArray());
        assertArrayEquals(new float[] {1, 4, 7}, t.get("shared_strided").toFloatArray());
        assertEquals(10, t.get("shared_full").numel());
        assertTrue(t.get("tied_a").contentEquals(t.get("tied_b")));
        assertArrayEquals(new long[] {0, 1, 2, 0, 1, 2}, t.get("expanded").toLongArray());
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, t.get("bf16_transposed").toFloatArray());
        assertEquals(0, t.get("scalar").rank());
        assertArrayEquals(new float[] {3.5f}, t.get("scalar").toFloatArray());
        assertArrayEquals(new long[] {42}, t.get("scalar_i64").toLongArray());
        assertArrayEquals(new long[] {0, 3}, t.get("empty").shape());
        assertEquals(0, t.get("empty").data().remaining());
        assertArrayEquals(new float[] {0.25f, -0.5f}, t.get("param").toFloatArray());
    }

    @Test
    void bertPositionIdsKeepTheirInt64Buffer() throws IOException {
        Tensor ids = TorchCheckpointReader.read(CheckpointZips.resource("bert_tiny/pytorch_model.bin"))
                .get("embeddings.position_ids");
        assertNotNull(ids);
        assertEquals(DType.I64, ids.dtype());
        long[] v = ids.toLongArray();
        for (int i = 0; i < v.length; i++) assertEquals(i, v[i]);
    }

    @Test
    void bigEndianCheckpointReadsLikeTheLittleEndianOne() throws IOException {
        Map<String, Tensor> little = TorchCheckpointReader.read(CheckpointZips.resource("synthetic/pytorch_model.bin"));
        Map<String, Tensor> big = TorchCheckpointReader.read(CheckpointZips.resource("synthetic_bigendian/pytorch_model.bin"));
        assertEquals(little, big);
    }

    @Test
    void nestedCheckpointYieldsTheModelEntry() throws IOException {
        Map<String, Tensor> nested = TorchCheckpointReader.read(CheckpointZips.resource("nested_model/pytorch_model.bin"));
        Map<String, Tensor> flat = TorchCheckpointReader.read(CheckpointZips.resource("module_keep_vars/pytorch_model.bin"));
        assertEquals(flat, nested);
        assertArrayEquals(new long[] {7}, nested.get("1.num_batches_tracked").toLongArray());
    }

    private static void assertValues(JsonNode values, Tensor t, String name) {
        if (t.dtype().isFloating()) {
            double[] actual = t.toDoubleArray();
            assertEquals(values.size(), actual.length, name);
            for (int i = 0; i < actual.length; i++) assertEquals(values.get(i).asDouble(), actual[i], 0.0, name + "[" + i + "]");
        } else {
            long[] actual = t.toLongArray();
            assertEquals(values.size(), actual.length, name);
            for (int i = 0; i < actual.length; i++) assertEquals(values.get(i).asLong(), actual[i], name + "[" + i + "]");
        }
    }

    static String sha256(ByteBuffer data) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(data);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

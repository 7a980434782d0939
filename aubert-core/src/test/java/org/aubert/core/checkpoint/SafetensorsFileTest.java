package org.aubert.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.LongStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.aubert.core.TestData;
import org.aubert.core.tensor.DType;
import org.aubert.core.tensor.Tensor;

class SafetensorsFileTest {
    @TempDir Path tmp;

    /** Every oracle model loads with the names, dtypes, shapes and bytes the reference library reads. */
    @ParameterizedTest
    @ValueSource(strings = {"bert_tiny", "bert_tiny_mlm", "hubert_base_tiny", "hubert_large_tiny",
            "hubert_large_ctc_tiny", "wav2vec2_base_ctc_tiny"})
    void oracleModelsMatchReferenceListing(String model) throws Exception {
        JsonNode listing = new ObjectMapper().readTree(TestData.path("oracles/tensor_listing.json").toFile()).get(model);
        try (SafetensorsFile f = SafetensorsFile.open(TestData.oracleModel(model).resolve("model.safetensors"))) {
            assertEquals(listing.get("tensors").size(), f.names().size());
            for (JsonNode t : listing.get("tensors")) {
                String name = t.get("name").asText();
                TensorInfo info = f.info(name);
                assertEquals(DType.fromSafetensors(t.get("dtype").asText()), info.dtype(), name);
                long[] shape = new long[t.get("shape").size()];
                for (int i = 0; i < shape.length; i++) shape[i] = t.get("shape").get(i).asLong();
                assertArrayEquals(shape, info.shape(), name);
                assertEquals(t.get("sha256").asText(), sha256(f.get(name)), name);
            }
            assertEquals("pt", f.metadata().get("format"));
        }
    }

    @Test
    void bothWeightNormNamingStylesAndTheInt64BufferAreRead() throws Exception {
        try (SafetensorsFile f = SafetensorsFile.open(TestData.oracleModel("hubert_base_tiny").resolve("model.safetensors"))) {
            assertArrayEquals(new long[]{1, 1, 16}, f.info("encoder.pos_conv_embed.conv.weight_g").shape());
            assertArrayEquals(new long[]{48, 12, 16}, f.info("encoder.pos_conv_embed.conv.weight_v").shape());
            assertArrayEquals(new long[]{32, 1, 10}, f.info("feature_extractor.conv_layers.0.conv.weight").shape());
        }
        try (SafetensorsFile f = SafetensorsFile.open(TestData.oracleModel("wav2vec2_base_ctc_tiny").resolve("model.safetensors"))) {
            assertArrayEquals(new long[]{1, 1, 7},
                    f.info("wav2vec2.encoder.pos_conv_embed.conv.parametrizations.weight.original0").shape());
            assertArrayEquals(new long[]{32, 16, 7},
                    f.info("wav2vec2.encoder.pos_conv_embed.conv.parametrizations.weight.original1").shape());
        }
        try (SafetensorsFile f = SafetensorsFile.open(TestData.oracleModel("bert_tiny").resolve("model.safetensors"))) {
            Tensor ids = f.get("embeddings.position_ids");
            assertEquals(DType.I64, ids.dtype());
            assertArrayEquals(LongStream.range(0, 64).toArray(), ids.toLongArray());
            assertThrows(NoSuchElementException.class, () -> f.info("pooler.nope"));
        }
    }

    @Test
    void writerRoundTripsEveryDtypeAndMetadata() throws Exception {
        Map<String, Tensor> in = new java.util.LinkedHashMap<>();
        in.put("f32", Tensor.ofFloats(new long[]{2, 3}, new float[]{1, -2, 3.5f, Float.NaN, 0, -0f}));
        in.put("f64", Tensor.ofDoubles(new long[]{2}, new double[]{Math.PI, -1e300}));
        in.put("i64", Tensor.ofLongs(new long[]{3}, new long[]{Long.MIN_VALUE, 0, Long.MAX_VALUE}));
        in.put("i32", Tensor.ofInts(new long[]{1, 1}, new int[]{-7}));
        in.put("scalar", Tensor.ofFloats(new long[]{}, new float[]{42}));
        in.put("empty", Tensor.ofFloats(new long[]{0, 4}, new float[0]));
        for (DType t : new DType[]{DType.F16, DType.BF16, DType.I16, DType.I8, DType.U8, DType.BOOL}) {
            ByteBuffer b = ByteBuffer.allocate(3 * t.byteSize());
            for (int i = 0; i < b.capacity(); i++) b.put(i, (byte) (i * 37 + 1));
            if (t == DType.BOOL) b = ByteBuffer.wrap(new byte[]{0, 1, 1});
            in.put(t.name().toLowerCase(), new Tensor(t, new long[]{3}, b));
        }
        Path file = tmp.resolve("all.safetensors");
        SafetensorsWriter.write(file, in, Map.of("format", "pt", "note", "ünïcode"));
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertEquals(new java.util.HashSet<>(in.keySet()), new java.util.HashSet<>(f.names()));
            for (var e : in.entrySet()) assertTrue(e.getValue().contentEquals(f.get(e.getKey())), e.getKey());
            assertEquals("ünïcode", f.metadata().get("note"));
            long headerLen = ByteBuffer.wrap(Files.readAllBytes(file), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            assertEquals(0, headerLen % 8, "header padded to 8 bytes");
        }
        float[] half = new Tensor(DType.F16, new long[]{3}, ByteBuffer.wrap(new byte[]{0, 0x3c, 0, (byte) 0xc0, 1, 0})
                .order(ByteOrder.LITTLE_ENDIAN)).toFloatArray();
        assertArrayEquals(new float[]{1f, -2f, 0x1p-24f}, half);
        float[] bf = new Tensor(DType.BF16, new long[]{1}, ByteBuffer.wrap(new byte[]{(byte) 0x80, 0x3f})).toFloatArray();
        assertArrayEquals(new float[]{1f}, bf);
    }

    // ---- bad input: every case is refused with a message naming the file and the problem ----

    @Test
    void shorterThanTheLengthPrefix() throws IOException {
        Path p = write("tiny.safetensors", new byte[]{1, 2, 3});
        assertMessage(p, "shorter than the 8-byte header length");
    }

    @Test
    void headerLengthPastEndOfFile() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1000);
        Path p = write("past.safetensors", b.array());
        assertMessage(p, "header length 1000 runs past the end of the file (16 bytes)");
    }

    @Test
    void absurdHeaderLength() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-5);
        assertMessage(write("neg.safetensors", b.array()), "is not plausible");
    }

    @Test
    void truncatedData() throws IOException {
        Path good = tmp.resolve("good.safetensors");
        SafetensorsWriter.write(good, Map.of("w", Tensor.ofFloats(new long[]{4, 4}, new float[16])));
        byte[] all = Files.readAllBytes(good);
        Path p = write("truncated.safetensors", java.util.Arrays.copyOf(all, all.length - 10));
        assertMessage(p, "tensor 'w' data_offsets [0, 64] run past the data area (54 bytes)");
    }

    @Test
    void overlappingOffsets() throws IOException {
        Path p = craft("overlap.safetensors",
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]},"
                        + "\"b\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[8,24]}}", 24);
        assertMessage(p, "tensor 'b' bytes [8, 24) overlap tensor 'a' [0, 16)");
    }

    @Test
    void unknownDtype() throws IOException {
        Path p = craft("dtype.safetensors", "{\"a\":{\"dtype\":\"F8_E4M3\",\"shape\":[4],\"data_offsets\":[0,4]}}", 4);
        assertMessage(p, "tensor 'a' has unsupported dtype 'F8_E4M3'");
    }

    @Test
    void shapeDisagreesWithByteLength() throws IOException {
        Path p = craft("shape.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,16]}}", 16);
        assertMessage(p, "tensor 'a' has 16 bytes but F32[2, 3] needs 24");
    }

    @Test
    void headerNotJsonOrMalformedEntries() throws IOException {
        assertMessage(craft("json.safetensors", "{\"a\": [", 0), "header is not valid JSON");
        assertMessage(craft("neg.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,0]}}", 0),
                "tensor 'a' has a bad dimension -1");
        assertMessage(craft("off.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,4]}}", 8),
                "tensor 'a' has bad data_offsets [8, 4]");
        assertMessage(craft("meta.safetensors", "{\"__metadata__\":{\"k\":1}}", 0), "__metadata__ value of 'k' is not a string");
    }

    private void assertMessage(Path p, String expected) {
        InvalidCheckpointException e = assertThrows(InvalidCheckpointException.class, () -> SafetensorsFile.open(p).close());
        assertTrue(e.getMessage().startsWith(p.toString() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), "message was: " + e.getMessage());
    }

    private Path craft(String name, String header, int dataBytes) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        return write(name, b.array());
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    static String sha256(Tensor t) throws NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(t.data());
        return HexFormat.of().formatHex(md.digest());
    }
}

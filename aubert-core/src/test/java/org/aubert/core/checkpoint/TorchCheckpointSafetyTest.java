package org.aubert.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Hostile, legacy, foreign and damaged files: each must fail with an IOException that says why. */
class TorchCheckpointSafetyTest {

    @TempDir
    Path tmp;

    static Stream<JsonNode> maliciousCases() throws IOException {
        JsonNode cases = new ObjectMapper().readTree(CheckpointZips.resource("invalid/malicious.json").toFile());
        Stream.Builder<JsonNode> out = Stream.builder();
        cases.forEach(out::add);
        return out.build();
    }

    @ParameterizedTest
    @MethodSource("maliciousCases")
    void maliciousGlobalsAreRefusedAndNeverRun(JsonNode c) {
        Path file = CheckpointZips.resource("invalid/" + c.get("file").asText());
        String global = c.get("global").asText();
        Path marker = Path.of(c.get("marker").asText()); // the payload would create it in the working directory
        assertFalse(Files.exists(marker), "stale marker " + marker.toAbsolutePath());

        UnsafeCheckpointException e = assertThrows(UnsafeCheckpointException.class, () -> TorchCheckpointReader.read(file));

        assertEquals(global, e.refusedGlobal());
        assertEquals(file + ": refused to load global '" + global
                + "' (only tensor rebuilds and plain containers are allowed)", e.getMessage());
        assertTrue(global.endsWith(".system") || global.endsWith(".eval"), global);
        assertFalse(Files.exists(marker), "payload ran");
    }

    @Test
    void legacyFormatIsRefusedWithAHint() {
        Path file = CheckpointZips.resource("invalid/legacy.bin");
        IOException e = assertThrows(IOException.class, () -> TorchCheckpointReader.read(file));
        assertEquals(file + ": legacy (pre-1.6, non-zip) torch.save format is not supported; re-save it with"
                + " torch >= 1.6 or convert to safetensors", e.getMessage());
    }

    @Test
    void foreignFilesAreNotCheckpoints() throws IOException {
        Path text = Files.writeString(tmp.resolve("notes.bin"), "just some text\n");
        assertMessage(text, "not a PyTorch checkpoint (neither a torch.save zip archive nor a pickle)");
        Path empty = Files.write(tmp.resolve("empty.bin"), new byte[0]);
        assertMessage(empty, "not a PyTorch checkpoint");
        Path pickle = Files.write(tmp.resolve("bare.pkl"), PickleBuilder.proto2().op('}', '.').bytes());
        assertMessage(pickle, "a bare pickle, not a torch.save zip archive");
        Path zip = tmp.resolve("other.zip");
        CheckpointZips.write(zip, Map.of("readme.txt", "hi".getBytes(StandardCharsets.US_ASCII)));
        assertMessage(zip, "zip archive without <archive>/data.pkl");
        assertMessage(CheckpointZips.resource("invalid/torchscript.pt"), "a TorchScript archive (torch.jit.save)");
    }

    @Test
    void nestedContainersOtherThanAStateDictAreRefused() {
        assertMessage(CheckpointZips.resource("invalid/nested_list.bin"),
                "not a flat state dict: entry 'layers' is a list, not a tensor");
    }

    @Test
    void truncatedZipIsReported() throws IOException {
        byte[] whole = Files.readAllBytes(CheckpointZips.resource("synthetic/pytorch_model.bin"));
        Path cut = Files.write(tmp.resolve("cut.bin"), Arrays.copyOf(whole, whole.length / 2));
        assertMessage(cut, "not a readable zip archive (truncated or corrupt)");
    }

    @Test
    void missingStorageRecordIsNamed() throws IOException {
        Path file = CheckpointZips.rewrite("synthetic/pytorch_model.bin", tmp, Map.of("pytorch_model/data/0", b -> null));
        assertMessage(file, "tensor 'f32': its storage record 'pytorch_model/data/0' is missing from the archive");
    }

    @Test
    void truncatedPickleIsReported() throws IOException {
        Path file = CheckpointZips.rewrite("synthetic/pytorch_model.bin", tmp,
                Map.of("pytorch_model/data.pkl", b -> Arrays.copyOf(b, b.length / 2)));
        assertMessage(file, "data.pkl is truncated");
    }

    @Test
    void shortStorageRecordIsReported() throws IOException {
        Path file = CheckpointZips.rewrite("synthetic/pytorch_model.bin", tmp,
                Map.of("pytorch_model/data/0", b -> Arrays.copyOf(b, b.length - 4)));
        assertMessage(file, "storage record 'pytorch_model/data/0' has 8 bytes, but data.pkl declares 3 F32 elements (12 bytes)");
    }

    @Test
    void unknownByteOrderIsReported() throws IOException {
        Path file = CheckpointZips.rewrite("synthetic/pytorch_model.bin", tmp,
                Map.of("pytorch_model/byteorder", b -> "middle".getBytes(StandardCharsets.US_ASCII)));
        assertMessage(file, "unknown byteorder record 'middle'");
    }

    @Test
    void viewOutsideItsStorageIsRefused() throws IOException {
        byte[] pkl = dict("w", PickleBuilder.proto2(), p -> p.tensor("FloatStorage", "0", 4, 0, new long[] {10}, new long[] {1}));
        Path file = CheckpointZips.checkpoint(tmp, pkl, Map.of("0", new byte[16]));
        assertMessage(file, "tensor view reaches element 9 of storage '0', which holds only 4 elements");

        pkl = dict("w", PickleBuilder.proto2(), p -> p.tensor("FloatStorage", "0", 4, 3, new long[] {2}, new long[] {1}));
        file = CheckpointZips.checkpoint(tmp, pkl, Map.of("0", new byte[16]));
        assertMessage(file, "tensor view reaches element 4 of storage '0'");

        pkl = dict("w", PickleBuilder.proto2(),
                p -> p.tensor("FloatStorage", "0", 4, 0, new long[] {1L << 40, 1L << 40}, new long[] {1L << 40, 1}));
        file = CheckpointZips.checkpoint(tmp, pkl, Map.of("0", new byte[16]));
        assertMessage(file, "has sizes/strides that overflow");
    }

    @Test
    void storageDeclaredLargerThanItsRecordIsRefused() throws IOException {
        byte[] pkl = dict("w", PickleBuilder.proto2(), p -> p.tensor("FloatStorage", "0", 5, 0, new long[] {5}, new long[] {1}));
        assertMessage(CheckpointZips.checkpoint(tmp, pkl, Map.of("0", new byte[16])),
                "has 16 bytes, but data.pkl declares 5 F32 elements (20 bytes)");

        pkl = dict("w", PickleBuilder.proto2(), p -> p.tensor("FloatStorage", "0", 1L << 60, 0, new long[] {1}, new long[] {1}));
        assertMessage(CheckpointZips.checkpoint(tmp, pkl, Map.of("0", new byte[16])), "exceeds 2 GiB (not supported)");
    }

    @Test
    void broadcastMemoryBombIsRefused() throws IOException {
        byte[] pkl = dict("w", PickleBuilder.proto2(),
                p -> p.tensor("FloatStorage", "0", 1, 0, new long[] {1 << 17, 1 << 10}, new long[] {0, 0}));
        assertMessage(CheckpointZips.checkpoint(tmp, pkl, Map.of("0", new byte[4])),
                "is a broadcast view that would expand a storage of 1 elements to 134217728; refused");

        pkl = dict("w", PickleBuilder.proto2(),
                p -> p.tensor("FloatStorage", "0", 1, 0, new long[] {1 << 20, 1 << 20}, new long[] {0, 0}));
        assertMessage(CheckpointZips.checkpoint(tmp, pkl, Map.of("0", new byte[4])), "tensors over 2 GiB are not supported");
    }

    @Test
    void oneStorageUnderTwoTypesIsRefused() throws IOException {
        PickleBuilder p = PickleBuilder.proto2().op('}', '(').str("a");
        p.tensor("FloatStorage", "0", 2, 0, new long[] {2}, new long[] {1}).str("b");
        p.tensor("IntStorage", "0", 2, 0, new long[] {2}, new long[] {1}).op('u', '.');
        assertMessage(CheckpointZips.checkpoint(tmp, p.bytes(), Map.of("0", new byte[8])),
                "tensor 'b' declares storage '0' with another type or size than an earlier tensor");
    }

    @Test
    void unsupportedStorageTypeIsNotCalledUnsafe() throws IOException {
        byte[] pkl = dict("w", PickleBuilder.proto2(),
                p -> p.tensor("ComplexFloatStorage", "0", 1, 0, new long[] {1}, new long[] {1}));
        IOException e = assertThrows(IOException.class,
                () -> TorchCheckpointReader.read(CheckpointZips.checkpoint(tmp, pkl, Map.of("0", new byte[8]))));
        assertFalse(e instanceof UnsafeCheckpointException);
        assertTrue(e.getMessage().contains("storage type torch.ComplexFloatStorage is not supported"), e.getMessage());
    }

    @Test
    void nonDictRootIsRefused() throws IOException {
        byte[] pkl = PickleBuilder.proto2().op(']', '.').bytes();
        assertMessage(CheckpointZips.checkpoint(tmp, pkl, Map.of()), "checkpoint holds a list, not a dict of tensors");
    }

    private interface Body {
        void write(PickleBuilder p);
    }

    /** {@code {key: <body>}} */
    private static byte[] dict(String key, PickleBuilder p, Body value) {
        p.op('}').str(key);
        value.write(p);
        return p.op('s', '.').bytes();
    }

    private static void assertMessage(Path file, String fragment) {
        IOException e = assertThrows(IOException.class, () -> TorchCheckpointReader.read(file));
        assertTrue(e.getMessage().startsWith(file.toString() + ":"), "names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
    }
}

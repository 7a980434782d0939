package org.aubert.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.aubert.core.tensor.Tensor;

class ShardedSafetensorsTest {
    @TempDir Path tmp;

    private final Tensor a = Tensor.ofFloats(new long[]{2}, new float[]{1, 2});
    private final Tensor b = Tensor.ofFloats(new long[]{3}, new float[]{3, 4, 5});
    private final Tensor c = Tensor.ofLongs(new long[]{1}, new long[]{9});

    @Test
    void readsTensorsAcrossShards() throws Exception {
        SafetensorsWriter.write(tmp.resolve("model-00001-of-00002.safetensors"), Map.of("a", a, "b", b));
        SafetensorsWriter.write(tmp.resolve("model-00002-of-00002.safetensors"), Map.of("c", c));
        Path index = index("{\"metadata\":{\"total_size\":28},\"weight_map\":{\"a\":\"model-00001-of-00002.safetensors\","
                + "\"b\":\"model-00001-of-00002.safetensors\",\"c\":\"model-00002-of-00002.safetensors\"}}");
        try (ShardedSafetensors s = ShardedSafetensors.open(index)) {
            assertEquals(List.of("a", "b", "c"), List.copyOf(s.names()));
            assertTrue(b.contentEquals(s.get("b")));
            assertTrue(c.contentEquals(s.get("c")));
            assertEquals("28", s.metadata().get("total_size"));
        }
    }

    @Test
    void refusesAnIndexThatDisagreesWithItsShards() throws Exception {
        SafetensorsWriter.write(tmp.resolve("s1.safetensors"), Map.of("a", a, "b", b));
        Path missingShard = index("{\"weight_map\":{\"a\":\"s1.safetensors\",\"b\":\"nope.safetensors\"}}");
        var e1 = assertThrows(InvalidCheckpointException.class, () -> ShardedSafetensors.open(missingShard));
        assertTrue(e1.getMessage().contains("tensor 'b' is mapped to a missing or invalid shard 'nope.safetensors'"), e1.getMessage());

        Path wrongTensor = index("{\"weight_map\":{\"a\":\"s1.safetensors\",\"b\":\"s1.safetensors\",\"z\":\"s1.safetensors\"}}");
        var e2 = assertThrows(InvalidCheckpointException.class, () -> ShardedSafetensors.open(wrongTensor));
        assertTrue(e2.getMessage().contains("tensor 'z' is not in shard s1.safetensors"), e2.getMessage());

        Path unlisted = index("{\"weight_map\":{\"a\":\"s1.safetensors\"}}");
        var e3 = assertThrows(InvalidCheckpointException.class, () -> ShardedSafetensors.open(unlisted));
        assertTrue(e3.getMessage().contains("holds tensor 'b' that the index maps elsewhere or not at all"), e3.getMessage());

        Path escape = index("{\"weight_map\":{\"a\":\"../../etc/passwd\"}}");
        assertThrows(InvalidCheckpointException.class, () -> ShardedSafetensors.open(escape));

        Path noMap = index("{\"metadata\":{}}");
        var e4 = assertThrows(InvalidCheckpointException.class, () -> ShardedSafetensors.open(noMap));
        assertTrue(e4.getMessage().endsWith("no \"weight_map\" object"), e4.getMessage());
    }

    private Path index(String json) throws Exception {
        Path p = tmp.resolve("model.safetensors.index.json");
        Files.writeString(p, json);
        return p;
    }
}

package org.aubert.nn.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import org.aubert.core.checkpoint.MapTensorSource;
import org.aubert.core.tensor.Tensor;
import org.aubert.nn.graph.Graph;
import org.aubert.nn.graph.Linear;

/** Loading one checkpoint into the parameters under a target prefix of a larger graph, strictly over that part. */
class WeightLoaderPrefixTest {
    private static Graph graph() {
        Graph g = new Graph(DataType.FLOAT, false);
        new Linear(g.root().child("text"), "dense", 2, 3, true);
        new Linear(g.root().child("audio"), "dense", 2, 3, true);
        new Linear(g.root(), "head", 3, 1, false);
        return g;
    }

    private static Map<String, Tensor> checkpoint(String prefix) {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put(prefix + "dense.weight", Tensor.ofFloats(new long[]{3, 2}, new float[]{1, 2, 3, 4, 5, 6}));
        t.put(prefix + "dense.bias", Tensor.ofFloats(new long[]{3}, new float[]{7, 8, 9}));
        return t;
    }

    @Test
    void loadsOnlyTheTargetPart() throws Exception {
        Graph g = graph();
        WeightLoader.Report r = WeightLoader.load(g, new MapTensorSource("audio ckpt", checkpoint("hubert.")),
                LoadSpec.of(List.of("hubert.")), "audio.");
        assertEquals(2, r.loaded());
        assertEquals("hubert.", r.prefix());
        assertEquals(Nd4j.createFromArray(new float[][]{{1, 2}, {3, 4}, {5, 6}}), g.parameter("audio.dense.weight"));
        assertEquals(Nd4j.createFromArray(7f, 8f, 9f), g.parameter("audio.dense.bias"));
        assertEquals(0.0, g.parameter("text.dense.weight").amaxNumber().doubleValue(), "other parts untouched");
        assertEquals(0.0, g.parameter("head.weight").amaxNumber().doubleValue());
    }

    @Test
    void strictOverThePart() {
        Graph g = graph();
        Map<String, Tensor> missing = checkpoint("");
        missing.remove("dense.bias");
        WeightLoadException e = assertThrows(WeightLoadException.class,
                () -> WeightLoader.load(g, new MapTensorSource("ckpt", missing), LoadSpec.of(List.of()), "text."));
        assertTrue(e.getMessage().contains("part 'text.'") && e.getMessage().contains("missing keys: [dense.bias]"), e.getMessage());

        Map<String, Tensor> extra = checkpoint("");
        extra.put("head.weight", Tensor.ofFloats(new long[]{1, 3}, new float[]{1, 1, 1}));
        e = assertThrows(WeightLoadException.class,
                () -> WeightLoader.load(g, new MapTensorSource("ckpt", extra), LoadSpec.of(List.of()), "text."));
        assertTrue(e.getMessage().contains("unexpected keys: [head.weight]"), "a key of another part is unexpected: " + e.getMessage());
        assertEquals(0.0, g.parameter("text.dense.weight").amaxNumber().doubleValue(), "nothing assigned on failure");

        assertThrows(IllegalArgumentException.class,
                () -> WeightLoader.load(g, new MapTensorSource("ckpt", checkpoint("")), LoadSpec.of(List.of()), "video."));
    }
}

package org.aubert.nn.train;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Per-parameter state arrays of one kind (e.g. Adam's first moments), created lazily as zeros like the parameter. */
final class OptimizerState {
    private final String kind;
    private final Map<String, INDArray> arrays = new LinkedHashMap<>();

    OptimizerState(String kind) { this.kind = kind; }

    INDArray of(String parameter, INDArray like) {
        return arrays.computeIfAbsent(parameter, k -> like.ulike().assign(0));
    }

    void exportTo(Map<String, INDArray> out) {
        arrays.forEach((name, a) -> out.put(kind + "/" + name, a));
    }

    /** Takes this kind's entries from {@code state}, checking each against its parameter. */
    void importFrom(Map<String, INDArray> state, Map<String, INDArray> parameters) {
        arrays.clear();
        String prefix = kind + "/";
        for (Map.Entry<String, INDArray> e : state.entrySet()) {
            if (!e.getKey().startsWith(prefix)) continue;
            String name = e.getKey().substring(prefix.length());
            INDArray p = parameters.get(name);
            if (p == null) throw new IllegalArgumentException("optimizer state '" + e.getKey() + "' names no trainable parameter");
            if (!Arrays.equals(p.shape(), e.getValue().shape())) {
                throw new IllegalArgumentException("optimizer state '" + e.getKey() + "' has shape " + Arrays.toString(e.getValue().shape())
                        + ", its parameter " + Arrays.toString(p.shape()));
            }
            arrays.put(name, e.getValue().castTo(p.dataType()).dup());
        }
    }

    static void refuseForeignKeys(Map<String, INDArray> state, String... kinds) {
        outer:
        for (String key : state.keySet()) {
            for (String k : kinds) if (key.startsWith(k + "/")) continue outer;
            throw new IllegalArgumentException("optimizer state '" + key + "' is not one of " + Arrays.toString(kinds)
                    + " (was the checkpoint written with another optimizer?)");
        }
    }
}

package org.aubert.core.checkpoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import org.aubert.core.tensor.Tensor;

/** Tensors already in memory (a loaded PyTorch checkpoint, or weights built in code) as a {@link TensorSource}. */
public final class MapTensorSource implements TensorSource {
    private final String description;
    private final Map<String, Tensor> tensors;
    private final Map<String, String> metadata;

    public MapTensorSource(String description, Map<String, Tensor> tensors) {
        this(description, tensors, Map.of());
    }

    public MapTensorSource(String description, Map<String, Tensor> tensors, Map<String, String> metadata) {
        this.description = description;
        this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        this.metadata = Map.copyOf(metadata);
    }

    @Override
    public Set<String> names() { return tensors.keySet(); }

    @Override
    public TensorInfo info(String name) {
        Tensor t = get(name);
        return new TensorInfo(name, t.dtype(), t.shape());
    }

    @Override
    public Tensor get(String name) {
        Tensor t = tensors.get(name);
        if (t == null) throw new NoSuchElementException(description + ": no tensor named '" + name + "'");
        return t;
    }

    @Override
    public Map<String, String> metadata() { return metadata; }

    @Override
    public String description() { return description; }

    @Override
    public void close() {}
}

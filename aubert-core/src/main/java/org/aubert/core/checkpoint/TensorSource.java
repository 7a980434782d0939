package org.aubert.core.checkpoint;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

import org.aubert.core.tensor.Tensor;

/**
 * A named set of tensors (a state dict) that can be listed without reading the weights:
 * one safetensors file, a sharded set of them, or a PyTorch checkpoint.
 */
public interface TensorSource extends AutoCloseable {

    /** Tensor names in file order. */
    Set<String> names();

    /** Dtype and shape of a tensor; throws {@link java.util.NoSuchElementException} naming the source if absent. */
    TensorInfo info(String name);

    /** The tensor's values; may be a read-only view of a memory-mapped file. */
    Tensor get(String name) throws IOException;

    /** Free-form string metadata ({@code __metadata__} of safetensors; empty when the format has none). */
    Map<String, String> metadata();

    /** Where the tensors come from, for error messages. */
    String description();

    default boolean contains(String name) { return names().contains(name); }

    @Override
    void close() throws IOException;
}

package org.aubert.core.checkpoint;

import java.util.Arrays;

import org.aubert.core.tensor.DType;

/** What a checkpoint says about one tensor, before its bytes are read. */
public record TensorInfo(String name, DType dtype, long[] shape) {
    public TensorInfo {
        shape = shape.clone();
    }

    @Override
    public long[] shape() { return shape.clone(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorInfo t && name.equals(t.name) && dtype == t.dtype && Arrays.equals(shape, t.shape);
    }

    @Override
    public int hashCode() { return name.hashCode() * 31 + Arrays.hashCode(shape); }

    @Override
    public String toString() { return name + ":" + dtype + Arrays.toString(shape); }
}

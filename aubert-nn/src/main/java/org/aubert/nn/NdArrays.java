package org.aubert.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import org.aubert.core.tensor.Tensor;

/** Conversions between aubert-core's host {@link Tensor} (files) and ND4J arrays (graphs). */
public final class NdArrays {
    private NdArrays() {}

    /** A tensor as an ND4J array of {@code dtype}: floating tensors as FLOAT/DOUBLE, integers as LONG when dtype is an integer type. */
    public static INDArray toArray(Tensor t, DataType dtype) {
        long[] shape = t.shape();
        INDArray a;
        if (dtype.isFPType()) {
            a = dtype == DataType.DOUBLE ? Nd4j.createFromArray(t.toDoubleArray()) : Nd4j.createFromArray(t.toFloatArray());
        } else {
            a = Nd4j.createFromArray(t.toLongArray());
        }
        return (shape.length == 0 ? a.reshape() : a.reshape(shape)).castTo(dtype);
    }

    /** An array as a host tensor: DOUBLE stays F64, other floating types become F32, integers I64. */
    public static Tensor toTensor(INDArray a) {
        long[] shape = a.shape();
        INDArray c = a.dup('c');
        if (a.dataType() == DataType.DOUBLE) return Tensor.ofDoubles(shape, c.reshape(c.length()).toDoubleVector());
        if (a.dataType().isFPType()) return Tensor.ofFloats(shape, c.castTo(DataType.FLOAT).reshape(c.length()).toFloatVector());
        return Tensor.ofLongs(shape, c.castTo(DataType.INT64).reshape(c.length()).toLongVector());
    }
}

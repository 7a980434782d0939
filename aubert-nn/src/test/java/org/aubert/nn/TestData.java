package org.aubert.nn;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import org.aubert.core.tensor.Npy;
import org.aubert.core.tensor.Tensor;

/** Fixtures the build copies onto the test classpath under {@code testdata/}, and array helpers. */
public final class TestData {
    private TestData() {}

    public static Path path(String relative) {
        URL u = TestData.class.getResource("/testdata/" + relative);
        if (u == null) throw new IllegalStateException("test fixture missing from the classpath: testdata/" + relative);
        try {
            return Path.of(u.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path oracle(String relative) { return path("oracles/" + relative); }

    /** Reads an oracle .npy as an ND4J array (floats as FLOAT, integers as LONG). */
    public static INDArray npy(String oracleRelative) throws IOException {
        Tensor t = Npy.read(oracle(oracleRelative));
        INDArray a = t.dtype().isFloating() ? Nd4j.createFromArray(t.toFloatArray()) : Nd4j.createFromArray(t.toLongArray());
        return a.reshape(t.shape());
    }

    /** Max |a - b| over entries where {@code rowMask} [leading dims] is 1 (all entries when null). */
    public static double maxAbsDiff(INDArray a, INDArray b, INDArray rowMask) {
        if (!java.util.Arrays.equals(a.shape(), b.shape())) {
            throw new AssertionError("shape " + java.util.Arrays.toString(a.shape()) + " vs " + java.util.Arrays.toString(b.shape()));
        }
        INDArray d = Transforms.abs(a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)));
        if (rowMask != null) {
            INDArray m = rowMask.castTo(DataType.DOUBLE);
            long[] shape = java.util.Arrays.copyOf(m.shape(), d.rank());
            for (int i = m.rank(); i < d.rank(); i++) shape[i] = 1;
            d = d.mul(m.reshape(shape).broadcast(d.shape()));
        }
        return d.maxNumber().doubleValue();
    }

    private static final class Transforms {
        static INDArray abs(INDArray x) { return org.nd4j.linalg.ops.transforms.Transforms.abs(x, true); }
    }
}

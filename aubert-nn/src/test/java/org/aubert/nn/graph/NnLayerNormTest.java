package org.aubert.nn.graph;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link Nn#layerNorm} on batches: SameDiff's keepDims reductions over a negative axis are wrong for
 * rank >= 3 when the batch is larger than 1, which a batch-1 test cannot see.
 */
class NnLayerNormTest {

    @Test
    void layerNormMatchesLoopsOnRank3And4Batches() {
        for (long[] shape : new long[][]{{2, 6, 8}, {3, 2, 5, 7}, {4, 9}}) {
            SameDiff sd = SameDiff.create();
            long dim = shape[shape.length - 1];
            long[] ph = new long[shape.length];
            java.util.Arrays.fill(ph, -1);
            ph[ph.length - 1] = dim;
            SDVariable x = sd.placeHolder("x", DataType.DOUBLE, ph);
            INDArray g = random(1, dim);
            INDArray b = random(2, dim);
            SDVariable y = Nn.layerNorm(sd, x, sd.constant(g), sd.constant(b), 1e-5);
            INDArray in = random(3, shape);
            INDArray out = sd.output(Map.of("x", in), y.name()).get(y.name());
            double err = out.sub(reference(in, g, b, 1e-5)).amaxNumber().doubleValue();
            assertTrue(err < 1e-12, java.util.Arrays.toString(shape) + ": layerNorm off by " + err);
        }
    }

    private static INDArray reference(INDArray x, INDArray g, INDArray b, double eps) {
        int n = (int) x.size(x.rank() - 1);
        double[] v = x.dup('c').reshape(-1).toDoubleVector();
        double[] gv = g.toDoubleVector();
        double[] bv = b.toDoubleVector();
        double[] r = new double[v.length];
        for (int row = 0; row < v.length / n; row++) {
            double mean = 0;
            for (int j = 0; j < n; j++) mean += v[row * n + j];
            mean /= n;
            double var = 0;
            for (int j = 0; j < n; j++) var += (v[row * n + j] - mean) * (v[row * n + j] - mean);
            var /= n;
            for (int j = 0; j < n; j++) r[row * n + j] = (v[row * n + j] - mean) / Math.sqrt(var + eps) * gv[j] + bv[j];
        }
        return Nd4j.createFromArray(r).reshape(x.shape());
    }

    private static INDArray random(long seed, long... shape) {
        SplittableRandom rng = new SplittableRandom(seed);
        long n = 1;
        for (long d : shape) n *= d;
        double[] v = new double[(int) n];
        for (int i = 0; i < v.length; i++) v[i] = rng.nextDouble() * 4 - 2;
        return Nd4j.createFromArray(v).reshape(shape);
    }
}

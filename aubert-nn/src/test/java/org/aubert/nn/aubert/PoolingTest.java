package org.aubert.nn.aubert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import org.aubert.nn.graph.Graph;

/** Masked mean / max / all pooling and the poolers' dense layer against hand computations. */
class PoolingTest {
    /**
     * [2, 4, 2]. Row 0 pools positions 1..2 (a span), row 1 positions 0..2 (3 valid frames). Values outside the mask are
     * large, so a max or mean that leaked padding would show; valid values are negative, so a max that merely zeroed
     * the padding would show too.
     */
    private static final double[][][] X = {
            {{50, 60}, {-1, -4}, {-3, -2}, {70, 80}},
            {{-2, -6}, {-4, -1}, {-9, -3}, {90, 99}}};
    private static final double[][] MASK = {{0, 1, 1, 0}, {1, 1, 1, 0}};
    private static final double[][] MEAN = {{-2, -3}, {-5, -10.0 / 3}};
    private static final double[][] MAX = {{-1, -2}, {-2, -1}};

    private static INDArray run(AubertConfig.Pooling mode) {
        Graph g = new Graph(DataType.DOUBLE, false);
        SDVariable x = g.sd().placeHolder("x", DataType.DOUBLE, -1, -1, 2);
        SDVariable m = g.sd().placeHolder("m", DataType.DOUBLE, -1, -1);
        MaskedPooling.pool(g.sd(), x, m, mode).rename("pooled");
        return g.sd().output(Map.of("x", Nd4j.createFromArray(X), "m", Nd4j.createFromArray(MASK)), "pooled").get("pooled");
    }

    @Test
    void meanOverMaskedPositions() { assertClose(MEAN, run(AubertConfig.Pooling.MEAN)); }

    @Test
    void maxIgnoresPaddingEvenWhenPaddingIsLarger() { assertClose(MAX, run(AubertConfig.Pooling.MAX)); }

    @Test
    void allIsMeanThenMax() {
        double[][] expected = new double[2][4];
        for (int b = 0; b < 2; b++) {
            System.arraycopy(MEAN[b], 0, expected[b], 0, 2);
            System.arraycopy(MAX[b], 0, expected[b], 2, 2);
        }
        assertClose(expected, run(AubertConfig.Pooling.ALL));
    }

    @Test
    void meanLengthAppendsTheLogOfThePositionsPooled() {
        double[][] expected = {{MEAN[0][0], MEAN[0][1], Math.log(2)}, {MEAN[1][0], MEAN[1][1], Math.log(3)}};
        assertClose(expected, run(AubertConfig.Pooling.MEAN_LENGTH));
    }

    /**
     * SpanPooler with dense = [I | 2I] (all), [3I | (1, -1)] (mean_length) or 3I (mean/max) and bias (0.5, -0.5):
     * dense(pool(x)) by hand.
     */
    @ParameterizedTest
    @EnumSource(AubertConfig.Pooling.class)
    void spanPoolerAppliesDenseAfterPooling(AubertConfig.Pooling mode) {
        Graph g = new Graph(DataType.DOUBLE, false);
        SDVariable x = g.sd().placeHolder("x", DataType.DOUBLE, -1, -1, 2);
        SDVariable m = g.sd().placeHolder("m", DataType.DOUBLE, -1, -1);
        new SpanPooler(g.root(), mode, 2).forward(x, m).rename("out");
        INDArray w = switch (mode) {
            case ALL -> Nd4j.createFromArray(new double[][]{{1, 0, 2, 0}, {0, 1, 0, 2}});
            case MEAN_LENGTH -> Nd4j.createFromArray(new double[][]{{3, 0, 1}, {0, 3, -1}});
            default -> Nd4j.createFromArray(new double[][]{{3, 0}, {0, 3}});
        };
        g.setParameter("text_pooler.dense.weight", w);
        g.setParameter("text_pooler.dense.bias", Nd4j.createFromArray(0.5, -0.5));
        INDArray mask = SpanPooler.spanMask(new long[]{1, 0}, new long[]{3, 3}, 4, DataType.DOUBLE);
        assertClose(MASK, mask);
        INDArray out = g.sd().output(Map.of("x", Nd4j.createFromArray(X), "m", mask), "out").get("out");
        double[][] expected = new double[2][2];
        for (int b = 0; b < 2; b++) {
            for (int h = 0; h < 2; h++) {
                double v = switch (mode) {
                    case MEAN -> 3 * MEAN[b][h];
                    case MAX -> 3 * MAX[b][h];
                    case ALL -> MEAN[b][h] + 2 * MAX[b][h];
                    case MEAN_LENGTH -> 3 * MEAN[b][h] + (h == 0 ? 1 : -1) * Math.log(b == 0 ? 2 : 3);
                };
                expected[b][h] = v + (h == 0 ? 0.5 : -0.5);
            }
        }
        assertClose(expected, out);
    }

    @Test
    void spanMaskRefusesEmptyOrOutsideSpans() {
        assertThrows(IllegalArgumentException.class, () -> SpanPooler.spanMask(new long[]{2}, new long[]{2}, 4, DataType.FLOAT));
        assertThrows(IllegalArgumentException.class, () -> SpanPooler.spanMask(new long[]{3}, new long[]{5}, 4, DataType.FLOAT));
        assertThrows(IllegalArgumentException.class, () -> SpanPooler.spanMask(new long[]{-1}, new long[]{1}, 4, DataType.FLOAT));
    }

    private static void assertClose(double[][] expected, INDArray actual) {
        assertArrayEquals(new long[]{expected.length, expected[0].length}, actual.shape());
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                assertEquals(expected[i][j], actual.getDouble(i, j), 1e-12, "[" + i + "," + j + "]");
            }
        }
    }
}

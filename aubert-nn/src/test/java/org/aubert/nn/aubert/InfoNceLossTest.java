package org.aubert.nn.aubert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Symmetric InfoNCE on fixed logits: values and gradient against hand computations. */
class InfoNceLossTest {
    /** Not symmetric, so rows and columns give different losses. */
    private static final double[][] LOGITS = {{2.0, 0.5, -1.0}, {1.5, 0.0, 0.3}, {-0.7, 2.5, 1.0}};

    @Test
    void valuesAndGradientMatchHandComputation() {
        SameDiff sd = SameDiff.create();
        SDVariable logits = sd.var("logits", Nd4j.createFromArray(LOGITS));
        SDVariable eye = sd.placeHolder("eye", DataType.DOUBLE, -1, -1);
        InfoNceLoss.Terms terms = InfoNceLoss.build(sd, logits, eye);
        terms.textToAudio().rename("t2a");
        terms.audioToText().rename("a2t");
        terms.mean().rename("loss");
        Map<String, INDArray> feed = Map.of("eye", Nd4j.eye(3).castTo(DataType.DOUBLE));
        Map<String, INDArray> out = sd.output(feed, "t2a", "a2t", "loss");

        int b = LOGITS.length;
        double t2a = 0;
        double a2t = 0;
        for (int i = 0; i < b; i++) {
            double rowSum = 0;
            double colSum = 0;
            for (int j = 0; j < b; j++) {
                rowSum += Math.exp(LOGITS[i][j]);
                colSum += Math.exp(LOGITS[j][i]);
            }
            t2a += (Math.log(rowSum) - LOGITS[i][i]) / b;
            a2t += (Math.log(colSum) - LOGITS[i][i]) / b;
        }
        assertEquals(t2a, out.get("t2a").getDouble(0), 1e-12);
        assertEquals(a2t, out.get("a2t").getDouble(0), 1e-12);
        assertEquals((t2a + a2t) / 2, out.get("loss").getDouble(0), 1e-12);
        RetrievalMetrics m = RetrievalMetrics.of(LOGITS);
        assertEquals(t2a, m.lossT2a(), 1e-12);
        assertEquals(a2t, m.lossA2t(), 1e-12);

        // d loss / d x[i][j] = (softmax_row_i(x)[j] - [i==j]) / 2B + (softmax_col_j(x)[i] - [i==j]) / 2B.
        sd.setLossVariables("loss");
        INDArray grad = sd.calculateGradients(feed, List.of("logits")).get("logits");
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < b; j++) {
                double row = 0;
                double col = 0;
                for (int k = 0; k < b; k++) {
                    row += Math.exp(LOGITS[i][k]);
                    col += Math.exp(LOGITS[k][j]);
                }
                double delta = i == j ? 1 : 0;
                double expected = (Math.exp(LOGITS[i][j]) / row - delta) / (2 * b) + (Math.exp(LOGITS[i][j]) / col - delta) / (2 * b);
                assertEquals(expected, grad.getDouble(i, j), 1e-12, "gradient [" + i + "," + j + "]");
            }
        }
    }
}

package org.aubert.nn.aubert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import org.aubert.nn.graph.Graph;

/**
 * The cosine scorers against a direct computation, and the property the centred one exists for: a component shared by
 * every example of a batch (an n-gram group's words) does not change its scores, while it drowns the plain cosine's.
 */
class CosineScorerTest {
    private static final int B = 4;
    private static final int P = 5;

    @Test
    void scoresAreScaledCosinesOfTheEmbeddingsOrOfTheirDeviationsFromTheBatchMean() {
        Nd4j.getRandom().setSeed(7);
        INDArray t = Nd4j.randn(DataType.DOUBLE, B, P);
        INDArray a = Nd4j.randn(DataType.DOUBLE, B, P);
        for (boolean centred : new boolean[]{false, true}) {
            INDArray got = scores(centred, t, a);
            INDArray tc = centred ? t.subRowVector(t.mean(0)) : t;
            INDArray ac = centred ? a.subRowVector(a.mean(0)) : a;
            double scale = 1 / 0.07;
            for (int i = 0; i < B; i++) {
                for (int j = 0; j < B; j++) {
                    INDArray x = tc.getRow(i);
                    INDArray y = ac.getRow(j);
                    double cos = x.mul(y).sumNumber().doubleValue() / (x.norm2Number().doubleValue() * y.norm2Number().doubleValue());
                    assertEquals(scale * cos, got.getDouble(i, j), 1e-9, (centred ? "centred" : "plain") + " [" + i + "," + j + "]");
                }
            }
        }
    }

    @Test
    void aSharedComponentLeavesCentredScoresUnchangedButFlattensPlainOnes() {
        Nd4j.getRandom().setSeed(8);
        INDArray t = Nd4j.randn(DataType.DOUBLE, B, P).muli(1e-3);
        INDArray a = Nd4j.randn(DataType.DOUBLE, B, P).muli(1e-3);
        INDArray shared = Nd4j.randn(DataType.DOUBLE, 1, P);
        INDArray tShared = t.addRowVector(shared);
        INDArray aShared = a.addRowVector(shared.neg());

        double centredChange = scores(true, tShared, aShared).sub(scores(true, t, a)).amaxNumber().doubleValue();
        assertTrue(centredChange < 1e-6, "centred scores moved by " + centredChange);
        // The plain cosine sees almost only the shared part: every score close to -scale, their spread tiny.
        INDArray plain = scores(false, tShared, aShared);
        double spread = plain.maxNumber().doubleValue() - plain.minNumber().doubleValue();
        INDArray centred = scores(true, tShared, aShared);
        double centredSpread = centred.maxNumber().doubleValue() - centred.minNumber().doubleValue();
        assertTrue(spread < 0.1 && centredSpread > 1, "plain spread " + spread + ", centred spread " + centredSpread);
    }

    private static INDArray scores(boolean centred, INDArray t, INDArray a) {
        Graph g = new Graph(DataType.DOUBLE, false);
        SDVariable text = g.sd().placeHolder("t", DataType.DOUBLE, -1, P);
        SDVariable audio = g.sd().placeHolder("a", DataType.DOUBLE, -1, P);
        AubertConfig.ScorerType type = centred ? AubertConfig.ScorerType.CENTRED_COSINE : AubertConfig.ScorerType.COSINE;
        Scorer.create(g.root(), type, P).logits(text, audio).rename("scores");
        String scale = "scorer.logit_scale";
        g.setParameter(scale, Nd4j.valueArrayOf(g.parameter(scale).shape(), CosineScorer.INITIAL_LOGIT_SCALE, DataType.DOUBLE));
        return g.sd().output(Map.of("t", t, "a", a), "scores").get("scores");
    }
}

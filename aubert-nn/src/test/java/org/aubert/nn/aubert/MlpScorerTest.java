package org.aubert.nn.aubert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import org.aubert.nn.graph.Graph;
import org.aubert.nn.graph.Nn;

/** The split-weight, broadcast MLP scorer equals the MLP applied to each explicitly concatenated pair [t_i; a_j]. */
class MlpScorerTest {
    private static final int B = 3;
    private static final int P = 4;

    @Test
    void equalsExplicitConcatenationOfEveryPair() {
        Graph g = new Graph(DataType.DOUBLE, false);
        SDVariable text = g.sd().placeHolder("t", DataType.DOUBLE, -1, P);
        SDVariable audio = g.sd().placeHolder("a", DataType.DOUBLE, -1, P);
        Scorer.create(g.root(), AubertConfig.ScorerType.MLP, P).logits(text, audio).rename("scores");
        TinyAubert.randomise(g, 11);
        Nd4j.getRandom().setSeed(3);
        INDArray t = Nd4j.randn(DataType.DOUBLE, B, P);
        INDArray a = Nd4j.randn(DataType.DOUBLE, B, P);
        INDArray fast = g.sd().output(Map.of("t", t, "a", a), "scores").get("scores");

        // Every pair concatenated: row i*B + j is [t_i; a_j] (text half first, as the scorer's weight is split).
        INDArray pairs = Nd4j.create(DataType.DOUBLE, B * B, 2 * P);
        for (int i = 0; i < B; i++) {
            for (int j = 0; j < B; j++) {
                pairs.getRow(i * B + j).assign(Nd4j.concat(0, t.getRow(i), a.getRow(j)));
            }
        }
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.constant(pairs);
        SDVariable h = Nn.geluExact(sd, Nn.linear(sd, x, 2, sd.constant(g.parameter("scorer.fc1.weight")),
                sd.constant(g.parameter("scorer.fc1.bias")), 2 * P, P));
        SDVariable y = Nn.linear(sd, h, 2, sd.constant(g.parameter("scorer.fc2.weight")),
                sd.constant(g.parameter("scorer.fc2.bias")), P, 1);
        INDArray explicit = y.eval().reshape(B, B);

        assertArrayEquals(new long[]{B, B}, fast.shape());
        double diff = fast.sub(explicit).amaxNumber().doubleValue();
        assertTrue(diff < 1e-12, "max |split - concat| = " + diff);
        // Not trivially equal: the scores depend on both the text row and the audio column.
        assertTrue(fast.getDouble(0, 1) != fast.getDouble(0, 2) && fast.getDouble(0, 1) != fast.getDouble(1, 1));
    }
}

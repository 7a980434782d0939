package org.aubert.nn.aubert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** Retrieval metrics on hand-made logit matrices with known answers, ties included. */
class RetrievalMetricsTest {
    /**
     * Rows (text to audio): row 0 ranks its positive first; row 1 ties its positive with column 0 (argmax picks 0, so
     * accuracy misses, while the rank is 1); row 2's positive is third. Columns (audio to text): column 0's positive is
     * second; column 1 first; column 2 is all ties (rank 1, argmax row 0: an accuracy miss).
     */
    private static final double[][] TIES = {{3, 1, 0}, {2, 2, 0}, {5, 1, 0}};

    @Test
    void handMadeMatrixWithTies() {
        RetrievalMetrics m = RetrievalMetrics.of(TIES);
        assertEquals(3, m.batchSize());
        assertEquals(1.0 / 3, m.chance(), 1e-15);
        assertEquals(1.0 / 3, m.t2aAccuracy(), 1e-15);
        assertEquals(2.0 / 3, m.t2aRecallAt1(), 1e-15);
        assertEquals(1.0, m.t2aRecallAt5(), 1e-15);
        assertEquals((1 + 1 + 1.0 / 3) / 3, m.t2aMrr(), 1e-15);
        assertEquals(1.0 / 3, m.a2tAccuracy(), 1e-15);
        assertEquals(2.0 / 3, m.a2tRecallAt1(), 1e-15);
        assertEquals(1.0, m.a2tRecallAt5(), 1e-15);
        assertEquals((0.5 + 1 + 1) / 3, m.a2tMrr(), 1e-15);
        double t2a = (Math.log(Math.exp(3) + Math.exp(1) + 1) - 3 + Math.log(2 * Math.exp(2) + 1) - 2
                + Math.log(Math.exp(5) + Math.exp(1) + 1) - 0) / 3;
        double a2t = (Math.log(Math.exp(3) + Math.exp(2) + Math.exp(5)) - 3 + Math.log(Math.exp(1) + Math.exp(2) + Math.exp(1)) - 2
                + Math.log(3) - 0) / 3;
        assertEquals(t2a, m.lossT2a(), 1e-12);
        assertEquals(a2t, m.lossA2t(), 1e-12);
        assertEquals((t2a + a2t) / 2, m.loss(), 1e-12);
    }

    /** 7 × 7, identity plus a row whose positive ranks 6th: recall@5 misses it, recall@1 and accuracy count the rest. */
    @Test
    void recallAtFiveAndPerfectColumns() {
        double[][] x = new double[7][7];
        for (int i = 0; i < 7; i++) x[i][i] = 10;
        x[3] = new double[]{6, 5, 4, 1, 3, 2, 0};
        RetrievalMetrics m = RetrievalMetrics.of(Nd4j.createFromArray(x));
        assertEquals(6.0 / 7, m.t2aAccuracy(), 1e-15);
        assertEquals(6.0 / 7, m.t2aRecallAt1(), 1e-15);
        assertEquals(6.0 / 7, m.t2aRecallAt5(), 1e-15);
        assertEquals((6 + 1.0 / 6) / 7, m.t2aMrr(), 1e-15);
        // Column 3 holds 1 at its positive and 0 elsewhere except row 3; every column's positive is its maximum.
        assertEquals(1.0, m.a2tAccuracy(), 1e-15);
        assertEquals(1.0, m.a2tMrr(), 1e-15);
        assertEquals(1.0 / 7, m.chance(), 1e-15);
    }

    @Test
    void mapHasSnakeCaseKeysAndPlainValues() {
        Map<String, Object> map = RetrievalMetrics.of(TIES).toMap();
        assertEquals(List.of("batch_size", "t2a_accuracy", "a2t_accuracy", "t2a_recall_at_1", "t2a_recall_at_5", "a2t_recall_at_1",
                "a2t_recall_at_5", "t2a_mrr", "a2t_mrr", "loss_t2a", "loss_a2t", "loss", "chance"), List.copyOf(map.keySet()));
        assertEquals(3, map.get("batch_size"));
        assertEquals(2.0 / 3, (Double) map.get("t2a_recall_at_1"), 1e-15);
    }

    @Test
    void refusesNonSquare() {
        assertThrows(IllegalArgumentException.class, () -> RetrievalMetrics.of(new double[][]{{1, 2}}));
        assertThrows(IllegalArgumentException.class, () -> RetrievalMetrics.of(Nd4j.zeros(2, 3)));
    }
}

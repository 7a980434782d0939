package org.aubert.nn.aubert;

import java.util.LinkedHashMap;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Retrieval quality of one [B, B] logit matrix (row i = text i, column j = audio j, positives on the diagonal), both
 * ways: text to audio (rank audio i within row i) and audio to text (rank text j within column j).
 *
 * <p>Tie rules: {@code accuracy} is the argmax rule of numpy / PyTorch (the first maximal index, so a tie with an earlier
 * column counts as a miss); recall@k and MRR use the rank {@code 1 + (number of strictly greater scores)}, so tied
 * candidates share the best rank. The two agree whenever there are no ties.
 *
 * @param batchSize B
 * @param chance    1/B, the accuracy of guessing
 * @param loss      (lossT2a + lossA2t) / 2, the symmetric InfoNCE of the logits (in double precision)
 */
public record RetrievalMetrics(int batchSize, double t2aAccuracy, double a2tAccuracy, double t2aRecallAt1,
                               double t2aRecallAt5, double a2tRecallAt1, double a2tRecallAt5, double t2aMrr, double a2tMrr,
                               double lossT2a, double lossA2t, double loss, double chance) {

    /** Metrics of a square logit matrix (any floating type). */
    public static RetrievalMetrics of(INDArray logits) {
        if (logits.rank() != 2 || logits.size(0) != logits.size(1)) {
            throw new IllegalArgumentException("logits must be [B, B], got " + java.util.Arrays.toString(logits.shape()));
        }
        return of(logits.castTo(DataType.DOUBLE).toDoubleMatrix());
    }

    /** Metrics of a square logit matrix, {@code logits[i][j]} = score of text i with audio j. */
    public static RetrievalMetrics of(double[][] logits) {
        int b = logits.length;
        if (b == 0) throw new IllegalArgumentException("empty logit matrix");
        for (double[] row : logits) {
            if (row.length != b) throw new IllegalArgumentException("logits must be square, got a row of " + row.length + " in " + b);
        }
        Direction t2a = direction(logits);
        Direction a2t = direction(transpose(logits));
        return new RetrievalMetrics(b, t2a.accuracy, a2t.accuracy, t2a.recall1, t2a.recall5, a2t.recall1, a2t.recall5,
                t2a.mrr, a2t.mrr, t2a.loss, a2t.loss, (t2a.loss + a2t.loss) / 2, 1.0 / b);
    }

    /** The metrics under snake_case keys, values as Integer/Double (for JSON logs). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("batch_size", batchSize);
        m.put("t2a_accuracy", t2aAccuracy);
        m.put("a2t_accuracy", a2tAccuracy);
        m.put("t2a_recall_at_1", t2aRecallAt1);
        m.put("t2a_recall_at_5", t2aRecallAt5);
        m.put("a2t_recall_at_1", a2tRecallAt1);
        m.put("a2t_recall_at_5", a2tRecallAt5);
        m.put("t2a_mrr", t2aMrr);
        m.put("a2t_mrr", a2tMrr);
        m.put("loss_t2a", lossT2a);
        m.put("loss_a2t", lossA2t);
        m.put("loss", loss);
        m.put("chance", chance);
        return m;
    }

    private record Direction(double accuracy, double recall1, double recall5, double mrr, double loss) {}

    /** Row i's positive is column i. */
    private static Direction direction(double[][] x) {
        int b = x.length;
        double acc = 0;
        double r1 = 0;
        double r5 = 0;
        double mrr = 0;
        double loss = 0;
        for (int i = 0; i < b; i++) {
            double[] row = x[i];
            int argmax = 0;
            int greater = 0;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < b; j++) {
                if (row[j] > row[argmax]) argmax = j;
                if (row[j] > row[i]) greater++;
                max = Math.max(max, row[j]);
            }
            int rank = 1 + greater;
            if (argmax == i) acc++;
            if (rank <= 1) r1++;
            if (rank <= 5) r5++;
            mrr += 1.0 / rank;
            double sum = 0;
            for (double v : row) sum += Math.exp(v - max);
            loss += max + Math.log(sum) - row[i];
        }
        return new Direction(acc / b, r1 / b, r5 / b, mrr / b, loss / b);
    }

    private static double[][] transpose(double[][] x) {
        double[][] t = new double[x.length][x.length];
        for (int i = 0; i < x.length; i++) for (int j = 0; j < x.length; j++) t[j][i] = x[i][j];
        return t;
    }
}

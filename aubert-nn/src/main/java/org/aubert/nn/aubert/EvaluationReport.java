package org.aubert.nn.aubert;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.aubert.nn.train.Evaluation;

/**
 * Retrieval quality over a whole evaluation set of n-gram groups (one batch per group). Every figure is a mean over
 * examples (a batch of B counts B times), so groups of different sizes weigh by their size; {@code chance} is the
 * same mean of 1/B, the accuracy of guessing, printed beside the accuracies.
 */
public record EvaluationReport(int batches, long examples, double t2aAccuracy, double a2tAccuracy, double t2aRecallAt1,
                               double t2aRecallAt5, double a2tRecallAt1, double a2tRecallAt5, double t2aMrr, double a2tMrr,
                               double loss, double chance) implements Evaluation {

    /** Pools per-batch metrics, each weighted by its batch size. */
    public static EvaluationReport of(List<RetrievalMetrics> perBatch) {
        if (perBatch.isEmpty()) throw new IllegalArgumentException("no evaluation batches");
        double[] s = new double[10];
        long n = 0;
        for (RetrievalMetrics m : perBatch) {
            int b = m.batchSize();
            double[] v = {m.t2aAccuracy(), m.a2tAccuracy(), m.t2aRecallAt1(), m.t2aRecallAt5(), m.a2tRecallAt1(), m.a2tRecallAt5(),
                    m.t2aMrr(), m.a2tMrr(), m.loss(), m.chance()};
            for (int i = 0; i < v.length; i++) s[i] += b * v[i];
            n += b;
        }
        for (int i = 0; i < s.length; i++) s[i] /= n;
        return new EvaluationReport(perBatch.size(), n, s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9]);
    }

    /** The figures under snake_case keys (the JSON report). */
    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("batches", batches);
        m.put("examples", examples);
        m.put("t2a_accuracy", t2aAccuracy);
        m.put("a2t_accuracy", a2tAccuracy);
        m.put("t2a_recall_at_1", t2aRecallAt1);
        m.put("t2a_recall_at_5", t2aRecallAt5);
        m.put("a2t_recall_at_1", a2tRecallAt1);
        m.put("a2t_recall_at_5", a2tRecallAt5);
        m.put("t2a_mrr", t2aMrr);
        m.put("a2t_mrr", a2tMrr);
        m.put("loss", loss);
        m.put("chance", chance);
        return m;
    }

    /** One line for logs: accuracies with chance beside them. */
    @Override
    public String summary() {
        return String.format(Locale.ROOT, "t2a acc %.3f, a2t acc %.3f (chance %.3f), R@5 %.3f/%.3f, MRR %.3f/%.3f, loss %.4f over %d groups, %d examples",
                t2aAccuracy, a2tAccuracy, chance, t2aRecallAt5, a2tRecallAt5, t2aMrr, a2tMrr, loss, batches, examples);
    }

    @Override
    public String brief() {
        return String.format(Locale.ROOT, "acc %.2f/%.2f (chance %.2f)", t2aAccuracy, a2tAccuracy, chance);
    }
}

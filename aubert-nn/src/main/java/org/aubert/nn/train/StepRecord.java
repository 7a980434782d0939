package org.aubert.nn.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one optimiser update did, as logged to {@code metrics.jsonl}. The loss and the model's named metrics (e.g.
 * AuBERT's {@code loss_t2a}, {@code t2a_accuracy}) are means over the accumulated batches, measured with the step's
 * dropout.
 *
 * @param step          1-based index of the update
 * @param epoch         pass over the training data it drew its last batch from
 * @param learningRate  the rate applied (0 for a skipped step)
 * @param metrics       the model's named per-step figures, in the model's order
 * @param gradNorm      global gradient norm before clipping
 * @param skipped       true when the loss or a gradient was not finite and nothing was updated
 */
public record StepRecord(long step, long epoch, double learningRate, double loss, Map<String, Double> metrics,
                         double gradNorm, boolean skipped) {

    public StepRecord {
        metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** A named metric, NaN when the model does not report it. */
    public double metric(String name) {
        Double v = metrics.get(name);
        return v == null ? Double.NaN : v;
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "train");
        m.put("step", step);
        m.put("epoch", epoch);
        m.put("lr", learningRate);
        m.put("loss", finiteOrNull(loss));
        metrics.forEach((k, v) -> m.put(k, finiteOrNull(v)));
        m.put("grad_norm", finiteOrNull(gradNorm));
        m.put("skipped", skipped);
        return m;
    }

    /** JSON has no NaN or infinity; a non-finite value is written as null. */
    private static Double finiteOrNull(double v) { return Double.isFinite(v) ? v : null; }
}

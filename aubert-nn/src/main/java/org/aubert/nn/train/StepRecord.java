package org.aubert.nn.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one optimiser update did, as logged to {@code metrics.jsonl}. Losses and accuracies are means over the
 * accumulated batches, measured with the step's dropout.
 *
 * @param step          1-based index of the update
 * @param epoch         pass over the training data it drew its last batch from
 * @param learningRate  the rate applied (0 for a skipped step)
 * @param gradNorm      global gradient norm before clipping
 * @param skipped       true when the loss or a gradient was not finite and nothing was updated
 */
public record StepRecord(long step, long epoch, double learningRate, double loss, double lossT2a, double lossA2t,
                         double lossMlm, double t2aAccuracy, double a2tAccuracy, double gradNorm, boolean skipped) {

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "train");
        m.put("step", step);
        m.put("epoch", epoch);
        m.put("lr", learningRate);
        m.put("loss", finiteOrNull(loss));
        m.put("loss_t2a", finiteOrNull(lossT2a));
        m.put("loss_a2t", finiteOrNull(lossA2t));
        m.put("loss_mlm", finiteOrNull(lossMlm));
        m.put("t2a_accuracy", t2aAccuracy);
        m.put("a2t_accuracy", a2tAccuracy);
        m.put("grad_norm", finiteOrNull(gradNorm));
        m.put("skipped", skipped);
        return m;
    }

    /** JSON has no NaN or infinity; a non-finite value is written as null. */
    private static Double finiteOrNull(double v) { return Double.isFinite(v) ? v : null; }
}

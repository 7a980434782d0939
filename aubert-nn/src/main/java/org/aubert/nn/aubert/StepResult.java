package org.aubert.nn.aubert;

import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What {@link AubertModel#step} returns: the losses of the batch, retrieval metrics of its logits, and the gradient of
 * {@code loss} for every trainable parameter by name (all from one forward pass with the step's dropout masks).
 *
 * @param loss      the optimised loss: contrastive + mlm_weight × MLM
 * @param lossT2a   text-to-audio cross-entropy (rows)
 * @param lossA2t   audio-to-text cross-entropy (columns)
 * @param lossMlm   the masked-LM loss, 0 for a model without an MLM head
 * @param metrics   accuracies, recalls and MRR of this batch's logits (with dropout, as trained)
 */
public record StepResult(double loss, double lossT2a, double lossA2t, double lossMlm, RetrievalMetrics metrics,
                         Map<String, INDArray> gradients) {

    public double t2aAccuracy() { return metrics.t2aAccuracy(); }

    public double a2tAccuracy() { return metrics.a2tAccuracy(); }
}

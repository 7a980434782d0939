package org.aubert.nn.aubert;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Symmetric InfoNCE over a [B, B] logit matrix whose positives lie on the diagonal: text i must pick audio i among
 * the row ({@code t2a}), audio j must pick text j among the column ({@code a2t}); the loss is their mean.
 *
 * <p>Written as {@code -mean_i sum_j onehot[i,j]·logSoftmax(x)[i,j]} by hand: SameDiff's cross-entropy losses
 * ignore the upstream gradient, and {@code logSoftmax(x, dim)} throws, so the one-argument form runs on the last
 * axis and the columns are handled by transposing. The one-hot targets are the identity [B, B], fed by the caller.
 */
public final class InfoNceLoss {
    /** The three scalar losses as graph variables. */
    public record Terms(SDVariable textToAudio, SDVariable audioToText, SDVariable mean) {}

    private InfoNceLoss() {}

    public static Terms build(SameDiff sd, SDVariable logits, SDVariable identity) {
        SDVariable t2a = rowCrossEntropy(sd, logits, identity);
        SDVariable a2t = rowCrossEntropy(sd, sd.transpose(logits), identity);
        return new Terms(t2a, a2t, t2a.add(a2t).mul(0.5));
    }

    /** Mean over rows of {@code -sum_j targets[i,j]·logSoftmax(x)[i,j]}. */
    static SDVariable rowCrossEntropy(SameDiff sd, SDVariable logits, SDVariable targets) {
        return sd.mean(sd.sum(targets.mul(sd.nn.logSoftmax(logits)), 1)).neg();
    }
}

package org.aubert.nn.aubert;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Masked pooling over the time axis, shared by the text span and the audio frames: [B, T, H] with a 1/0 mask
 * [B, T] to [B, H] ({@code MEAN}, {@code MAX}), [B, 2H] ({@code ALL} = mean then max) or [B, H + 1]
 * ({@code MEAN_LENGTH} = mean then ln of the positions pooled).
 *
 * <p>Reductions run on positive axes without keepDims (SameDiff's keepDims with a negative axis is wrong for rank 3).
 * Every row must have at least one position in its mask; callers check that before running.
 */
final class MaskedPooling {
    /**
     * Added to masked positions before the max, so padding never wins against a real position; large against
     * hidden states (O(10)) yet finite, so a masked-out value stays finite in float graphs.
     */
    static final double MASKED_OFFSET = -1e9;

    private MaskedPooling() {}

    static SDVariable pool(SameDiff sd, SDVariable x, SDVariable mask, AubertConfig.Pooling mode) {
        return switch (mode) {
            case MEAN -> mean(sd, x, mask);
            case MAX -> max(sd, x, mask);
            case ALL -> sd.concat(1, mean(sd, x, mask), max(sd, x, mask));
            case MEAN_LENGTH -> sd.concat(1, mean(sd, x, mask), sd.expandDims(sd.math().log(sd.sum(mask, 1)), 1));
        };
    }

    /** sum_t m[b,t]·x[b,t,:] / sum_t m[b,t]. */
    static SDVariable mean(SameDiff sd, SDVariable x, SDVariable mask) {
        SDVariable sum = sd.sum(x.mul(sd.expandDims(mask, 2)), 1);
        return sum.div(sd.expandDims(sd.sum(mask, 1), 1));
    }

    /** max_t of x[b,t,:] over positions with m[b,t] = 1. */
    static SDVariable max(SameDiff sd, SDVariable x, SDVariable mask) {
        SDVariable offset = sd.expandDims(mask.rsub(1.0).mul(MASKED_OFFSET), 2);
        return sd.max(x.add(offset), 1);
    }
}

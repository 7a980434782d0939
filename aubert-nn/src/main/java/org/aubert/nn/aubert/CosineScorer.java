package org.aubert.nn.aubert;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

import org.aubert.nn.graph.Scope;

/**
 * CLIP's scorer: cosine similarity of the L2-normalised embeddings times {@code exp(logit_scale)}, with the scalar
 * parameter {@code logit_scale} initialised at {@code log(1/0.07)} (see {@link #INITIAL_LOGIT_SCALE}). The scale is not
 * clamped (CLIP clamps it at 100 during training; a trainer may do the same through the parameter).
 */
public final class CosineScorer implements Scorer {
    public static final double INITIAL_LOGIT_SCALE = Math.log(1 / 0.07);
    /** Added to the squared norm so a zero vector normalises to zero instead of NaN. */
    static final double NORM_EPS = 1e-12;

    private final Scope scope;
    private final SDVariable logitScale;

    public CosineScorer(Scope scope) {
        this.scope = scope;
        this.logitScale = scope.param("logit_scale");
    }

    @Override
    public SDVariable logits(SDVariable text, SDVariable audio) {
        SameDiff sd = scope.sd();
        SDVariable sim = sd.mmul(normalise(sd, text), normalise(sd, audio), false, true, false);
        return sim.mul(sd.math.exp(logitScale));
    }

    /** x / |x| per row of [B, P]. */
    private static SDVariable normalise(SameDiff sd, SDVariable x) {
        SDVariable inv = sd.math.rsqrt(sd.sum(x.mul(x), 1).add(NORM_EPS));
        return x.mul(sd.expandDims(inv, 1));
    }
}

package org.aubert.nn.aubert;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

import org.aubert.nn.graph.Scope;

/**
 * CLIP's scorer: cosine similarity of the L2-normalised embeddings times {@code exp(logit_scale)}, with the scalar
 * parameter {@code logit_scale} initialised at {@code log(1/0.07)} (see {@link #INITIAL_LOGIT_SCALE}). The scale is not
 * clamped (CLIP clamps it at 100 during training; a trainer may do the same through the parameter).
 *
 * <p>The centred variant first subtracts each side's batch mean. AuBERT's batches are n-gram groups: every example is
 * the same words, so both encoders' outputs share a large component (the words themselves) and plain cosine scores
 * within a group start almost equal, giving the contrastive loss next to no gradient. Centring leaves only what
 * differs between the occurrences (their contexts and how they were spoken), so it is what gets compared. Scores then
 * depend on the whole batch: compare candidates within one batch, as the group evaluation does.
 */
public final class CosineScorer implements Scorer {
    public static final double INITIAL_LOGIT_SCALE = Math.log(1 / 0.07);
    /** Added to the squared norm so a zero vector normalises to zero instead of NaN. */
    static final double NORM_EPS = 1e-12;

    private final Scope scope;
    private final SDVariable logitScale;
    private final boolean centred;

    /** @param centred subtract each side's batch mean before normalising */
    public CosineScorer(Scope scope, boolean centred) {
        this.scope = scope;
        this.centred = centred;
        this.logitScale = scope.param("logit_scale");
    }

    @Override
    public SDVariable logits(SDVariable text, SDVariable audio) {
        SameDiff sd = scope.sd();
        SDVariable t = centred ? centre(sd, text) : text;
        SDVariable a = centred ? centre(sd, audio) : audio;
        SDVariable sim = sd.mmul(normalise(sd, t), normalise(sd, a), false, true, false);
        return sim.mul(sd.math.exp(logitScale));
    }

    /** x minus its mean over the batch (rows of [B, P]). */
    private static SDVariable centre(SameDiff sd, SDVariable x) {
        return x.sub(sd.expandDims(sd.mean(x, 0), 0));
    }

    /** x / |x| per row of [B, P]. */
    private static SDVariable normalise(SameDiff sd, SDVariable x) {
        SDVariable inv = sd.math.rsqrt(sd.sum(x.mul(x), 1).add(NORM_EPS));
        return x.mul(sd.expandDims(inv, 1));
    }
}

package org.aubert.nn.aubert;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

import org.aubert.nn.graph.Nn;
import org.aubert.nn.graph.Scope;

/**
 * The original's pair scorer: an MLP over every concatenated pair {@code [h_t; h_a]},
 * {@code fc2(gelu(fc1([h_t; h_a])))} with fc1 2P -> P and fc2 P -> 1, parameters in PyTorch Linear layout
 * ({@code fc1.weight} [P, 2P], {@code fc1.bias} [P], {@code fc2.weight} [1, P], {@code fc2.bias} [1]).
 *
 * <p>Concatenating B² pairs would cost a [B², 2P] × [2P, P] product. Since {@code fc1([t; a]) = W_t·t + W_a·a + b} with
 * {@code W = [W_t | W_a]}, each half is applied once per example ([B, P] each) and the B² sums come from broadcasting
 * [B, 1, P] + [1, B, P]; fc2 is then a weighted sum over the last axis.
 */
public final class MlpScorer implements Scorer {
    private final Scope scope;
    private final long proj;
    private final SDVariable w1;
    private final SDVariable b1;
    private final SDVariable w2;
    private final SDVariable b2;

    public MlpScorer(Scope scope, long proj) {
        this.scope = scope;
        this.proj = proj;
        this.w1 = scope.param("fc1.weight", proj, 2 * proj);
        this.b1 = scope.param("fc1.bias", proj);
        this.w2 = scope.param("fc2.weight", 1, proj);
        this.b2 = scope.param("fc2.bias", 1);
    }

    @Override
    public SDVariable logits(SDVariable text, SDVariable audio) {
        SameDiff sd = scope.sd();
        SDVariable wText = sd.stridedSlice(w1, new long[]{0, 0}, new long[]{proj, proj}, new long[]{1, 1});
        SDVariable wAudio = sd.stridedSlice(w1, new long[]{0, proj}, new long[]{proj, 2 * proj}, new long[]{1, 1});
        SDVariable t = Nn.linear(sd, text, 2, wText, b1, proj, proj);
        SDVariable a = Nn.linear(sd, audio, 2, wAudio, null, proj, proj);
        SDVariable h = Nn.geluExact(sd, sd.expandDims(t, 1).add(sd.expandDims(a, 0)));
        return sd.sum(h.mul(sd.reshape(w2, proj)), 2).add(b2);
    }
}

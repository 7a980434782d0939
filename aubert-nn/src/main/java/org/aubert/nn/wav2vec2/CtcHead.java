package org.aubert.nn.wav2vec2;

import org.aubert.nn.graph.Dims;
import org.aubert.nn.graph.Linear;
import org.aubert.nn.graph.Scope;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The CTC head of {@code HubertForCTC} / {@code Wav2Vec2ForCTC}: {@code final_dropout}, then {@code lm_head}
 * H -> vocab. Its keys are never prefixed with the base model's {@code hubert.} / {@code wav2vec2.}.
 */
public final class CtcHead {
    private final Scope scope;
    private final Linear lmHead;
    private final double finalDropout;
    private final Dims dims;

    /** @param dims the dropout mask shape [batch, frames, hidden] */
    public CtcHead(Scope parent, long hidden, long vocab, double finalDropout, Dims dims) {
        this.scope = parent;
        this.lmHead = new Linear(parent, "lm_head", hidden, vocab, true);
        this.finalDropout = finalDropout;
        this.dims = dims;
    }

    /** [B, T, H] -> logits [B, T, vocab]. */
    public SDVariable forward(SDVariable lastHiddenState) {
        return lmHead.forward(scope.dropout("final_dropout", lastHiddenState, finalDropout, dims), 3);
    }
}

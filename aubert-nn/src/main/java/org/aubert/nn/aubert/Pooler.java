package org.aubert.nn.aubert;

import org.nd4j.autodiff.samediff.SDVariable;

import org.aubert.nn.graph.Linear;
import org.aubert.nn.graph.Scope;

/**
 * The original's {@code Pooler}: masked pooling ({@link MaskedPooling}) followed by {@code dense}, a linear map
 * from the pooled width (H, or 2H for {@code ALL}) back to the encoder's hidden size H. Used by both
 * {@link SpanPooler} and {@link FramePooler}.
 */
final class Pooler {
    private final Scope scope;
    private final AubertConfig.Pooling mode;
    private final Linear dense;

    Pooler(Scope scope, AubertConfig.Pooling mode, long hidden) {
        this.scope = scope;
        this.mode = mode;
        this.dense = new Linear(scope, "dense", mode.outputDim(hidden), hidden, true);
    }

    /** [B, T, H] and a 1/0 mask [B, T] to [B, H]. */
    SDVariable forward(SDVariable hidden, SDVariable mask) {
        return dense.forward(MaskedPooling.pool(scope.sd(), hidden, mask, mode), 2);
    }
}

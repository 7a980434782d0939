package org.aubert.nn.wav2vec2;

import org.aubert.core.config.Activation;
import org.aubert.nn.graph.Dims;
import org.aubert.nn.graph.Linear;
import org.aubert.nn.graph.Nn;
import org.aubert.nn.graph.Scope;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * {@code feed_forward}: {@code intermediate_dense} H -> F, activation, {@code intermediate_dropout}
 * (activation_dropout), {@code output_dense} F -> H, {@code output_dropout} (hidden_dropout).
 */
public final class FeedForward {
    private final Scope scope;
    private final Linear intermediate;
    private final Linear output;
    private final Activation activation;
    private final double activationDropout;
    private final double hiddenDropout;
    private final String batchDim;
    private final String timeDim;
    private final long hidden;
    private final long inner;

    public FeedForward(Scope parent, long hidden, long inner, Activation activation, double activationDropout,
                       double hiddenDropout, String batchDim, String timeDim) {
        this.scope = parent.child("feed_forward");
        this.intermediate = new Linear(scope, "intermediate_dense", hidden, inner, true);
        this.output = new Linear(scope, "output_dense", inner, hidden, true);
        this.activation = activation;
        this.activationDropout = activationDropout;
        this.hiddenDropout = hiddenDropout;
        this.batchDim = batchDim;
        this.timeDim = timeDim;
        this.hidden = hidden;
        this.inner = inner;
    }

    /** [B, T, H] -> [B, T, H] (before the residual). */
    public SDVariable forward(SDVariable x) {
        SDVariable h = Nn.activation(scope.sd(), activation, intermediate.forward(x, 3));
        h = scope.dropout("intermediate_dropout", h, activationDropout, Dims.of(batchDim, timeDim, inner));
        return scope.dropout("output_dropout", output.forward(h, 3), hiddenDropout, Dims.of(batchDim, timeDim, hidden));
    }
}

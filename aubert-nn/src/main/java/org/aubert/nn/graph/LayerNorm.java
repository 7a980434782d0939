package org.aubert.nn.graph;

import org.nd4j.autodiff.samediff.SDVariable;

/** {@code nn.LayerNorm} over the last axis: parameters {@code <name>.weight} and {@code <name>.bias}. */
public final class LayerNorm {
    private final Scope scope;
    private final SDVariable gamma;
    private final SDVariable beta;
    private final double eps;

    public LayerNorm(Scope parent, String name, long dim, double eps) {
        this.scope = parent.child(name);
        this.gamma = scope.param("weight", dim);
        this.beta = scope.param("bias", dim);
        this.eps = eps;
    }

    public SDVariable forward(SDVariable x) { return Nn.layerNorm(scope.sd(), x, gamma, beta, eps); }
}

package org.aubert.nn.graph;

import org.nd4j.autodiff.samediff.SDVariable;

/** {@code nn.Linear}: parameters {@code <name>.weight} [out, in] and {@code <name>.bias} [out]. */
public final class Linear {
    private final Scope scope;
    private final SDVariable weight;
    private final SDVariable bias;
    private final long in;
    private final long out;

    public Linear(Scope parent, String name, long in, long out, boolean bias) {
        this.scope = parent.child(name);
        this.in = in;
        this.out = out;
        this.weight = scope.param("weight", out, in);
        this.bias = bias ? scope.param("bias", out) : null;
    }

    /** Applies the layer over the last axis of {@code x}, a tensor of rank {@code rank}. */
    public SDVariable forward(SDVariable x, int rank) {
        return Nn.linear(scope.sd(), x, rank, weight, bias, in, out);
    }

    public SDVariable weight() { return weight; }
}

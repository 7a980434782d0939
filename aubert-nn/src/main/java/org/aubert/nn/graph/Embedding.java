package org.aubert.nn.graph;

import org.nd4j.autodiff.samediff.SDVariable;

/** {@code nn.Embedding}: parameter {@code <name>.weight} [rows, dim], looked up outside the graph (see {@link Graph}). */
public final class Embedding {
    private final Scope scope;
    private final long rows;
    private final long dim;

    public Embedding(Scope parent, String name, long rows, long dim) {
        this.scope = parent.child(name);
        this.rows = rows;
        this.dim = dim;
    }

    /** The rows for the ids fed under {@code idsInput}: shape ids.shape + [dim]. */
    public SDVariable lookup(String idsInput) { return scope.graph().lookup(scope.name("weight"), rows, dim, idsInput); }

    public String weightName() { return scope.name("weight"); }
}

package org.aubert.nn.graph;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/** A name prefix within a {@link Graph}: {@code scope.child("encoder").child("layer.0")} names params like HF. */
public record Scope(Graph graph, String prefix) {

    public Scope child(String name) { return new Scope(graph, prefix.isEmpty() ? name : prefix + "." + name); }

    public String name(String local) { return prefix.isEmpty() ? local : prefix + "." + local; }

    public SameDiff sd() { return graph.sd(); }

    public DataType dtype() { return graph.dtype(); }

    public SDVariable param(String local, long... shape) { return graph.param(name(local), shape); }

    public SDVariable dropout(SDVariable x, double p, Dims dims) { return graph.dropout(name("dropout"), x, p, dims); }

    public SDVariable dropout(String site, SDVariable x, double p, Dims dims) { return graph.dropout(name(site), x, p, dims); }
}

package org.aubert.nn.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A SameDiff graph plus what SameDiff does not track for us: the model parameters by HuggingFace
 * name (in PyTorch layout, so checkpoints load without reshuffling), the embedding lookups done
 * outside the graph, and the dropout sites whose masks are fed per step.
 *
 * <p>Embedding lookups are external because SameDiff 1.0.0-M2.1's gather has a broken backward: the
 * graph sees the looked-up rows as a variable, and {@link GraphRunner} scatters their gradient back
 * into the table.
 */
public final class Graph {
    private final SameDiff sd;
    private final DataType dtype;
    private final boolean training;
    private final Map<String, SDVariable> params = new LinkedHashMap<>();
    private final Map<String, INDArray> tables = new LinkedHashMap<>();
    private final List<Lookup> lookups = new ArrayList<>();
    private final List<DropoutSite> dropouts = new ArrayList<>();
    private final Map<String, SDVariable> ties = new LinkedHashMap<>();
    private final Set<String> frozen = new LinkedHashSet<>();

    /** An embedding lookup fed from outside the graph: {@code rows = table[ids]}. */
    record Lookup(String table, String idsInput, SDVariable rows) {}

    /** A dropout site: {@code mask} is a placeholder of shape {@code dims} fed with {@code (u < keep) / keep}. */
    record DropoutSite(SDVariable mask, double p, Dims dims) {}

    public Graph(DataType dtype, boolean training) {
        this.sd = SameDiff.create();
        this.dtype = dtype;
        this.training = training;
    }

    public SameDiff sd() { return sd; }

    public DataType dtype() { return dtype; }

    public boolean training() { return training; }

    /** The root scope (no name prefix). */
    public Scope root() { return new Scope(this, ""); }

    /** Declares a parameter by its full HF name, initialised to zeros until weights are loaded. */
    SDVariable param(String name, long... shape) {
        if (params.containsKey(name) || tables.containsKey(name)) throw new IllegalStateException("duplicate parameter " + name);
        SDVariable v = sd.var(name, Nd4j.zeros(dtype, shape));
        params.put(name, v);
        return v;
    }

    /** Declares an embedding table (held outside the graph) and returns the rows for {@code idsInput}. */
    SDVariable lookup(String tableName, long rows, long dim, String idsInput) {
        if (!tables.containsKey(tableName)) {
            if (params.containsKey(tableName)) throw new IllegalStateException("duplicate parameter " + tableName);
            tables.put(tableName, Nd4j.zeros(dtype, rows, dim));
        }
        SDVariable v = sd.var(tableName + "@" + idsInput, Nd4j.zeros(dtype, 1, 1, dim));
        lookups.add(new Lookup(tableName, idsInput, v));
        return v;
    }

    /**
     * The embedding table {@code tableName} as an in-graph variable (e.g. BERT's MLM decoder tied to the
     * word embeddings); the runner points it at the table before each run and adds its gradient to the table's.
     */
    public SDVariable tied(String tableName) {
        INDArray table = tables.get(tableName);
        if (table == null) throw new IllegalStateException("no embedding table " + tableName + " to tie to");
        return ties.computeIfAbsent(tableName, t -> sd.var(t + "#tied", table));
    }

    Map<String, SDVariable> ties() { return Collections.unmodifiableMap(ties); }

    SDVariable placeholder(String name, DataType type, long... shape) {
        return sd.placeHolder(name, type, shape);
    }

    /** Inverted dropout with an explicit mask; the identity when not training or {@code p == 0}. */
    SDVariable dropout(String name, SDVariable x, double p, Dims dims) {
        if (!training || p == 0) return x;
        SDVariable mask = sd.placeHolder("dropout/" + name, dtype, dims.placeholderShape());
        dropouts.add(new DropoutSite(mask, p, dims));
        return x.mul(mask);
    }

    /** Parameter names in declaration order: graph variables and embedding tables. */
    public List<String> parameterNames() {
        List<String> names = new ArrayList<>(params.keySet());
        names.addAll(tables.keySet());
        return names;
    }

    /** The current value of a parameter (the live array: writing into it changes the model). */
    public INDArray parameter(String name) {
        INDArray t = tables.get(name);
        if (t != null) return t;
        SDVariable v = params.get(name);
        if (v == null) throw new IllegalArgumentException("no parameter named '" + name + "'");
        return v.getArr();
    }

    public long[] parameterShape(String name) { return parameter(name).shape(); }

    /** Replaces a parameter's value (shape must match; the array is copied into the graph's dtype). */
    public void setParameter(String name, INDArray value) {
        INDArray cur = parameter(name);
        if (!java.util.Arrays.equals(cur.shape(), value.shape())) {
            throw new IllegalArgumentException("parameter '" + name + "' has shape " + java.util.Arrays.toString(cur.shape())
                    + ", got " + java.util.Arrays.toString(value.shape()));
        }
        cur.assign(value.castTo(dtype));
    }

    /**
     * Freezes graph parameters: they become SameDiff constants, so {@link GraphRunner#gradients} neither
     * differentiates them nor back-propagates into parts of the graph that only they feed, and returns no
     * gradient for them. Their values stay readable and writable through {@link #parameter}/{@link #setParameter}.
     * Embedding tables cannot be frozen this way.
     */
    public void freeze(Collection<String> names) {
        List<SDVariable> vars = new ArrayList<>();
        for (String n : names) {
            SDVariable v = params.get(n);
            if (v == null) throw new IllegalArgumentException("no graph parameter named '" + n + "' to freeze");
            if (frozen.add(n)) vars.add(v);
        }
        if (!vars.isEmpty()) sd.convertToConstants(vars);
    }

    /** Parameters frozen by {@link #freeze}, in the order they were frozen. */
    public Set<String> frozenParameterNames() { return Collections.unmodifiableSet(frozen); }

    /** {@link #parameterNames()} less the frozen ones: what an optimiser updates. */
    public List<String> trainableParameterNames() {
        List<String> names = new ArrayList<>(parameterNames());
        names.removeAll(frozen);
        return names;
    }

    Map<String, SDVariable> graphParams() { return Collections.unmodifiableMap(params); }

    List<Lookup> lookups() { return Collections.unmodifiableList(lookups); }

    List<DropoutSite> dropouts() { return Collections.unmodifiableList(dropouts); }
}

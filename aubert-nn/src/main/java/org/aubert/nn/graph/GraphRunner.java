package org.aubert.nn.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.shape.Gather;
import org.nd4j.linalg.api.ops.impl.transforms.segment.UnsortedSegmentSum;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs a {@link Graph}: does the external embedding lookups, makes the dropout masks from a seeded
 * generator, and turns the gradients of looked-up rows back into gradients of their tables.
 */
public final class GraphRunner {
    private final Graph graph;

    public GraphRunner(Graph graph) { this.graph = graph; }

    public Graph graph() { return graph; }

    /**
     * Computes {@code outputs}. {@code inputs} holds placeholders and the id arrays of the lookups;
     * {@code dims} resolves symbolic dropout-mask dimensions; {@code seed} drives the masks.
     */
    public Map<String, INDArray> output(Map<String, INDArray> inputs, Map<String, Long> dims, long seed, String... outputs) {
        return graph.sd().output(prepare(inputs, dims, seed), outputs);
    }

    /**
     * Computes {@code outputs} with every dropout site switched off (masks of ones): evaluating a model built for
     * training without building a second graph.
     */
    public Map<String, INDArray> outputWithoutDropout(Map<String, INDArray> inputs, Map<String, Long> dims, String... outputs) {
        return graph.sd().output(prepare(inputs, dims, null), outputs);
    }

    /**
     * Gradients of the graph's loss variable for every trainable parameter (tables included); frozen
     * parameters ({@link Graph#freeze}) are left out of the map.
     */
    public Map<String, INDArray> gradients(Map<String, INDArray> inputs, Map<String, Long> dims, long seed) {
        return gradientsAndOutputs(inputs, dims, seed).gradients();
    }

    /** Values of requested outputs and the gradients of {@link #gradients}, from one forward pass. */
    public record OutputsAndGradients(Map<String, INDArray> outputs, Map<String, INDArray> gradients) {}

    /**
     * {@link #gradients} plus the values of {@code outputs} (e.g. the loss) from the same pass, with the same
     * dropout masks: a training step needs both and should not pay for a second forward pass.
     */
    public OutputsAndGradients gradientsAndOutputs(Map<String, INDArray> inputs, Map<String, Long> dims, long seed,
                                                   String... outputs) {
        Map<String, INDArray> feeds = prepare(inputs, dims, seed);
        List<String> trainable = new ArrayList<>(graph.graphParams().keySet());
        trainable.removeAll(graph.frozenParameterNames());
        List<String> wrt = new ArrayList<>(trainable);
        for (Graph.Lookup l : graph.lookups()) wrt.add(l.rows().name());
        for (SDVariable t : graph.ties().values()) wrt.add(t.name());
        Map<String, INDArray> g;
        Map<String, INDArray> values;
        ensureGradientFunction();
        if (outputs.length == 0) {
            g = graph.sd().calculateGradients(feeds, wrt);
            values = Map.of();
        } else {
            OutAndGrad og = graph.sd().calculateGradientsAndOutputs(feeds, List.of(outputs), wrt);
            g = og.getGradients();
            values = og.getOutputs();
        }
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (String p : trainable) out.put(p, orZeros(g.get(p), graph.parameter(p)));
        for (Graph.Lookup l : graph.lookups()) {
            INDArray table = graph.parameter(l.table());
            INDArray rowsGrad = g.get(l.rows().name());
            if (rowsGrad == null) continue;
            INDArray ids = inputs.get(l.idsInput()).castTo(DataType.INT64).reshape(-1);
            INDArray flat = rowsGrad.reshape(-1, table.size(1));
            INDArray tableGrad = Nd4j.exec(new UnsortedSegmentSum(flat, ids, (int) table.size(0)))[0];
            out.merge(l.table(), tableGrad, INDArray::add);
        }
        for (Map.Entry<String, SDVariable> t : graph.ties().entrySet()) {
            INDArray tg = g.get(t.getValue().name());
            if (tg != null) out.merge(t.getKey(), tg, INDArray::add);
        }
        for (String t : graph.trainableParameterNames()) out.computeIfAbsent(t, k -> Nd4j.zerosLike(graph.parameter(k)));
        return new OutputsAndGradients(values, out);
    }

    /**
     * Builds SameDiff's gradient function when it does not exist yet (the check {@code calculateGradients} itself
     * makes before building it). SameDiff 1.0.0-M2.1 prints a line per differentiated op to stdout while building and
     * has no switch for it, so the build runs inside {@link QuietStdout}; {@code calculateGradients} then finds the
     * function and builds nothing.
     */
    private void ensureGradientFunction() {
        if (graph.sd().getFunction(GRAD_FUNCTION) == null) QuietStdout.run(() -> graph.sd().createGradFunction());
    }

    /** The name SameDiff stores its gradient function under ({@code SameDiff.GRAD_FN_KEY}, not public). */
    private static final String GRAD_FUNCTION = "grad";

    private static INDArray orZeros(INDArray g, INDArray like) { return g != null ? g : Nd4j.zerosLike(like); }

    /** The placeholder feeds; dropout masks from {@code seed}, or all ones when {@code seed} is null. */
    private Map<String, INDArray> prepare(Map<String, INDArray> inputs, Map<String, Long> dims, Long seed) {
        Map<String, INDArray> feeds = new HashMap<>();
        Set<String> placeholders = Set.copyOf(graph.sd().inputs());
        for (Map.Entry<String, INDArray> e : inputs.entrySet()) {
            if (placeholders.contains(e.getKey())) feeds.put(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, SDVariable> t : graph.ties().entrySet()) {
            graph.sd().getVariable(t.getValue().name()).setArray(graph.parameter(t.getKey()));
        }
        for (Graph.Lookup l : graph.lookups()) {
            INDArray ids = inputs.get(l.idsInput());
            if (ids == null) throw new IllegalArgumentException("missing input '" + l.idsInput() + "'");
            INDArray table = graph.parameter(l.table());
            long[] idShape = ids.shape();
            long[] flatIds = ids.castTo(DataType.INT64).reshape(-1).toLongVector();
            for (long id : flatIds) {
                if (id < 0 || id >= table.size(0)) {
                    throw new IllegalArgumentException(l.idsInput() + " holds id " + id + ", outside [0, " + table.size(0)
                            + ") of " + l.table());
                }
            }
            // The gather op (its forward is right; only its backward is broken), not Nd4j.pullRows: on a 23-row table in
            // a test JVM that had built a graph, pullRows took 8-10 ms per call against 0.3-1 ms for gather (a fifth of a
            // tiny model's forward pass, measured on a busy machine); on a 30k x 768 table both take ~7 ms.
            INDArray rows = Nd4j.exec(new Gather(table, toInts(flatIds), 0))[0];
            long[] shape = java.util.Arrays.copyOf(idShape, idShape.length + 1);
            shape[idShape.length] = table.size(1);
            SDVariable v = l.rows();
            graph.sd().getVariable(v.name()).setArray(rows.reshape(shape));
            if (v.getVariableType() != VariableType.VARIABLE) throw new IllegalStateException(v.name() + " is not a variable");
        }
        java.util.SplittableRandom rng = seed == null ? null : new java.util.SplittableRandom(seed);
        for (Graph.DropoutSite d : graph.dropouts()) {
            feeds.put(d.mask().name(), rng == null ? Nd4j.ones(graph.dtype(), d.dims().resolve(dims)) : mask(d, dims, rng));
        }
        return feeds;
    }

    /** {@code (u < keep) / keep}: inverted dropout, so no rescaling is needed at inference. */
    private INDArray mask(Graph.DropoutSite d, Map<String, Long> dims, java.util.SplittableRandom rng) {
        long[] shape = d.dims().resolve(dims);
        int n = Math.toIntExact(org.aubert.core.tensor.Tensor.numel(shape));
        double keep = 1 - d.p();
        double scale = 1 / keep;
        if (graph.dtype() == DataType.FLOAT) {
            // Straight to float: the same values as casting the double mask ((float) scale or 0), without a double
            // array and a cast of every mask (BERT-base training draws ~39M mask entries per step).
            float scaleF = (float) scale;
            float[] f = new float[n];
            for (int i = 0; i < n; i++) f[i] = rng.nextDouble() < keep ? scaleF : 0f;
            return Nd4j.createFromArray(f).reshape(shape);
        }
        double[] m = new double[n];
        for (int i = 0; i < n; i++) m[i] = rng.nextDouble() < keep ? scale : 0;
        return Nd4j.createFromArray(m).reshape(shape).castTo(graph.dtype());
    }

    private static int[] toInts(long[] v) {
        int[] r = new int[v.length];
        for (int i = 0; i < v.length; i++) r[i] = Math.toIntExact(v[i]);
        return r;
    }
}

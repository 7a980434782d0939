package org.aubert.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;

import org.aubert.nn.graph.Graph;
import org.aubert.nn.graph.GraphRunner;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Central finite differences against {@link GraphRunner#gradients} for a scalar loss variable of a
 * double-precision {@link Graph}, on a random sample of entries of every trainable parameter (embedding
 * tables included). The dropout masks come from the same seed in every evaluation, so training graphs
 * are deterministic functions and can be checked too.
 */
public final class GradientCheck {

    /**
     * @param samplesPerParameter entries checked per parameter (all of them when the parameter is smaller)
     * @param epsilon             finite-difference step
     * @param maxRelativeError    bound on {@code |a - n| / max(|a|, |n|, 1e-8)}
     * @param zeroThreshold       entries with both |a| and |n| below this pass (numerically zero)
     * @param samplingSeed        which entries are sampled
     * @param include             the parameters to check
     */
    public record Options(int samplesPerParameter, double epsilon, double maxRelativeError, double zeroThreshold,
                          long samplingSeed, Predicate<String> include) {
        public static Options defaults() { return new Options(5, 1e-5, 1e-5, 1e-8, 42, n -> true); }

        public Options withSamples(int n) { return new Options(n, epsilon, maxRelativeError, zeroThreshold, samplingSeed, include); }

        public Options withInclude(Predicate<String> p) { return new Options(samplesPerParameter, epsilon, maxRelativeError, zeroThreshold, samplingSeed, p); }
    }

    /** One checked entry. */
    public record Entry(String parameter, long index, double analytic, double numeric, double relativeError, boolean passed) {
        @Override
        public String toString() {
            return String.format("%s[%d] analytic=%.10e numeric=%.10e rel=%.3e", parameter, index, analytic, numeric, relativeError);
        }
    }

    /** All checked entries, the worst one and the failures. */
    public record Result(List<Entry> entries, Entry worst, List<Entry> failures, List<String> parameters) {
        public boolean passed() { return failures.isEmpty(); }

        public int checked() { return entries.size(); }

        public double worstRelativeError() { return worst == null ? 0 : worst.relativeError(); }
    }

    private GradientCheck() {}

    /**
     * Checks the gradient of {@code lossName} (a scalar variable of the graph, made its loss variable here).
     * Perturbs parameters in place and restores them exactly.
     */
    public static Result check(Graph graph, GraphRunner runner, Map<String, INDArray> inputs, Map<String, Long> dims,
                               long seed, String lossName, Options options) {
        if (graph.dtype() != DataType.DOUBLE) throw new IllegalArgumentException("gradient checks need a DOUBLE graph");
        graph.sd().setLossVariables(lossName);
        Map<String, INDArray> analytic = runner.gradients(inputs, dims, seed);
        SplittableRandom rng = new SplittableRandom(options.samplingSeed());
        List<Entry> entries = new ArrayList<>();
        List<String> checkedParams = new ArrayList<>();
        for (String name : graph.trainableParameterNames()) {
            if (!options.include().test(name)) continue;
            INDArray param = graph.parameter(name);
            INDArray grad = analytic.get(name);
            if (grad == null) throw new IllegalStateException("no gradient for trainable parameter " + name);
            if (!Arrays.equals(grad.shape(), param.shape())) {
                throw new IllegalStateException("gradient of " + name + " has shape " + Arrays.toString(grad.shape()));
            }
            checkedParams.add(name);
            INDArray flatGrad = grad.dup('c').reshape(-1);
            for (long idx : sample(param.length(), options.samplesPerParameter(), rng)) {
                double numeric = numericDerivative(runner, param, idx, inputs, dims, seed, lossName, options.epsilon());
                entries.add(entry(name, idx, flatGrad.getDouble(idx), numeric, options));
            }
        }
        Entry worst = entries.stream().max((a, b) -> Double.compare(a.relativeError(), b.relativeError())).orElse(null);
        return new Result(List.copyOf(entries), worst, entries.stream().filter(e -> !e.passed()).toList(), List.copyOf(checkedParams));
    }

    /** The value of a scalar output. */
    public static double loss(GraphRunner runner, Map<String, INDArray> inputs, Map<String, Long> dims, long seed, String lossName) {
        return runner.output(inputs, dims, seed, lossName).get(lossName).getDouble(0);
    }

    private static double numericDerivative(GraphRunner runner, INDArray param, long idx, Map<String, INDArray> inputs,
                                            Map<String, Long> dims, long seed, String lossName, double eps) {
        if (param.isView() || param.ordering() != 'c') throw new IllegalStateException("parameter arrays must be dense, 'c' order");
        double orig = param.getDouble(idx);
        try {
            param.putScalar(idx, orig + eps);
            double plus = loss(runner, inputs, dims, seed, lossName);
            param.putScalar(idx, orig - eps);
            double minus = loss(runner, inputs, dims, seed, lossName);
            return (plus - minus) / (2 * eps);
        } finally {
            param.putScalar(idx, orig);
        }
    }

    private static Entry entry(String name, long idx, double a, double n, Options o) {
        double scale = Math.max(Math.max(Math.abs(a), Math.abs(n)), 1e-8);
        double rel = Math.abs(a - n) / scale;
        boolean zero = Math.abs(a) < o.zeroThreshold() && Math.abs(n) < o.zeroThreshold();
        return new Entry(name, idx, a, n, zero ? 0 : rel, zero || rel <= o.maxRelativeError());
    }

    /** Up to {@code k} distinct indices in [0, n). */
    private static long[] sample(long n, int k, SplittableRandom rng) {
        if (n <= k) {
            long[] all = new long[(int) n];
            for (int i = 0; i < n; i++) all[i] = i;
            return all;
        }
        Set<Long> picked = new LinkedHashSet<>();
        while (picked.size() < k) picked.add(rng.nextLong(n));
        return picked.stream().mapToLong(Long::longValue).toArray();
    }
}

package org.aubert.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.nd4j.linalg.api.ndarray.INDArray;

import org.aubert.nn.graph.Graph;
import org.aubert.nn.graph.GraphRunner;

/**
 * Central finite differences against the analytic gradients of a scalar loss, on a random sample of
 * entries of every trainable parameter (frozen ones get no gradient). Meant for double-precision graphs.
 */
public final class GradientCheck {
    /** Round-off of a central difference of an O(1) double loss with eps = 1e-6 reaches 1e-9 (e.g. key biases, whose true gradient is 0). */
    public static final double ABS_FLOOR = 1e-8;

    private GradientCheck() {}

    /** Outcome: entries checked, the worst relative error and where, and every entry over tolerance. */
    public record Result(int checked, double worstRelError, String worstEntry, List<String> failures) {
        public boolean passed() { return failures.isEmpty(); }
    }

    public static Result check(GraphRunner runner, Map<String, INDArray> inputs, Map<String, Long> dims, long dropoutSeed,
                               String lossName, int samplesPerParam, double eps, double tolerance, long sampleSeed) {
        Graph graph = runner.graph();
        Map<String, INDArray> analytic = runner.gradients(inputs, dims, dropoutSeed);
        SplittableRandom rng = new SplittableRandom(sampleSeed);
        List<String> failures = new ArrayList<>();
        double worst = 0;
        String worstAt = "";
        int checked = 0;
        for (String name : graph.trainableParameterNames()) {
            INDArray p = graph.parameter(name);
            INDArray flat = p.reshape(p.length());
            INDArray grad = analytic.get(name).reshape(p.length());
            int n = (int) Math.min(samplesPerParam, p.length());
            for (int s = 0; s < n; s++) {
                long i = n == p.length() ? s : rng.nextLong(p.length());
                double orig = flat.getDouble(i);
                flat.putScalar(i, orig + eps);
                double plus = loss(runner, inputs, dims, dropoutSeed, lossName);
                flat.putScalar(i, orig - eps);
                double minus = loss(runner, inputs, dims, dropoutSeed, lossName);
                flat.putScalar(i, orig);
                double numeric = (plus - minus) / (2 * eps);
                double a = grad.getDouble(i);
                double denom = Math.max(Math.max(Math.abs(a), Math.abs(numeric)), 1e-8);
                double diff = Math.abs(a - numeric);
                double rel = diff / denom;
                checked++;
                // The reported worst is over gradients large enough for a relative error to mean something;
                // a difference below ABS_FLOOR is finite-difference round-off (e.g. a zero gradient), not a failure.
                if (denom >= 1e-5 && rel > worst) {
                    worst = rel;
                    worstAt = name + "[" + i + "] analytic=" + a + " numeric=" + numeric;
                }
                if (diff > ABS_FLOOR && rel > tolerance) {
                    failures.add(name + "[" + i + "] analytic=" + a + " numeric=" + numeric + " rel=" + rel);
                }
            }
        }
        return new Result(checked, worst, worstAt, failures);
    }

    private static double loss(GraphRunner runner, Map<String, INDArray> inputs, Map<String, Long> dims, long seed, String lossName) {
        return runner.output(inputs, dims, seed, lossName).get(lossName).getDouble(0);
    }
}

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
                double rel = Math.abs(a) < 1e-8 && Math.abs(numeric) < 1e-8 ? 0 : Math.abs(a - numeric) / denom;
                checked++;
                if (rel > worst) {
                    worst = rel;
                    worstAt = name + "[" + i + "] analytic=" + a + " numeric=" + numeric;
                }
                if (rel > tolerance) failures.add(name + "[" + i + "] analytic=" + a + " numeric=" + numeric + " rel=" + rel);
            }
        }
        return new Result(checked, worst, worstAt, failures);
    }

    private static double loss(GraphRunner runner, Map<String, INDArray> inputs, Map<String, Long> dims, long seed, String lossName) {
        return runner.output(inputs, dims, seed, lossName).get(lossName).getDouble(0);
    }
}

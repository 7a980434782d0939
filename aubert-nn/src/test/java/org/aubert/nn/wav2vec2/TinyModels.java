package org.aubert.nn.wav2vec2;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.aubert.core.config.Activation;
import org.aubert.core.config.Wav2Vec2Config;
import org.aubert.nn.graph.Graph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Tiny random HuBERT configs, weights and padded batches for gradient and training tests. */
final class TinyModels {
    private TinyModels() {}

    /**
     * A 2-conv, hidden-8, 2-head HuBERT.
     *
     * @param layerStyle  "layer" conv norms and pre-LN encoder (large style), else "group" and post-LN (base style)
     */
    static Wav2Vec2Config config(boolean layerStyle, int layers, int posKernel, boolean convBias, double dropout,
                                 boolean featProjLayerNorm) {
        return new Wav2Vec2Config(Wav2Vec2Config.ModelType.HUBERT, 5, 8, layers, 2, 12, Activation.GELU,
                dropout, dropout, dropout, dropout, featProjLayerNorm, dropout, 0.0, 0.02, 1e-5,
                layerStyle ? Wav2Vec2Config.FeatureNorm.LAYER : Wav2Vec2Config.FeatureNorm.GROUP, Activation.GELU,
                new int[]{6, 5}, new int[]{2, 2}, new int[]{4, 3}, convBias, posKernel, 2, layerStyle, 0.05, 10, 0);
    }

    /** Random weights: N(0, 0.5) for matrices and biases, norm gains 1 + N(0, 0.1), positive weight_g. */
    static void randomise(Graph graph, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (String name : graph.parameterNames()) {
            INDArray p = graph.parameter(name);
            double[] v = new double[(int) p.length()];
            boolean gain = name.endsWith("norm.weight");
            for (int i = 0; i < v.length; i++) {
                double g = gaussian(rng);
                v[i] = name.endsWith("weight_g") ? 0.5 + rng.nextDouble() : gain ? 1 + 0.1 * g : 0.5 * g;
            }
            graph.setParameter(name, Nd4j.createFromArray(v).reshape(p.shape()));
        }
    }

    static double gaussian(SplittableRandom rng) {
        double u = rng.nextDouble();
        double w = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * w);
    }

    /** [2, 40] samples; row 1 holds 30 real samples then zeros. */
    static INDArray batch(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] v = new double[2][40];
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < (b == 0 ? 40 : 30); i++) v[b][i] = gaussian(rng);
        }
        return Nd4j.createFromArray(v);
    }

    /** The attention mask of {@link #batch}. */
    static INDArray batchMask() {
        int[][] m = new int[2][40];
        for (int b = 0; b < 2; b++) java.util.Arrays.fill(m[b], 0, b == 0 ? 40 : 30, 1);
        return Nd4j.createFromArray(m);
    }

    /** A fixed random tensor. */
    static INDArray random(long seed, DataType dtype, long... shape) {
        SplittableRandom rng = new SplittableRandom(seed);
        long n = 1;
        for (long d : shape) n *= d;
        double[] v = new double[(int) n];
        for (int i = 0; i < v.length; i++) v[i] = gaussian(rng);
        return Nd4j.createFromArray(v).reshape(shape).castTo(dtype);
    }

    /** Copies every parameter of {@code from} into {@code to}. */
    static void copyWeights(Graph from, Graph to) {
        Map<String, INDArray> values = new HashMap<>();
        for (String n : from.parameterNames()) values.put(n, from.parameter(n));
        values.forEach(to::setParameter);
    }
}

package org.aubert.nn.aubert;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import org.aubert.core.config.Activation;
import org.aubert.core.config.BertConfig;
import org.aubert.core.config.Wav2Vec2Config;
import org.aubert.nn.graph.Graph;

/** Tiny random AuBERT configs, weights and padded batches (B = 3) for the tests of this package. */
public final class TinyAubert {
    public static final int VOCAB = 23;

    private TinyAubert() {}

    /** BERT: vocab 23, hidden 8, 1 layer, 2 heads. */
    public static BertConfig text(double dropout) {
        return text(dropout, 0.02);
    }

    /** The same with another initializer_range (0.02 is BERT-base's; a width of 8 trains better near 1/sqrt(8)). */
    public static BertConfig text(double dropout, double initializerRange) {
        return new BertConfig(VOCAB, 8, 1, 2, 12, Activation.GELU, dropout, dropout, 16, 2, initializerRange, 1e-12, 0);
    }

    /** HuBERT base style (group norm, post-LN): 2 convs (kernels 4, 3, strides 2, 2), hidden 8, 1 layer, 2 heads. */
    public static Wav2Vec2Config audio(double dropout) {
        return audio(dropout, 0.02);
    }

    public static Wav2Vec2Config audio(double dropout, double initializerRange) {
        return audio(dropout, initializerRange, Wav2Vec2Config.FeatureNorm.GROUP);
    }

    /** With the conv stack's norm chosen: GROUP (HuBERT base) or LAYER (per-frame LayerNorm, the "large" style). */
    public static Wav2Vec2Config audio(double dropout, double initializerRange, Wav2Vec2Config.FeatureNorm norm) {
        return new Wav2Vec2Config(Wav2Vec2Config.ModelType.HUBERT, 5, 8, 1, 2, 12, Activation.GELU,
                dropout, dropout, dropout, dropout, true, dropout, 0.0, initializerRange, 1e-5,
                norm, Activation.GELU,
                new int[]{6, 5}, new int[]{2, 2}, new int[]{4, 3}, false, 3, 2, false, 0.05, 10, 0);
    }

    public static AubertConfig config(double dropout) {
        return AubertConfig.of(null, text(dropout), null, audio(dropout));
    }

    /**
     * Random weights large enough that every term of every gradient matters: N(0, 0.5), norm gains 1 + N(0, 0.1),
     * positive weight_g, logit_scale 1.
     */
    public static void randomise(Graph graph, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (String name : graph.parameterNames()) {
            INDArray p = graph.parameter(name);
            double[] v = new double[(int) p.length()];
            boolean gain = p.rank() == 1 && name.endsWith(".weight");
            for (int i = 0; i < v.length; i++) {
                double g = rng.nextGaussian();
                v[i] = name.endsWith("logit_scale") ? 1.0 : name.endsWith("weight_g") ? 0.5 + rng.nextDouble() : gain ? 1 + 0.1 * g : 0.5 * g;
            }
            graph.setParameter(name, Nd4j.createFromArray(v).reshape(p.shape()));
        }
    }

    /**
     * Three contexts of 6 tokens (rows 1 and 2 padded to 5 and 4) with spans [1,3), [2,5), [1,2), and three audio
     * segments of 40 samples (9 frames; rows 1 and 2 padded to 30 and 34 samples: 6 and 7 frames).
     */
    public static Batch batch(long seed, boolean mlmLabels) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] textLen = {6, 5, 4};
        int[] audioLen = {40, 30, 34};
        long[][] ids = new long[3][6];
        double[][] mask = new double[3][6];
        double[][] audio = new double[3][40];
        int[][] audioMask = new int[3][40];
        long[][] labels = new long[3][6];
        for (int b = 0; b < 3; b++) {
            for (int t = 0; t < textLen[b]; t++) {
                ids[b][t] = 1 + rng.nextInt(VOCAB - 1);
                mask[b][t] = 1;
            }
            for (int s = 0; s < audioLen[b]; s++) audio[b][s] = rng.nextGaussian();
            Arrays.fill(audioMask[b], 0, audioLen[b], 1);
            Arrays.fill(labels[b], MaskedLmLoss.IGNORE);
            labels[b][textLen[b] - 1] = rng.nextInt(VOCAB);
        }
        labels[0][0] = 7;
        return new Batch(Nd4j.createFromArray(ids), Nd4j.createFromArray(mask), new long[]{1, 2, 1}, new long[]{3, 5, 2},
                Nd4j.createFromArray(audio), Nd4j.createFromArray(audioMask), mlmLabels ? Nd4j.createFromArray(labels) : null);
    }
}

package org.aubert.nn.aubert;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import org.aubert.nn.graph.Graph;

/**
 * HuggingFace-style random initialisation of every parameter of an AuBERT graph, from a seed.
 *
 * <p>Rules by name and shape: matrices and embedding tables N(0, initializer_range) (the encoder's own range under
 * {@code text.} / {@code audio.}, 0.02 for the heads and scorer), BERT's padding row of the word embeddings 0, biases 0,
 * vector {@code *.weight}s (LayerNorm / GroupNorm gains) 1, conv feature-extractor kernels Kaiming-normal
 * (std √(2/fan_in)), the positional conv's {@code weight_v} N(0, 2/√(K·H)) with {@code weight_g} its norm per kernel
 * tap (so the normalised weight equals {@code weight_v} at the start, as after PyTorch's {@code weight_norm}), and
 * {@code logit_scale} = log(1/0.07). A parameter no rule covers is an error, not a silent zero.
 *
 * <p>Each parameter draws from its own generator, seeded by the seed and its name, so its initial value does not
 * depend on which other parameters the graph holds.
 */
public final class ParameterInit {
    static final double HEAD_RANGE = 0.02;

    private ParameterInit() {}

    static void initialise(Graph graph, AubertConfig c, long seed) {
        initialise(graph, name -> name.startsWith(AubertModel.TEXT + ".") ? c.textConfig().initializerRange()
                : name.startsWith(AubertModel.AUDIO + ".") ? c.audioConfig().initializerRange() : HEAD_RANGE,
                c.textConfig().padTokenId(), seed);
    }

    /**
     * The same rules for any graph (e.g. a HuBERT / wav2vec2 CTC model): matrices N(0, {@code range}), no padding row.
     */
    public static void initialise(Graph graph, double range, long seed) {
        initialise(graph, name -> range, -1, seed);
    }

    private static void initialise(Graph graph, java.util.function.ToDoubleFunction<String> rangeOf, int textPadId, long seed) {
        for (String name : graph.parameterNames()) {
            if (!name.endsWith(".weight_g")) graph.setParameter(name, value(graph, rangeOf, textPadId, name, seed));
        }
        // weight_g follows its weight_v, so it goes second.
        for (String name : graph.parameterNames()) {
            if (name.endsWith(".weight_g")) graph.setParameter(name, normPerTap(graph.parameter(name.replace(".weight_g", ".weight_v"))));
        }
    }

    private static INDArray value(Graph graph, java.util.function.ToDoubleFunction<String> rangeOf, int textPadId, String name,
                                  long seed) {
        long[] shape = graph.parameterShape(name);
        SplittableRandom rng = new SplittableRandom(seed ^ fnv64(name));
        if (name.endsWith("logit_scale")) return Nd4j.valueArrayOf(shape, CosineScorer.INITIAL_LOGIT_SCALE);
        if (shape.length == 1 && name.endsWith("bias")) return Nd4j.zeros(shape);
        if (shape.length == 1 && name.endsWith(".weight")) return Nd4j.ones(shape);
        double range = rangeOf.applyAsDouble(name);
        if (shape.length == 3 && name.endsWith(".weight_v")) return normal(rng, shape, 2 / Math.sqrt(shape[2] * shape[0]));
        if (shape.length == 3 && name.endsWith("conv.weight")) return normal(rng, shape, Math.sqrt(2.0 / (shape[1] * shape[2])));
        if (shape.length == 2) {
            INDArray w = normal(rng, shape, range);
            if (name.endsWith("embeddings.word_embeddings.weight") && textPadId >= 0 && textPadId < shape[0]) {
                w.getRow(textPadId).assign(0);
            }
            return w;
        }
        throw new IllegalStateException("no initialisation rule for parameter " + name + " of shape " + java.util.Arrays.toString(shape));
    }

    private static INDArray normal(SplittableRandom rng, long[] shape, double std) {
        double[] v = new double[Math.toIntExact(org.aubert.core.tensor.Tensor.numel(shape))];
        for (int i = 0; i < v.length; i++) v[i] = std * rng.nextGaussian();
        return Nd4j.createFromArray(v).reshape(shape);
    }

    /** [1, 1, K]: the L2 norm of {@code v} [out, in, K] over its first two axes, per tap (PyTorch weight_norm, dim=2). */
    private static INDArray normPerTap(INDArray v) {
        INDArray d = v.castTo(DataType.DOUBLE);
        return Transforms.sqrt(d.mul(d).sum(0, 1), false).reshape(1, 1, v.size(2));
    }

    /** FNV-1a over the name's UTF-8 bytes: a stable 64-bit hash (String.hashCode is only 32 bits). */
    static long fnv64(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}

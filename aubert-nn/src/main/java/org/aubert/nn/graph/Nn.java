package org.aubert.nn.graph;

import org.aubert.core.config.Activation;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Graph building blocks written by composition where SameDiff's built-ins are wrong (see
 * SAMEDIFF-NOTES): exact erf GELU, LayerNorm with an epsilon, linear layers on PyTorch-layout weights.
 */
public final class Nn {
    private static final double INV_SQRT2 = 1 / Math.sqrt(2);

    private Nn() {}

    /** {@code x @ W^T + b} over the last axis of a tensor of rank {@code rank}; W is [out, in] as in PyTorch. */
    public static SDVariable linear(SameDiff sd, SDVariable x, int rank, SDVariable w, SDVariable b, long in, long out) {
        SDVariable x2 = rank == 2 ? x : sd.reshape(x, -1, in);
        SDVariable y = sd.mmul(x2, w, false, true, false);
        if (b != null) y = y.add(b);
        return rank == 2 ? y : restoreLeading(sd, y, x, rank, out);
    }

    /** Reshapes {@code y} [N, last] to {@code like}'s leading {@code rank-1} dims followed by {@code last}. */
    public static SDVariable restoreLeading(SameDiff sd, SDVariable y, SDVariable like, int rank, long last) {
        SDVariable lead = sd.stridedSlice(sd.shape(like), new long[]{0}, new long[]{rank - 1}, new long[]{1});
        return sd.reshape(y, sd.concat(0, lead, sd.constant(Nd4j.createFromArray(new long[]{last}))));
    }

    /** LayerNorm over the last axis with biased variance and an explicit epsilon (the built-in has none). */
    public static SDVariable layerNorm(SameDiff sd, SDVariable x, SDVariable gamma, SDVariable beta, double eps) {
        SDVariable mean = meanLastKeep(sd, x);
        SDVariable centred = x.sub(mean);
        SDVariable var = meanLastKeep(sd, centred.mul(centred));
        SDVariable norm = centred.mul(sd.math.rsqrt(var.add(eps)));
        return norm.mul(gamma).add(beta);
    }

    /**
     * Mean over the last axis, keeping it as size 1. Not {@code sd.mean(x, true, -1)}: in SameDiff 1.0.0-M2.1 a
     * reduction with keepDims and a negative axis returns wrong values for rank >= 3 when the leading dims are
     * not all 1 (rank 2 and batch 1 happen to be right); without keepDims it is right.
     */
    public static SDVariable meanLastKeep(SameDiff sd, SDVariable x) {
        return sd.expandDims(sd.mean(x, false, -1), -1);
    }

    /** Exact GELU {@code 0.5·x·(1 + erf(x/√2))}: SameDiff's gelu is the sigmoid approximation. */
    public static SDVariable geluExact(SameDiff sd, SDVariable x) {
        return x.mul(sd.math.erf(x.mul(INV_SQRT2)).add(1.0)).mul(0.5);
    }

    /** Tanh GELU approximation (HF gelu_new / gelu_pytorch_tanh). */
    public static SDVariable geluTanh(SameDiff sd, SDVariable x) {
        SDVariable inner = x.add(x.mul(x).mul(x).mul(0.044715)).mul(Math.sqrt(2 / Math.PI));
        return x.mul(sd.math.tanh(inner).add(1.0)).mul(0.5);
    }

    public static SDVariable activation(SameDiff sd, Activation a, SDVariable x) {
        return switch (a) {
            case GELU -> geluExact(sd, x);
            case GELU_TANH -> geluTanh(sd, x);
            case RELU -> sd.nn.relu(x, 0);
            case SILU -> x.mul(sd.nn.sigmoid(x));
            case TANH -> sd.math.tanh(x);
        };
    }
}

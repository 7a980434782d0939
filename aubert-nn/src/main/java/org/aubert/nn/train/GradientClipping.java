package org.aubert.nn.train;

import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Global-norm gradient clipping as {@code torch.nn.utils.clip_grad_norm_}. */
final class GradientClipping {
    private GradientClipping() {}

    /** The L2 norm of all gradients taken together (accumulated in double); NaN or infinite if any entry is. */
    static double globalNorm(Map<String, INDArray> gradients) {
        double sq = 0;
        for (INDArray g : gradients.values()) {
            double n = g.norm2Number().doubleValue();
            sq += n * n;
        }
        return Math.sqrt(sq);
    }

    /** Scales every gradient by {@code maxNorm / (norm + 1e-6)} when that is below 1; returns the factor used. */
    static double clip(Map<String, INDArray> gradients, double norm, double maxNorm) {
        double coef = maxNorm / (norm + 1e-6);
        if (coef >= 1) return 1;
        for (INDArray g : gradients.values()) g.muli(coef);
        return coef;
    }
}

package org.aubert.nn.train;

import java.util.LinkedHashMap;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * AdamW as {@code torch.optim.AdamW}: decoupled weight decay {@code p -= lr·wd·p}, then Adam with bias corrections,
 * {@code p -= lr/(1-β1^t) · m / (sqrt(v)/sqrt(1-β2^t) + ε)}. Weight decay applies to matrices only (rank ≥ 2): biases,
 * LayerNorm gains and scalars such as the cosine scorer's temperature are not decayed (the usual BERT recipe).
 */
final class AdamW implements Optimizer {
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final OptimizerState m = new OptimizerState("exp_avg");
    private final OptimizerState v = new OptimizerState("exp_avg_sq");

    AdamW(double beta1, double beta2, double epsilon, double weightDecay) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
    }

    @Override
    public void update(Map<String, INDArray> parameters, Map<String, INDArray> gradients, double lr, long step) {
        double bc1 = 1 - Math.pow(beta1, step);
        double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, step));
        for (Map.Entry<String, INDArray> e : gradients.entrySet()) {
            INDArray p = parameters.get(e.getKey());
            INDArray g = e.getValue().castTo(p.dataType());
            if (weightDecay != 0 && p.rank() >= 2) p.muli(1 - lr * weightDecay);
            INDArray mt = m.of(e.getKey(), p).muli(beta1).addi(g.mul(1 - beta1));
            INDArray vt = v.of(e.getKey(), p).muli(beta2).addi(g.mul(g).muli(1 - beta2));
            INDArray denom = Transforms.sqrt(vt, true).divi(bc2Sqrt).addi(epsilon);
            p.subi(mt.div(denom).muli(lr / bc1));
        }
    }

    @Override
    public Map<String, INDArray> state() {
        Map<String, INDArray> s = new LinkedHashMap<>();
        m.exportTo(s);
        v.exportTo(s);
        return s;
    }

    @Override
    public void loadState(Map<String, INDArray> state, Map<String, INDArray> parameters) {
        OptimizerState.refuseForeignKeys(state, "exp_avg", "exp_avg_sq");
        m.importFrom(state, parameters);
        v.importFrom(state, parameters);
    }
}

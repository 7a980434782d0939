package org.aubert.nn.train;

import java.util.LinkedHashMap;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Adagrad as {@code torch.optim.Adagrad} (no learning-rate decay, zero initial accumulator):
 * {@code s += g²; p -= lr · g / (sqrt(s) + ε)}. Weight decay, when set, is L2 added to the gradient (torch's
 * convention for Adagrad), on matrices only like {@link AdamW}.
 */
final class Adagrad implements Optimizer {
    private final double epsilon;
    private final double weightDecay;
    private final OptimizerState sum = new OptimizerState("sum");

    Adagrad(double epsilon, double weightDecay) {
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
    }

    @Override
    public void update(Map<String, INDArray> parameters, Map<String, INDArray> gradients, double lr, long step) {
        for (Map.Entry<String, INDArray> e : gradients.entrySet()) {
            INDArray p = parameters.get(e.getKey());
            INDArray g = e.getValue().castTo(p.dataType());
            if (weightDecay != 0 && p.rank() >= 2) g = g.add(p.mul(weightDecay));
            INDArray s = sum.of(e.getKey(), p).addi(g.mul(g));
            p.subi(g.div(Transforms.sqrt(s, true).addi(epsilon)).muli(lr));
        }
    }

    @Override
    public Map<String, INDArray> state() {
        Map<String, INDArray> s = new LinkedHashMap<>();
        sum.exportTo(s);
        return s;
    }

    @Override
    public void loadState(Map<String, INDArray> state, Map<String, INDArray> parameters) {
        OptimizerState.refuseForeignKeys(state, "sum");
        sum.importFrom(state, parameters);
    }
}

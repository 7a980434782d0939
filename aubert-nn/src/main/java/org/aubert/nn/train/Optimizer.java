package org.aubert.nn.train;

import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An optimiser that updates parameters in place from their gradients. It keeps per-parameter state (moments,
 * accumulators) that a checkpoint saves and restores exactly, so a resumed run continues bit for bit.
 */
public interface Optimizer {

    /**
     * One update of every parameter in {@code gradients}: {@code parameters.get(name)} is the live array and is changed
     * in place. {@code step} counts updates from 1 (Adam's bias corrections use it).
     */
    void update(Map<String, INDArray> parameters, Map<String, INDArray> gradients, double learningRate, long step);

    /** The optimiser's state as named arrays ({@code <kind>/<parameter name>}), for {@code optimizer.safetensors}. */
    Map<String, INDArray> state();

    /**
     * Restores a state written by {@link #state()}; every key must belong to this optimiser's kind and every shape must
     * match its parameter, or the checkpoint is refused with the offending key named.
     */
    void loadState(Map<String, INDArray> state, Map<String, INDArray> parameters);

    /** Makes the optimiser for {@code config}. */
    static Optimizer create(TrainerConfig config) {
        return switch (config.optimizer()) {
            case ADAMW -> new AdamW(config.beta1(), config.beta2(), config.epsilon(), config.weightDecay());
            case ADAGRAD -> new Adagrad(config.epsilon(), config.weightDecay());
        };
    }
}

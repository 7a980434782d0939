package org.aubert.nn.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

import org.aubert.nn.graph.Graph;

/**
 * A model the {@link Trainer} can train: its parameters live in a {@link Graph} (read and written by name), a step
 * gives the loss and gradients of a batch, an evaluation pools figures over held-out batches, and the model writes
 * and reads its own part of a checkpoint directory.
 *
 * @param <B> the batch type
 * @param <E> the evaluation report type
 */
public interface TrainableModel<B, E extends Evaluation> {
    /** The graph holding the parameters; must have been built for training. */
    Graph graph();

    /**
     * The loss, metrics and gradients of every trainable parameter for {@code batch}, with dropout masks drawn from
     * {@code dropoutSeed}. Parameters are not changed.
     */
    TrainingStep trainingStep(B batch, long dropoutSeed);

    /** Runs the model without dropout over every batch of {@code source} (after resetting it) and pools the figures. */
    E evaluate(BatchStream<B> source);

    /**
     * Writes the model part of a checkpoint into the new directory {@code dir} (config, weights, helper files);
     * {@code previous} is the checkpoint being replaced (it may not exist), to copy helper files from.
     */
    void writeCheckpoint(Path dir, Path previous) throws IOException;

    /** Every parameter saved in the checkpoint directory {@code dir} by {@link #writeCheckpoint}, by graph name. */
    Map<String, INDArray> readCheckpointParameters(Path dir) throws IOException;
}

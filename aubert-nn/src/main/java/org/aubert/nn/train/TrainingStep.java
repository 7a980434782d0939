package org.aubert.nn.train;

import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a {@link TrainableModel} computes for one batch: the optimised loss, named metrics of the batch (logged beside
 * the loss, in this order) and the gradient of the loss for every trainable parameter, all from one set of dropout masks.
 */
public record TrainingStep(double loss, Map<String, Double> metrics, Map<String, INDArray> gradients) {}

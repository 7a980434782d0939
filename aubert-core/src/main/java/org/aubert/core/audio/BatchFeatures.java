package org.aubert.core.audio;

import org.aubert.core.tensor.Tensor;

/**
 * A padded batch from {@link FeatureExtractor}: {@code inputValues} F32 [B, T] and {@code attentionMask}
 * I32 [B, T] (1 on real samples, 0 on padding).
 *
 * <p>The mask is always filled in; whether a model should be given it is the config's
 * {@code returnAttentionMask}: Hugging Face omits it for group-norm (base) models, which are meant to run
 * on the padded batch without a mask.
 */
public record BatchFeatures(Tensor inputValues, Tensor attentionMask) {

    public int batchSize() { return (int) inputValues.shape()[0]; }

    /** Padded length T. */
    public int length() { return (int) inputValues.shape()[1]; }
}

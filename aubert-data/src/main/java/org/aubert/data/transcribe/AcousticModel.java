package org.aubert.data.transcribe;

import java.util.List;

/** An acoustic model: a batch of mono utterances at the model's rate to per-frame CTC log-probabilities. */
public interface AcousticModel {
    /** Sample rate the model takes. */
    int sampleRate();

    /** One [frames][vocab] array of natural-log probabilities per utterance, in order. */
    List<float[][]> logProbs(List<float[]> utterances);
}

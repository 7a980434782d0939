package org.aubert.nn.wav2vec2;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What {@link AudioEncoder#forward} returns.
 *
 * @param convFeatures    [B, T, C] conv-stack output (after the last activation, before the projection)
 * @param hiddenStates    L+1 tensors [B, T, H]: the encoder input, then each layer's raw output (transformers >= 5)
 * @param lastHiddenState [B, T, H]
 * @param logits          [B, T, vocab] for a model with a CTC head, else null
 * @param frameLengths    valid frames per row (all T when no attention mask was given)
 */
public record Wav2Vec2Output(INDArray convFeatures, List<INDArray> hiddenStates, INDArray lastHiddenState,
                             INDArray logits, long[] frameLengths) {

    public Wav2Vec2Output {
        hiddenStates = List.copyOf(hiddenStates);
        frameLengths = frameLengths.clone();
    }

    @Override
    public long[] frameLengths() { return frameLengths.clone(); }

    /** By the fixture names: conv_features, hidden_states_i, last_hidden_state and (if present) logits. */
    public Map<String, INDArray> asMap() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put("conv_features", convFeatures);
        for (int i = 0; i < hiddenStates.size(); i++) m.put("hidden_states_" + i, hiddenStates.get(i));
        m.put("last_hidden_state", lastHiddenState);
        if (logits != null) m.put("logits", logits);
        return m;
    }
}

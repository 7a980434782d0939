package org.aubert.nn.ctc;

import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A batch for CTC training: normalised, right-padded samples with their mask, and per utterance its target ids and
 * the normalised transcript they encode (the reference for error rates).
 *
 * @param inputValues   [B, S] samples
 * @param attentionMask [B, S] 1 = real sample, or null (every sample real)
 * @param labels        target ids per utterance (no blanks)
 * @param transcripts   the reference text per utterance
 */
public record CtcBatch(INDArray inputValues, INDArray attentionMask, int[][] labels, List<String> transcripts) {
    public CtcBatch {
        if (labels.length != inputValues.size(0) || transcripts.size() != labels.length) {
            throw new IllegalArgumentException("batch of " + inputValues.size(0) + " utterances has " + labels.length
                    + " label rows and " + transcripts.size() + " transcripts");
        }
        transcripts = List.copyOf(transcripts);
    }

    public int size() { return labels.length; }
}

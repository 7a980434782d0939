package org.aubert.core.tokenize;

/**
 * Encodings padded to a common length (HF {@code padding="longest"}, on the right), as model inputs.
 *
 * @param ids [batch][length] token ids, padded with the pad token id
 * @param attentionMask [batch][length] 1 for real tokens, 0 for padding
 * @param typeIds [batch][length] token_type_ids, padded with 0
 */
public record PaddedBatch(int[][] ids, int[][] attentionMask, int[][] typeIds) {

    public int batchSize() {
        return ids.length;
    }

    /** Padded length (0 for an empty batch). */
    public int length() {
        return ids.length == 0 ? 0 : ids[0].length;
    }
}

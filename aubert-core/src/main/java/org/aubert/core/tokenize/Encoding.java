package org.aubert.core.tokenize;

import java.util.Arrays;

/**
 * One encoded input (a text or a text pair), with [CLS]/[SEP] added: one array element per token.
 *
 * <p>Offsets come in two units. {@link #offsets()} are <b>code-point</b> offsets into the original
 * text, exactly HF's {@code offset_mapping} (Python indexes strings by code point), so an emoji
 * counts as one. {@link #utf16Offsets()} are the same spans as Java {@code String} (UTF-16 char)
 * indices, for {@code text.substring(start, end)}. Each offset pair is {@code {start, end}} into the
 * sequence the token came from (see {@link #sequenceIds()}); special tokens added here get {@code {0, 0}}.
 *
 * <p>Being a record of arrays, {@code equals} compares array identity, not contents.
 *
 * @param ids token ids
 * @param tokens token strings
 * @param typeIds token_type_ids: 0 for the first sequence and its [CLS]/[SEP], 1 for the second and its [SEP]
 * @param specialTokensMask 1 for the [CLS]/[SEP] added here, 0 otherwise (a "[MASK]" typed in the text counts as 0, as in HF)
 * @param wordIds index of the word within its sequence (HF {@code word_ids()}), -1 for added special tokens
 * @param sequenceIds 0 or 1, -1 for added special tokens (HF {@code sequence_ids()})
 * @param offsets {@code {start, end}} in code points
 * @param utf16Offsets {@code {start, end}} in UTF-16 chars
 */
public record Encoding(int[] ids, String[] tokens, int[] typeIds, int[] specialTokensMask, int[] wordIds,
                       int[] sequenceIds, int[][] offsets, int[][] utf16Offsets) {

    /** Number of tokens. */
    public int size() {
        return ids.length;
    }

    /** All ones: an unpadded encoding attends to every token. */
    public int[] attentionMask() {
        int[] mask = new int[ids.length];
        Arrays.fill(mask, 1);
        return mask;
    }
}

package org.aubert.core.tokenize;

import java.util.Arrays;

/**
 * A character span of a text context located in its tokens: the ids to feed the encoder ({@code [CLS]} window
 * {@code [SEP]}) and the span's tokens {@code [start, end)} among them. The span is the tokens that overlap the
 * character range (UTF-16 indices, as Java strings); a context with more tokens than fit is cut to a window centred
 * on the span.
 */
public record SpanTokens(int[] ids, int start, int end) {

    public SpanTokens {
        ids = ids.clone();
    }

    @Override public int[] ids() { return ids.clone(); }

    public int length() { return ids.length; }

    /**
     * @param maxTokens the most tokens the encoder takes, {@code [CLS]} and {@code [SEP]} included (its
     *                  {@code max_position_embeddings})
     */
    public static SpanTokens locate(BertTokenizer tokenizer, String context, int charStart, int charEnd, int maxTokens) {
        if (charStart < 0 || charEnd > context.length() || charStart >= charEnd) {
            throw new IllegalArgumentException("span [" + charStart + ", " + charEnd + ") is empty or outside the context of "
                    + context.length() + " characters");
        }
        Encoding enc = tokenizer.encode(context);
        int[] content = new int[enc.size()];
        int n = 0;
        int first = -1;
        int last = -1;
        for (int i = 0; i < enc.size(); i++) {
            if (enc.specialTokensMask()[i] == 1) continue;
            int[] off = enc.utf16Offsets()[i];
            if (off[0] < charEnd && off[1] > charStart) {
                if (first < 0) first = n;
                last = n;
            }
            content[n++] = enc.ids()[i];
        }
        if (first < 0) {
            throw new IllegalArgumentException("no token overlaps characters [" + charStart + ", " + charEnd + ") \""
                    + context.substring(charStart, charEnd) + "\"");
        }
        int room = maxTokens - 2;
        int spanLen = last - first + 1;
        if (spanLen > room) throw new IllegalArgumentException("the span covers " + spanLen + " tokens, more than the encoder's " + room);
        int from = Math.max(0, Math.min(first - (room - spanLen) / 2, n - room));
        int to = Math.min(n, from + room);
        int[] ids = new int[to - from + 2];
        ids[0] = tokenizer.tokenToId(tokenizer.config().clsToken());
        System.arraycopy(content, from, ids, 1, to - from);
        ids[ids.length - 1] = tokenizer.tokenToId(tokenizer.config().sepToken());
        return new SpanTokens(ids, first - from + 1, last - from + 2);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpanTokens s && start == s.start && end == s.end && Arrays.equals(ids, s.ids);
    }

    @Override
    public int hashCode() { return 31 * (31 * Arrays.hashCode(ids) + start) + end; }

    @Override
    public String toString() { return "SpanTokens[" + ids.length + " ids, span " + start + ".." + end + "]"; }
}

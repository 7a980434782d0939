package org.aubert.nn.aubert;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One contrastive batch: B occurrences of one n-gram by one speaker, each a text context with the n-gram's token span
 * and the audio segment of that occurrence. Example i's text and audio are the positive pair; every other audio in
 * the batch is a negative for text i and vice versa.
 *
 * @param textIds       [B, T] token ids (an integer type), padded on the right
 * @param textMask      [B, T] 1 = token, 0 = padding, or null for no padding
 * @param spanStart     per example, the first token of the n-gram
 * @param spanEnd       per example, one past its last token: the span is {@code [start, end)}, non-empty, within T and
 *                      on unpadded tokens
 * @param audioValues   [B, S] normalised samples (a floating type), padded on the right
 * @param audioMask     [B, S] 1 = sample, 0 = padding, or null for no padding
 * @param mlmLabels     [B, T] masked-LM target ids, -100 where no loss is taken (HF convention), or null
 */
public record Batch(INDArray textIds, INDArray textMask, long[] spanStart, long[] spanEnd, INDArray audioValues,
                    INDArray audioMask, INDArray mlmLabels) {

    public Batch {
        check(textIds != null && textIds.rank() == 2, "text ids must be [batch, tokens], got " + shape(textIds));
        check(!textIds.dataType().isFPType(), "text ids must be integers, got " + textIds.dataType());
        long b = textIds.size(0);
        long t = textIds.size(1);
        check(b > 0 && t > 0, "empty batch: text ids " + shape(textIds));
        check(textMask == null || Arrays.equals(textMask.shape(), textIds.shape()),
                "text mask " + shape(textMask) + " does not match text ids " + shape(textIds));
        check(spanStart != null && spanEnd != null && spanStart.length == b && spanEnd.length == b,
                "need one span start and end per example (" + b + "), got " + len(spanStart) + " and " + len(spanEnd));
        spanStart = spanStart.clone();
        spanEnd = spanEnd.clone();
        for (int i = 0; i < b; i++) {
            check(spanStart[i] >= 0 && spanStart[i] < spanEnd[i] && spanEnd[i] <= t,
                    "span of example " + i + " [" + spanStart[i] + ", " + spanEnd[i] + ") is empty or outside [0, " + t + ")");
            if (textMask != null) {
                for (long j = spanStart[i]; j < spanEnd[i]; j++) {
                    check(textMask.getDouble(i, j) != 0, "span of example " + i + " covers padding at token " + j);
                }
            }
        }
        check(audioValues != null && audioValues.rank() == 2, "audio values must be [batch, samples], got " + shape(audioValues));
        check(audioValues.dataType().isFPType(), "audio values must be floating point, got " + audioValues.dataType());
        check(audioValues.size(0) == b, "audio batch " + audioValues.size(0) + " differs from text batch " + b);
        check(audioValues.size(1) > 0, "audio values hold no samples");
        check(audioMask == null || Arrays.equals(audioMask.shape(), audioValues.shape()),
                "audio mask " + shape(audioMask) + " does not match audio values " + shape(audioValues));
        check(mlmLabels == null || Arrays.equals(mlmLabels.shape(), textIds.shape()),
                "MLM labels " + shape(mlmLabels) + " do not match text ids " + shape(textIds));
        check(mlmLabels == null || !mlmLabels.dataType().isFPType(), "MLM labels must be integers");
    }

    /** A batch without MLM labels. */
    public static Batch of(INDArray textIds, INDArray textMask, long[] spanStart, long[] spanEnd, INDArray audioValues,
                           INDArray audioMask) {
        return new Batch(textIds, textMask, spanStart, spanEnd, audioValues, audioMask, null);
    }

    public int size() { return (int) textIds.size(0); }

    @Override public long[] spanStart() { return spanStart.clone(); }

    @Override public long[] spanEnd() { return spanEnd.clone(); }

    private static void check(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException("bad batch: " + message);
    }

    private static String shape(INDArray a) { return a == null ? "null" : Arrays.toString(a.shape()); }

    private static String len(long[] a) { return a == null ? "null" : String.valueOf(a.length); }
}

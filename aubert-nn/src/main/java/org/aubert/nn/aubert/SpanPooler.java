package org.aubert.nn.aubert;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import org.aubert.nn.graph.Scope;

/**
 * Text side: pools BERT's last hidden state over the n-gram's token span {@code [start, end)} of each context, then
 * maps it back to the hidden size (parameters {@code text_pooler.dense.*}). The span reaches the graph as a float
 * mask [B, T] built here from the per-example bounds.
 */
public final class SpanPooler {
    public static final String SCOPE = "text_pooler";

    private final Pooler pooler;

    public SpanPooler(Scope parent, AubertConfig.Pooling mode, long hidden) {
        this.pooler = new Pooler(parent.child(SCOPE), mode, hidden);
    }

    /** @param lastHiddenState [B, T, H]; @param spanMask [B, T] from {@link #spanMask}; returns [B, H]. */
    public SDVariable forward(SDVariable lastHiddenState, SDVariable spanMask) { return pooler.forward(lastHiddenState, spanMask); }

    /** [B, length] in {@code dtype}: 1 where {@code start[b] <= t < end[b]}, else 0; spans must be non-empty and inside. */
    public static INDArray spanMask(long[] start, long[] end, long length, DataType dtype) {
        if (start.length != end.length) throw new IllegalArgumentException(start.length + " span starts but " + end.length + " ends");
        double[][] m = new double[start.length][Math.toIntExact(length)];
        for (int b = 0; b < start.length; b++) {
            if (start[b] < 0 || start[b] >= end[b] || end[b] > length) {
                throw new IllegalArgumentException("span " + b + " [" + start[b] + ", " + end[b] + ") is empty or outside [0, " + length + ")");
            }
            for (long t = start[b]; t < end[b]; t++) m[b][(int) t] = 1;
        }
        return Nd4j.createFromArray(m).castTo(dtype);
    }
}

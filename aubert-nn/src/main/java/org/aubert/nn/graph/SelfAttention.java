package org.aubert.nn.graph;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Multi-head self-attention with biases. One implementation for BERT ({@code query/key/value}) and
 * wav2vec2/HuBERT ({@code q_proj/k_proj/v_proj/out_proj}); the projection names are parameters.
 * Scores are {@code (q/√d)·kᵀ + bias}, softmax over keys, attention-probability dropout.
 */
public final class SelfAttention {
    /** Parameter names of the four projections, relative to the attention's scope. */
    public record Names(String query, String key, String value, String output) {
        public static final Names BERT = new Names("self.query", "self.key", "self.value", "output.dense");
        public static final Names WAV2VEC2 = new Names("q_proj", "k_proj", "v_proj", "out_proj");
    }

    private final Scope scope;
    private final Linear q;
    private final Linear k;
    private final Linear v;
    private final Linear o;
    private final int heads;
    private final long hidden;
    private final double dropout;
    private final String batchDim;
    private final String timeDim;

    public SelfAttention(Scope scope, Names names, long hidden, int heads, double attentionDropout,
                         String batchDim, String timeDim) {
        this.scope = scope;
        this.q = new Linear(scope, names.query(), hidden, hidden, true);
        this.k = new Linear(scope, names.key(), hidden, hidden, true);
        this.v = new Linear(scope, names.value(), hidden, hidden, true);
        this.o = new Linear(scope, names.output(), hidden, hidden, true);
        this.heads = heads;
        this.hidden = hidden;
        this.dropout = attentionDropout;
        this.batchDim = batchDim;
        this.timeDim = timeDim;
    }

    /**
     * @param x    [B, T, H]
     * @param bias additive key mask broadcastable to [B, heads, T, T] (e.g. [B, 1, 1, T]), or null
     * @return the output projection of the attended values, [B, T, H] (before any residual)
     */
    public SDVariable forward(SDVariable x, SDVariable bias) {
        SameDiff sd = scope.sd();
        long headDim = hidden / heads;
        SDVariable qh = splitHeads(sd, q.forward(x, 3).mul(1.0 / Math.sqrt(headDim)), x, headDim);
        SDVariable kh = splitHeads(sd, k.forward(x, 3), x, headDim);
        SDVariable vh = splitHeads(sd, v.forward(x, 3), x, headDim);
        SDVariable scores = sd.mmul(qh, kh, false, true, false);
        if (bias != null) scores = scores.add(bias);
        SDVariable probs = sd.nn.softmax(scores, 3);
        probs = scope.dropout("attention_dropout", probs, dropout, Dims.of(batchDim, heads, timeDim, timeDim));
        SDVariable ctx = sd.permute(sd.mmul(probs, vh), 0, 2, 1, 3);
        return o.forward(Nn.restoreLeading(sd, sd.reshape(ctx, -1, hidden), x, 3, hidden), 3);
    }

    /** [B, T, H] -> [B, heads, T, headDim]. */
    private SDVariable splitHeads(SameDiff sd, SDVariable y, SDVariable like, long headDim) {
        SDVariable lead = sd.stridedSlice(sd.shape(like), new long[]{0}, new long[]{2}, new long[]{1});
        SDVariable shape = sd.concat(0, lead, sd.constant(Nd4j.createFromArray(new long[]{heads, headDim})));
        return sd.permute(sd.reshape(y, shape), 0, 2, 1, 3);
    }

    /**
     * The additive key bias for a [B, T] mask of 1 (attend) / 0 (padding): {@code (1 - m) * min_float32},
     * shaped [B, 1, 1, T], as HuggingFace builds it.
     */
    public static SDVariable keyBias(SameDiff sd, SDVariable mask01) {
        SDVariable m = mask01.rsub(1.0).mul(-Float.MAX_VALUE);
        return sd.expandDims(sd.expandDims(m, 1), 1);
    }
}

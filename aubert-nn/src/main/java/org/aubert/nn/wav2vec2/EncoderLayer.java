package org.aubert.nn.wav2vec2;

import org.aubert.core.config.Wav2Vec2Config;
import org.aubert.nn.graph.Dims;
import org.aubert.nn.graph.LayerNorm;
import org.aubert.nn.graph.Scope;
import org.aubert.nn.graph.SelfAttention;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * {@code encoder.layers.<L>}: self-attention and feed-forward with residuals, in one of HF's two arrangements.
 * <ul>
 *   <li>post-LN (base models): {@code h = layer_norm(h + dropout(attn(h)))}, then
 *       {@code h = final_layer_norm(h + ffn(h))};</li>
 *   <li>pre-LN ({@code do_stable_layer_norm}, large models): {@code h = h + dropout(attn(layer_norm(h)))}, then
 *       {@code h = h + ffn(final_layer_norm(h))}.</li>
 * </ul>
 */
public final class EncoderLayer {
    private final Scope scope;
    private final SelfAttention attention;
    private final LayerNorm layerNorm;
    private final FeedForward feedForward;
    private final LayerNorm finalLayerNorm;
    private final boolean preNorm;
    private final double hiddenDropout;
    private final Dims dropoutDims;

    public EncoderLayer(Scope scope, Wav2Vec2Config config, String batchDim, String timeDim) {
        this.scope = scope;
        long h = config.hiddenSize();
        this.attention = new SelfAttention(scope.child("attention"), SelfAttention.Names.WAV2VEC2, h,
                config.numAttentionHeads(), config.attentionDropout(), batchDim, timeDim);
        this.layerNorm = new LayerNorm(scope, "layer_norm", h, config.layerNormEps());
        this.feedForward = new FeedForward(scope, h, config.intermediateSize(), config.hiddenAct(),
                config.activationDropout(), config.hiddenDropout(), batchDim, timeDim);
        this.finalLayerNorm = new LayerNorm(scope, "final_layer_norm", h, config.layerNormEps());
        this.preNorm = config.doStableLayerNorm();
        this.hiddenDropout = config.hiddenDropout();
        this.dropoutDims = Dims.of(batchDim, timeDim, h);
    }

    /**
     * @param x        [B, T, H]
     * @param keyBias  additive attention bias [B, 1, 1, T], or null
     */
    public SDVariable forward(SDVariable x, SDVariable keyBias) {
        if (preNorm) {
            SDVariable h = x.add(attend(layerNorm.forward(x), keyBias));
            return h.add(feedForward.forward(finalLayerNorm.forward(h)));
        }
        SDVariable h = layerNorm.forward(x.add(attend(x, keyBias)));
        return finalLayerNorm.forward(h.add(feedForward.forward(h)));
    }

    private SDVariable attend(SDVariable x, SDVariable keyBias) {
        return scope.dropout(attention.forward(x, keyBias), hiddenDropout, dropoutDims);
    }
}

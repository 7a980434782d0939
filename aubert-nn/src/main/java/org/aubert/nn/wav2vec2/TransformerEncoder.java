package org.aubert.nn.wav2vec2;

import java.util.ArrayList;
import java.util.List;

import org.aubert.core.config.Wav2Vec2Config;
import org.aubert.nn.graph.Dims;
import org.aubert.nn.graph.LayerNorm;
import org.aubert.nn.graph.Scope;
import org.aubert.nn.graph.SelfAttention;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * HF's {@code encoder} (torchaudio's {@code Transformer}): padded frames zeroed, positional conv residual,
 * {@code layer_norm} (before the layers for post-LN models, after them for pre-LN ones), dropout, layers.
 * LayerDrop is not implemented: every layer always runs (exact at inference, where HF skips none either).
 */
public final class TransformerEncoder {
    /** {@code hiddenStates} follows transformers >= 5: the encoder input, then each layer's raw output. */
    public record Outputs(List<SDVariable> hiddenStates, SDVariable lastHiddenState) {}

    private final Scope scope;
    private final PositionalConvEmbedding posConv;
    private final LayerNorm layerNorm;
    private final List<EncoderLayer> layers = new ArrayList<>();
    private final boolean preNorm;
    private final double dropout;
    private final Dims dropoutDims;

    public TransformerEncoder(Scope parent, Wav2Vec2Config config, String batchDim, String timeDim) {
        this.scope = parent.child("encoder");
        long h = config.hiddenSize();
        this.posConv = new PositionalConvEmbedding(scope, h, config.numConvPosEmbeddings(),
                config.numConvPosEmbeddingGroups(), config.featExtractActivation());
        this.layerNorm = new LayerNorm(scope, "layer_norm", h, config.layerNormEps());
        for (int i = 0; i < config.numHiddenLayers(); i++) {
            layers.add(new EncoderLayer(scope.child("layers." + i), config, batchDim, timeDim));
        }
        this.preNorm = config.doStableLayerNorm();
        this.dropout = config.hiddenDropout();
        this.dropoutDims = Dims.of(batchDim, timeDim, h);
    }

    /**
     * @param x         projected features [B, T, H]
     * @param frameMask [B, T], 1 for real frames and 0 for padding, or null for no mask (HF without attention_mask)
     */
    public Outputs forward(SDVariable x, SDVariable frameMask) {
        SameDiff sd = scope.sd();
        SDVariable keyBias = null;
        SDVariable h = x;
        if (frameMask != null) {
            // HF zeroes padded frames before the positional conv, so they do not leak into real frames through it.
            h = h.mul(sd.expandDims(frameMask, 2));
            keyBias = SelfAttention.keyBias(sd, frameMask);
        }
        h = h.add(posConv.forward(h));
        if (!preNorm) h = layerNorm.forward(h);
        h = scope.dropout(h, dropout, dropoutDims);
        List<SDVariable> hidden = new ArrayList<>();
        for (EncoderLayer layer : layers) {
            hidden.add(h);
            h = layer.forward(h, keyBias);
        }
        hidden.add(h);
        SDVariable last = preNorm ? layerNorm.forward(h) : h;
        return new Outputs(hidden, last);
    }
}

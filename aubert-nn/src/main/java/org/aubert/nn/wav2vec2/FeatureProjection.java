package org.aubert.nn.wav2vec2;

import org.aubert.nn.graph.Dims;
import org.aubert.nn.graph.LayerNorm;
import org.aubert.nn.graph.Linear;
import org.aubert.nn.graph.Scope;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * {@code feature_projection}: optional {@code layer_norm} over the conv channels (HuBERT's
 * {@code feat_proj_layer_norm}; always on for wav2vec2), {@code projection} C -> H, then {@code feat_proj_dropout}.
 */
public final class FeatureProjection {
    private final Scope scope;
    private final LayerNorm layerNorm;
    private final Linear projection;
    private final double dropout;
    private final Dims dims;

    /**
     * @param dims the dropout mask shape, [batch, frames, hidden] with symbolic batch and frame sizes
     */
    public FeatureProjection(Scope parent, long convDim, long hidden, boolean layerNorm, double eps, double dropout, Dims dims) {
        this.scope = parent.child("feature_projection");
        this.layerNorm = layerNorm ? new LayerNorm(scope, "layer_norm", convDim, eps) : null;
        this.projection = new Linear(scope, "projection", convDim, hidden, true);
        this.dropout = dropout;
        this.dims = dims;
    }

    /** [B, T, C] -> [B, T, H]. */
    public SDVariable forward(SDVariable features) {
        SDVariable x = layerNorm == null ? features : layerNorm.forward(features);
        return scope.dropout(projection.forward(x, 3), dropout, dims);
    }
}

package org.aubert.nn.wav2vec2;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.aubert.core.config.Wav2Vec2Config;
import org.aubert.nn.graph.Scope;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The convolutional feature encoder ({@code feature_extractor}): raw samples [B, S] to frames [B, C, T].
 * In "group" style only the first block is normalised (GroupNorm); in "layer" style every block has a
 * channel LayerNorm. No dropout happens here, and padded samples are convolved like real ones, as in HF.
 */
public final class ConvFeatureExtractor {
    private final Scope scope;
    private final List<ConvLayerBlock> blocks = new ArrayList<>();

    public ConvFeatureExtractor(Scope parent, Wav2Vec2Config config) {
        this.scope = parent.child("feature_extractor");
        int[] dim = config.convDim();
        int[] kernel = config.convKernel();
        int[] stride = config.convStride();
        long in = 1;
        for (int i = 0; i < dim.length; i++) {
            ConvLayerBlock.Norm norm = switch (config.featExtractNorm()) {
                case GROUP -> i == 0 ? ConvLayerBlock.Norm.GROUP : ConvLayerBlock.Norm.NONE;
                case LAYER -> ConvLayerBlock.Norm.LAYER;
            };
            blocks.add(new ConvLayerBlock(scope.child("conv_layers." + i), in, dim[i], kernel[i], stride[i],
                    config.convBias(), norm, config.featExtractActivation()));
            in = dim[i];
        }
    }

    /** [B, S] samples -> [B, C_last, T] frames. */
    public SDVariable forward(SDVariable inputValues) {
        SDVariable x = scope.sd().expandDims(inputValues, 1);
        for (ConvLayerBlock b : blocks) x = b.forward(x);
        return x;
    }

    /** The names of every parameter of the conv stack (what freezing the feature encoder freezes). */
    public List<String> parameterNames() {
        List<String> names = new ArrayList<>();
        for (ConvLayerBlock b : blocks) names.addAll(b.parameterNames());
        return Collections.unmodifiableList(names);
    }
}

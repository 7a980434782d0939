package org.aubert.nn.wav2vec2;

import java.util.ArrayList;
import java.util.List;

import org.aubert.core.config.Wav2Vec2Config;
import org.aubert.nn.graph.Dims;
import org.aubert.nn.graph.Scope;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The HuBERT / wav2vec2 base model as a graph module ({@code HubertModel} and {@code Wav2Vec2Model} are the
 * same network): conv feature encoder, feature projection, transformer encoder. Every size comes from the
 * config. It builds into any {@link Scope}, so a larger model can hold it under a prefix; {@link AudioEncoder}
 * wraps it into a runnable model.
 *
 * <p>Not implemented: SpecAugment ({@code masked_spec_embed} is ignored, as at inference) and LayerDrop.
 */
public final class Wav2Vec2Model {
    /**
     * The named outputs: conv features [B, T, C] (after the last conv activation, before the projection),
     * hidden states 0..L (transformers >= 5 convention) and the last hidden state [B, T, H].
     */
    public record Outputs(SDVariable convFeatures, List<SDVariable> hiddenStates, SDVariable lastHiddenState) {}

    private final Scope scope;
    private final Wav2Vec2Config config;
    private final ConvFeatureExtractor featureExtractor;
    private final FeatureProjection featureProjection;
    private final TransformerEncoder encoder;

    /**
     * Declares the parameters under {@code scope} by their HF names (without the {@code hubert.} prefix).
     *
     * @param batchDim the symbol of the batch size in dropout-mask shapes
     * @param frameDim the symbol of the number of encoder frames in dropout-mask shapes
     */
    public Wav2Vec2Model(Scope scope, Wav2Vec2Config config, String batchDim, String frameDim) {
        this.scope = scope;
        this.config = config;
        int[] convDim = config.convDim();
        long h = config.hiddenSize();
        this.featureExtractor = new ConvFeatureExtractor(scope, config);
        this.featureProjection = new FeatureProjection(scope, convDim[convDim.length - 1], h, config.featProjLayerNorm(),
                config.layerNormEps(), config.featProjDropout(), Dims.of(batchDim, frameDim, h));
        this.encoder = new TransformerEncoder(scope, config, batchDim, frameDim);
    }

    /**
     * @param inputValues normalised samples [B, S]
     * @param frameMask   [B, T] 1/0 valid-frame mask (see {@link #frameMask}), or null to run without padding mask
     */
    public Outputs forward(SDVariable inputValues, SDVariable frameMask) {
        SameDiff sd = scope.sd();
        SDVariable features = sd.permute(featureExtractor.forward(inputValues), 0, 2, 1);
        features = sd.identity(scope.name("conv_features"), features);
        TransformerEncoder.Outputs enc = encoder.forward(featureProjection.forward(features), frameMask);
        List<SDVariable> hidden = new ArrayList<>();
        for (int i = 0; i < enc.hiddenStates().size(); i++) {
            hidden.add(sd.identity(scope.name("hidden_states_" + i), enc.hiddenStates().get(i)));
        }
        SDVariable last = sd.identity(scope.name("last_hidden_state"), enc.lastHiddenState());
        return new Outputs(features, List.copyOf(hidden), last);
    }

    public Wav2Vec2Config config() { return config; }

    /** The conv feature encoder's parameter names (what {@code freeze_feature_encoder} freezes). */
    public List<String> featureExtractorParameterNames() { return featureExtractor.parameterNames(); }

    /**
     * Valid encoder frames per row, as HF computes them: the conv length formula applied to
     * {@code attention_mask.sum(-1)} (so a mask with holes counts its ones, not its last one).
     */
    public static long[] frameLengths(Wav2Vec2Config config, INDArray attentionMask) {
        if (attentionMask.rank() != 2) throw new IllegalArgumentException("attention_mask must be [B, samples]");
        long[] samples = attentionMask.castTo(DataType.INT64).sum(1).toLongVector();
        long[] frames = new long[samples.length];
        for (int b = 0; b < samples.length; b++) frames[b] = config.framesForSamples(samples[b]);
        return frames;
    }

    /** [B, frames] mask in {@code dtype}: 1 where {@code t < lengths[b]}, else 0. */
    public static INDArray frameMask(long[] lengths, long frames, DataType dtype) {
        double[][] m = new double[lengths.length][Math.toIntExact(frames)];
        for (int b = 0; b < lengths.length; b++) {
            for (int t = 0; t < Math.min(lengths[b], frames); t++) m[b][t] = 1;
        }
        return Nd4j.createFromArray(m).castTo(dtype);
    }
}

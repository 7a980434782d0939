package org.aubert.nn.wav2vec2;

import java.util.ArrayList;
import java.util.List;

import org.aubert.core.config.Activation;
import org.aubert.nn.graph.Nn;
import org.aubert.nn.graph.Scope;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv1DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;

/**
 * One block of the convolutional feature encoder ({@code feature_extractor.conv_layers.<i>}):
 * an unpadded strided {@code Conv1d} ({@code conv.weight} [out, in, k], optional {@code conv.bias}),
 * an optional normalisation ({@code layer_norm.weight/bias}), then the activation. Works in NCW layout.
 */
final class ConvLayerBlock {
    /**
     * The normalisation after the convolution. {@code GROUP} is {@code nn.GroupNorm(C, C)}: each
     * (example, channel) over the whole time axis, padding included. {@code LAYER} is {@code nn.LayerNorm(C)}
     * over the channels of each frame.
     */
    enum Norm { NONE, GROUP, LAYER }

    /** HF hard-codes this epsilon for both conv-stack norms; it does not follow {@code layer_norm_eps}. */
    static final double NORM_EPS = 1e-5;

    private final Scope scope;
    private final SDVariable weight;
    private final SDVariable bias;
    private final SDVariable gamma;
    private final SDVariable beta;
    private final Norm norm;
    private final Activation activation;
    private final long outChannels;
    private final Conv1DConfig conv;

    ConvLayerBlock(Scope scope, long in, long out, int kernel, int stride, boolean convBias, Norm norm, Activation activation) {
        this.scope = scope;
        this.weight = scope.param("conv.weight", out, in, kernel);
        this.bias = convBias ? scope.param("conv.bias", out) : null;
        this.gamma = norm == Norm.NONE ? null : scope.param("layer_norm.weight", out);
        this.beta = norm == Norm.NONE ? null : scope.param("layer_norm.bias", out);
        this.norm = norm;
        this.activation = activation;
        this.outChannels = out;
        this.conv = Conv1DConfig.builder().k(kernel).s(stride).p(0).d(1)
                .paddingMode(PaddingMode.VALID).dataFormat(Conv1DConfig.NCW).build();
    }

    /** [B, in, T] -> [B, out, floor((T - k) / s) + 1]. */
    SDVariable forward(SDVariable x) {
        SameDiff sd = scope.sd();
        // SameDiff wants [k, in, out]; the parameter keeps PyTorch's [out, in, k] so checkpoints load as they are.
        SDVariable w = sd.permute(weight, 2, 1, 0);
        SDVariable y = bias == null ? sd.cnn.conv1d(x, w, conv) : sd.cnn.conv1d(x, w, bias, conv);
        y = switch (norm) {
            case NONE -> y;
            case GROUP -> normalise(sd, y, 2);
            case LAYER -> normalise(sd, y, 1);
        };
        return Nn.activation(sd, activation, y);
    }

    /**
     * Standardises {@code x} [B, C, T] along {@code axis} (biased variance), then applies the per-channel affine.
     * GroupNorm reduces over the whole time axis (thousands of frames): ND4J sums float32 sequentially, which
     * put its statistics ~3e-5 (relative) off and the encoder output up to 7e-5 off HF on a padded batch, so in
     * a float graph the time-axis statistics are accumulated in double (PyTorch's cascade sum is that accurate).
     */
    private SDVariable normalise(SameDiff sd, SDVariable x, int axis) {
        DataType dtype = scope.dtype();
        boolean widen = axis == 2 && dtype != DataType.DOUBLE;
        SDVariable xs = widen ? x.castTo(DataType.DOUBLE) : x;
        SDVariable mean = sd.mean(xs, true, axis);
        SDVariable centred = xs.sub(mean);
        SDVariable var = sd.mean(centred.mul(centred), true, axis);
        SDVariable inv = sd.math.rsqrt(var.add(NORM_EPS));
        if (widen) {
            inv = inv.castTo(dtype);
            centred = x.sub(mean.castTo(dtype));
        }
        return centred.mul(inv).mul(sd.reshape(gamma, 1, outChannels, 1)).add(sd.reshape(beta, 1, outChannels, 1));
    }

    /** Names of this block's parameters. */
    List<String> parameterNames() {
        List<String> names = new ArrayList<>();
        names.add(weight.name());
        if (bias != null) names.add(bias.name());
        if (gamma != null) {
            names.add(gamma.name());
            names.add(beta.name());
        }
        return names;
    }
}

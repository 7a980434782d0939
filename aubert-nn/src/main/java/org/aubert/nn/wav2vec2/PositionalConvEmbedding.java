package org.aubert.nn.wav2vec2;

import org.aubert.core.config.Activation;
import org.aubert.nn.graph.Nn;
import org.aubert.nn.graph.Scope;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv1DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code encoder.pos_conv_embed}: a grouped, weight-normalised {@code Conv1d(H, H, K, padding=K/2, groups=G)}
 * followed by the activation (HF uses {@code feat_extract_activation} here, not {@code hidden_act}); the caller
 * adds the result to its input.
 *
 * <p>Weight norm is PyTorch's {@code dim=2}: {@code weight = g · v / ‖v‖} with the norm taken over output and
 * input channels separately for each kernel tap, so {@code conv.weight_g} is [1, 1, K] and {@code conv.weight_v}
 * is [H, H/G, K]. SameDiff's conv1d has no groups argument, so the G groups (contiguous channel blocks) are
 * split, convolved and concatenated. For even K PyTorch's symmetric padding yields T+1 frames and HF drops the
 * last; padding K/2 on the left and (K-1)/2 on the right gives exactly the kept frames for odd and even K.
 */
public final class PositionalConvEmbedding {
    private final Scope scope;
    private final SDVariable weightG;
    private final SDVariable weightV;
    private final SDVariable bias;
    private final int kernel;
    private final int groups;
    private final long hidden;
    private final Activation activation;
    private final Conv1DConfig conv;

    public PositionalConvEmbedding(Scope parent, long hidden, int kernel, int groups, Activation activation) {
        if (hidden % groups != 0) throw new IllegalArgumentException("groups " + groups + " do not divide hidden size " + hidden);
        this.scope = parent.child("pos_conv_embed");
        this.weightG = scope.param("conv.weight_g", 1, 1, kernel);
        this.weightV = scope.param("conv.weight_v", hidden, hidden / groups, kernel);
        this.bias = scope.param("conv.bias", hidden);
        this.kernel = kernel;
        this.groups = groups;
        this.hidden = hidden;
        this.activation = activation;
        this.conv = Conv1DConfig.builder().k(kernel).s(1).p(0).d(1)
                .paddingMode(PaddingMode.VALID).dataFormat(Conv1DConfig.NCW).build();
    }

    /** [B, T, H] -> act(conv(x)) [B, T, H], the positional term to add to {@code x}. */
    public SDVariable forward(SDVariable x) {
        SameDiff sd = scope.sd();
        SDVariable xc = sd.permute(x, 0, 2, 1);
        SDVariable padding = sd.constant(Nd4j.createFromArray(new int[][]{{0, 0}, {0, 0}, {kernel / 2, (kernel - 1) / 2}}));
        xc = sd.nn.pad(xc, padding, 0.0);
        SDVariable w = normalisedWeight(sd);
        SDVariable y;
        if (groups == 1) {
            y = sd.cnn.conv1d(xc, sd.permute(w, 2, 1, 0), conv);
        } else {
            SDVariable[] xs = sd.split(xc, groups, 1);
            SDVariable[] ws = sd.split(w, groups, 0);
            SDVariable[] ys = new SDVariable[groups];
            for (int g = 0; g < groups; g++) ys[g] = sd.cnn.conv1d(xs[g], sd.permute(ws[g], 2, 1, 0), conv);
            y = sd.concat(1, ys);
        }
        y = y.add(sd.reshape(bias, 1, hidden, 1));
        return Nn.activation(sd, activation, sd.permute(y, 0, 2, 1));
    }

    /** {@code g · v / ‖v‖}, the norm over dims 0 and 1 for each kernel tap: [H, H/G, K]. */
    private SDVariable normalisedWeight(SameDiff sd) {
        SDVariable norm = sd.math.sqrt(sd.sum(weightV.mul(weightV), true, 0, 1));
        return weightV.mul(weightG.div(norm));
    }
}

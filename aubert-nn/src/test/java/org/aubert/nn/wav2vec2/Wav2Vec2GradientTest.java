package org.aubert.nn.wav2vec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.aubert.core.config.Wav2Vec2Config;
import org.aubert.nn.GradientCheck;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finite differences in double precision against the graph's gradients on tiny random HuBERTs, for every
 * parameter (5 random entries each) of both styles, odd and even positional kernels, conv bias on and off,
 * with and without a padding mask, and in training mode with dropout (masks fixed by the seed).
 */
class Wav2Vec2GradientTest {
    private static final Logger LOG = LoggerFactory.getLogger(Wav2Vec2GradientTest.class);
    private static final int SAMPLES = 5;

    static Stream<Arguments> variants() {
        return Stream.of(
                Arguments.of("group/post-LN, 2 layers, even kernel, no conv bias, masked", false, 2, 4, false, 0.0, true, true),
                Arguments.of("layer/pre-LN, 1 layer, odd kernel, conv bias, masked", true, 1, 3, true, 0.0, true, true),
                Arguments.of("group/post-LN, 1 layer, odd kernel, conv bias, no feat-proj LN, dropout 0.2, masked",
                        false, 1, 3, true, 0.2, false, true),
                Arguments.of("layer/pre-LN, 1 layer, even kernel, no conv bias, dropout 0.2, unmasked", true, 1, 4, false, 0.2, true, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void gradientsMatchFiniteDifferences(String label, boolean layerStyle, int layers, int posKernel, boolean convBias,
                                         double dropout, boolean featProjLayerNorm, boolean masked) {
        Wav2Vec2Config config = TinyModels.config(layerStyle, layers, posKernel, convBias, dropout, featProjLayerNorm);
        AudioEncoder enc = AudioEncoder.create(config, true, new AudioEncoder.Options(DataType.DOUBLE, dropout > 0, false));
        TinyModels.randomise(enc.graph(), 7);
        INDArray input = TinyModels.batch(11);
        INDArray mask = masked ? TinyModels.batchMask() : null;
        String loss = addLoss(enc, input);

        enc.graph().sd().setLossVariables(loss);
        GradientCheck.Result r = GradientCheck.check(enc.runner(), enc.feeds(input, mask), enc.dims(input), 123, loss,
                SAMPLES, 1e-5, 1e-5, 42);
        LOG.info("gradient check {}: {} entries, worst relative error {} ({})", label, r.checked(),
                String.format("%.3e", r.worstRelError()), r.worstEntry());
        long expected = enc.graph().parameterNames().stream().mapToLong(n -> Math.min(SAMPLES, enc.graph().parameter(n).length())).sum();
        assertEquals(expected, r.checked(), "every parameter is checked");
        assertTrue(r.passed(), label + ": " + r.failures());
        if (dropout > 0) assertDropoutActive(enc, input, mask, loss);
    }

    /** sum(last_hidden_state * R1) + sum(logits * R2) with fixed random R1, R2: every parameter influences it. */
    static String addLoss(AudioEncoder enc, INDArray input) {
        SameDiff sd = enc.graph().sd();
        Wav2Vec2Config c = enc.config();
        long b = input.size(0);
        long t = c.framesForSamples(input.size(1));
        DataType dt = enc.graph().dtype();
        SDVariable r1 = sd.constant("loss_r1", TinyModels.random(1, dt, b, t, c.hiddenSize()));
        SDVariable r2 = sd.constant("loss_r2", TinyModels.random(2, dt, b, t, c.vocabSize()));
        SDVariable l = sd.sum(enc.outputs().lastHiddenState().mul(r1)).add(sd.sum(enc.logits().mul(r2)));
        return sd.identity("loss", l).name();
    }

    /** The value of the scalar {@code loss} for a batch, dropout masks from {@code seed}. */
    static double loss(AudioEncoder enc, INDArray input, INDArray mask, long seed, String loss) {
        return enc.runner().output(enc.feeds(input, mask), enc.dims(input), seed, loss).get(loss).getDouble(0);
    }

    /** Different seeds give different losses, so the check above really ran through dropout masks. */
    private static void assertDropoutActive(AudioEncoder enc, INDArray input, INDArray mask, String loss) {
        double a = loss(enc, input, mask, 1, loss);
        double b = loss(enc, input, mask, 2, loss);
        assertTrue(Math.abs(a - b) > 1e-6, "dropout masks change the loss");
    }
}

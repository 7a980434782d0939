package org.aubert.nn.wav2vec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.aubert.core.config.Wav2Vec2Config;
import org.aubert.core.tensor.Npy;
import org.aubert.core.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Freezing the feature encoder, an SGD step, float vs double gradients, and training-mode dropout at inference. */
class Wav2Vec2TrainingTest {
    private static final Wav2Vec2Config CONFIG = TinyModels.config(false, 1, 4, true, 0.1, true);

    private static AudioEncoder tiny(DataType dtype, boolean training, boolean freeze) {
        AudioEncoder enc = AudioEncoder.create(CONFIG, true, new AudioEncoder.Options(dtype, training, freeze));
        TinyModels.randomise(enc.graph(), 3);
        return enc;
    }

    @Test
    void frozenParametersAreExactlyTheConvStack() {
        AudioEncoder enc = tiny(DataType.DOUBLE, true, true);
        List<String> convStack = enc.graph().parameterNames().stream().filter(n -> n.startsWith("feature_extractor.")).toList();
        assertEquals(List.of("feature_extractor.conv_layers.0.conv.weight", "feature_extractor.conv_layers.0.conv.bias",
                "feature_extractor.conv_layers.0.layer_norm.weight", "feature_extractor.conv_layers.0.layer_norm.bias",
                "feature_extractor.conv_layers.1.conv.weight", "feature_extractor.conv_layers.1.conv.bias"), convStack);
        assertEquals(convStack, enc.frozenParameterNames());
        assertEquals(convStack, enc.featureExtractorParameterNames());
        assertTrue(tiny(DataType.DOUBLE, true, false).frozenParameterNames().isEmpty());
        List<String> trainable = enc.graph().trainableParameterNames();
        assertEquals(enc.graph().parameterNames().size() - convStack.size(), trainable.size());
        assertTrue(trainable.stream().noneMatch(convStack::contains));
    }

    @Test
    void sgdStepUpdatesAllButTheFrozenConvStack() {
        AudioEncoder frozen = tiny(DataType.DOUBLE, true, true);
        AudioEncoder free = tiny(DataType.DOUBLE, true, false);
        INDArray input = TinyModels.batch(5);
        INDArray mask = TinyModels.batchMask();
        String loss = Wav2Vec2GradientTest.addLoss(frozen, input);
        Wav2Vec2GradientTest.addLoss(free, input);
        frozen.graph().sd().setLossVariables(loss);
        free.graph().sd().setLossVariables(loss);
        Map<String, INDArray> feeds = frozen.feeds(input, mask);
        Map<String, Long> dims = frozen.dims(input);

        Map<String, INDArray> g = frozen.runner().gradients(feeds, dims, 9);
        Map<String, INDArray> gFree = free.runner().gradients(feeds, dims, 9);
        assertEquals(frozen.graph().trainableParameterNames(), List.copyOf(g.keySet()), "no gradient for frozen parameters");
        for (String n : g.keySet()) {
            assertTrue(g.get(n).equalsWithEps(gFree.get(n), 1e-12), n + ": freezing the conv stack changes no other gradient");
        }
        assertTrue(gFree.get("feature_extractor.conv_layers.0.conv.weight").amaxNumber().doubleValue() > 0);

        Map<String, INDArray> before = new HashMap<>();
        for (String n : frozen.graph().parameterNames()) before.put(n, frozen.graph().parameter(n).dup());
        double lossBefore = Wav2Vec2GradientTest.loss(frozen, input, mask, 9, loss);
        double lr = 1e-3;
        for (Map.Entry<String, INDArray> e : g.entrySet()) frozen.graph().parameter(e.getKey()).subi(e.getValue().mul(lr));
        double lossAfter = Wav2Vec2GradientTest.loss(frozen, input, mask, 9, loss);
        assertTrue(lossAfter < lossBefore, "an SGD step lowers the loss: " + lossBefore + " -> " + lossAfter);
        for (String n : frozen.graph().parameterNames()) {
            boolean same = frozen.graph().parameter(n).equals(before.get(n));
            if (frozen.frozenParameterNames().contains(n)) assertTrue(same, n + " is frozen");
            else if (g.get(n).amaxNumber().doubleValue() > 1e-12) assertFalse(same, n + " was updated");
        }
    }

    @Test
    void frozenParametersStillTakeLoadedValues() throws Exception {
        Path root = Path.of(getClass().getResource("/testdata/oracles/cases.json").toURI()).getParent();
        AudioEncoder enc = AudioEncoder.load(root.resolve("models/hubert_base_tiny"), new AudioEncoder.Options(DataType.FLOAT, true, true));
        assertFalse(enc.frozenParameterNames().isEmpty());
        Tensor in = Npy.read(root.resolve("audio/inputs/single0_input_values.npy"));
        Tensor want = Npy.read(root.resolve("expected/hubert_base_tiny/single0_last_hidden_state.npy"));
        INDArray got = enc.forward(Nd4j.createFromArray(in.toFloatArray()).reshape(in.shape()), null).lastHiddenState();
        INDArray expected = Nd4j.createFromArray(want.toFloatArray()).reshape(want.shape());
        assertTrue(got.sub(expected).amaxNumber().doubleValue() < 1e-4, "frozen conv constants hold the loaded weights");

        INDArray input = Nd4j.createFromArray(in.toFloatArray()).reshape(in.shape());
        INDArray before = enc.forward(input, null).convFeatures();
        String w = "feature_extractor.conv_layers.0.conv.weight";
        enc.graph().setParameter(w, enc.graph().parameter(w).mul(-1));
        INDArray after = enc.forward(input, null).convFeatures();
        assertTrue(after.sub(before).amaxNumber().doubleValue() > 1e-3, "setParameter reaches a frozen parameter");
    }

    /** The float graph computes GroupNorm statistics through double casts; its gradients must agree with double's. */
    @Test
    void floatGradientsAgreeWithDouble() {
        AudioEncoder d = tiny(DataType.DOUBLE, false, false);
        AudioEncoder f = AudioEncoder.create(CONFIG, true, new AudioEncoder.Options(DataType.FLOAT, false, false));
        TinyModels.copyWeights(d.graph(), f.graph());
        INDArray input = TinyModels.batch(5);
        d.graph().sd().setLossVariables(Wav2Vec2GradientTest.addLoss(d, input));
        f.graph().sd().setLossVariables(Wav2Vec2GradientTest.addLoss(f, input));
        Map<String, INDArray> gd = d.runner().gradients(d.feeds(input, TinyModels.batchMask()), d.dims(input), 0);
        Map<String, INDArray> gf = f.runner().gradients(f.feeds(input, TinyModels.batchMask()), f.dims(input), 0);
        double global = gd.values().stream().mapToDouble(a -> a.amaxNumber().doubleValue()).max().orElseThrow();
        for (String n : gd.keySet()) {
            // Relative to the parameter's own gradient, with a floor for gradients that are zero in exact arithmetic
            // (the conv bias before GroupNorm, the key bias) where float leaves rounding noise.
            double scale = gd.get(n).amaxNumber().doubleValue();
            double err = gf.get(n).castTo(DataType.DOUBLE).sub(gd.get(n)).amaxNumber().doubleValue();
            assertTrue(err <= 1e-4 * scale + 1e-6 * global, n + ": float gradient off by " + err + " (scale " + scale + ")");
        }
    }
}

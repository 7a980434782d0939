package org.aubert.nn.aubert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;

import org.aubert.nn.GradientCheck;
import org.aubert.nn.graph.Graph;

/**
 * Finite differences in double precision against the gradients of the whole AuBERT loss (tiny random BERT + HuBERT,
 * padded text and audio, training mode with dropout everywhere including the MLP heads), for every trainable
 * parameter (2 random entries each).
 */
@ExtendWith(SingleNativeThread.class)
class AubertGradientTest {
    private static final int SAMPLES = 2;

    static Stream<Arguments> variants() {
        return Stream.of(
                Arguments.of("mlp scorer, pooling all, MLP head P=6 != H (input projection), conv stack trainable",
                        AubertConfig.ScorerType.MLP, AubertConfig.Pooling.ALL, 6, false, 0.0),
                Arguments.of("cosine scorer, pooling all, MLP head P=H, conv stack frozen, MLM weight 0.5",
                        AubertConfig.ScorerType.COSINE, AubertConfig.Pooling.ALL, 8, true, 0.5),
                Arguments.of("centred cosine scorer, pooling mean_length, MLP head P=6, conv stack frozen",
                        AubertConfig.ScorerType.CENTRED_COSINE, AubertConfig.Pooling.MEAN_LENGTH, 6, true, 0.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void gradientsMatchFiniteDifferences(String label, AubertConfig.ScorerType scorer, AubertConfig.Pooling pooling, int proj,
                                         boolean freeze, double mlm) {
        AubertConfig c = TinyAubert.config(0.1).withPooling(pooling)
                .withProjection(AubertConfig.ProjectionHeadType.MLP, proj, 0.2).withScorer(scorer)
                .withFreezeFeatureEncoder(freeze).withMlmWeight(mlm);
        AubertModel m = AubertModel.create(c, DataType.DOUBLE, true, 1);
        TinyAubert.randomise(m.graph(), 5);
        Batch batch = TinyAubert.batch(3, mlm > 0);

        GradientCheck.Result r = GradientCheck.check(m.runner(), m.feeds(batch), m.dims(batch), 17, AubertModel.LOSS,
                SAMPLES, 1e-5, 1e-5, 29);
        System.out.printf("AuBERT gradient check (%s): %d entries, worst relative error %.3e (%s)%n", label, r.checked(),
                r.worstRelError(), r.worstEntry());
        Graph g = m.graph();
        long expected = g.trainableParameterNames().stream().mapToLong(n -> Math.min(SAMPLES, g.parameter(n).length())).sum();
        assertEquals(expected, r.checked(), "every trainable parameter is checked");
        assertTrue(r.passed(), label + ": " + String.join("\n", r.failures()));
        assertEquals(freeze, g.trainableParameterNames().stream().noneMatch(n -> n.startsWith("audio.feature_extractor.")));
        assertTrue(g.trainableParameterNames().stream().anyMatch(n -> n.startsWith("scorer.")));
        assertEquals(mlm > 0, g.trainableParameterNames().stream().anyMatch(n -> n.startsWith("text.cls.predictions.")));
        // The check ran through dropout: another mask seed gives another loss.
        double a = loss(m, batch, 1);
        double b = loss(m, batch, 2);
        assertFalse(Math.abs(a - b) < 1e-9, "dropout masks change the loss");
    }

    private static double loss(AubertModel m, Batch batch, long seed) {
        return m.runner().output(m.feeds(batch), m.dims(batch), seed, AubertModel.LOSS).get(AubertModel.LOSS).getDouble(0);
    }
}

package org.aubert.nn.aubert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import org.aubert.nn.graph.Graph;

/** What a trainer relies on: parameter names and initialisation, step(), scores() without dropout, and input checks. */
@ExtendWith(SingleNativeThread.class)
class AubertModelTest {
    @Test
    void stepGivesLossesMetricsAndAGradientPerTrainableParameter() {
        AubertConfig c = TinyAubert.config(0.1).withMlmWeight(0.5).withProjection(AubertConfig.ProjectionHeadType.MLP, 8, 0.1);
        AubertModel m = AubertModel.create(c, DataType.FLOAT, true, 3);
        Batch batch = TinyAubert.batch(5, true);
        StepResult r = m.step(batch, 9);
        Graph g = m.graph();
        assertEquals(Set.copyOf(g.trainableParameterNames()), r.gradients().keySet());
        for (String n : g.trainableParameterNames()) assertArrayEquals(g.parameterShape(n), r.gradients().get(n).shape(), n);
        assertEquals((r.lossT2a() + r.lossA2t()) / 2 + 0.5 * r.lossMlm(), r.loss(), 1e-5);
        assertTrue(r.lossMlm() > 0);
        // The metrics come from the logits of the same pass, so their InfoNCE is the graph's.
        assertEquals(r.lossT2a(), r.metrics().lossT2a(), 1e-5);
        assertEquals(r.lossA2t(), r.metrics().lossA2t(), 1e-5);
        assertEquals(3, r.metrics().batchSize());
        assertTrue(r.t2aAccuracy() >= 0 && r.t2aAccuracy() <= 1 && r.a2tAccuracy() >= 0 && r.a2tAccuracy() <= 1);
        assertTrue(r.gradients().get("scorer.fc1.weight").amaxNumber().doubleValue() > 0);
        // The same seed gives the same step; parameters are not changed by it.
        assertEquals(r.loss(), m.step(batch, 9).loss(), 1e-6);
    }

    @Test
    void scoresRunWithoutDropoutInATrainingModel() {
        AubertModel m = AubertModel.create(TinyAubert.config(0.3), DataType.FLOAT, true, 3);
        Batch batch = TinyAubert.batch(5, false);
        INDArray a = m.scores(batch);
        assertArrayEquals(new long[]{3, 3}, a.shape());
        assertEquals(a, m.scores(batch));
        assertEquals(a, m.forward(batch).logits());
        INDArray dropped = m.runner().output(m.feeds(batch), m.dims(batch), 1, AubertModel.LOGITS).get(AubertModel.LOGITS);
        assertNotEquals(a, dropped);
        // Without dropout sites the training graph's scores are the inference graph's.
        AubertModel inference = AubertModel.create(TinyAubert.config(0.3), DataType.FLOAT, false, 3);
        assertTrue(a.equalsWithEps(inference.scores(batch), 1e-6));
    }

    @Test
    void parametersAreNamedByPartAndInitialisedLikeHf() {
        AubertConfig c = TinyAubert.config(0).withScorer(AubertConfig.ScorerType.COSINE)
                .withProjection(AubertConfig.ProjectionHeadType.LINEAR, 4, 0).withPooling(AubertConfig.Pooling.ALL);
        AubertModel m = AubertModel.create(c, DataType.FLOAT, false, 7);
        Graph g = m.graph();
        for (String n : new String[]{"text.embeddings.word_embeddings.weight", "text.encoder.layer.0.attention.self.query.weight",
                "audio.encoder.layers.0.attention.q_proj.weight", "audio.feature_extractor.conv_layers.0.conv.weight",
                "text_pooler.dense.weight", "audio_pooler.dense.weight", "text_projection.dense.weight",
                "audio_projection.dense.bias", "scorer.logit_scale"}) {
            assertTrue(g.parameterNames().contains(n), n);
        }
        assertArrayEquals(new long[]{8, 16}, g.parameterShape("text_pooler.dense.weight"), "pooling all: 2H -> H");
        assertEquals(CosineScorer.INITIAL_LOGIT_SCALE, g.parameter("scorer.logit_scale").getDouble(0), 1e-6);
        assertEquals(Nd4j.ones(DataType.FLOAT, 8), g.parameter("text.encoder.layer.0.output.LayerNorm.weight"));
        assertEquals(0.0, g.parameter("text.encoder.layer.0.output.LayerNorm.bias").amaxNumber().doubleValue());
        assertEquals(0.0, g.parameter("text.embeddings.word_embeddings.weight").getRow(0).amaxNumber().doubleValue(), "padding row");
        double std = g.parameter("text.embeddings.word_embeddings.weight").getRow(1).stdNumber().doubleValue();
        assertTrue(std > 0.005 && std < 0.05, "std " + std);
        // weight_g starts as the norm of weight_v per kernel tap, so the effective kernel is weight_v.
        INDArray v = g.parameter("audio.encoder.pos_conv_embed.conv.weight_v");
        double tap0 = v.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(0)).castTo(DataType.DOUBLE).norm2Number().doubleValue();
        assertEquals(tap0, g.parameter("audio.encoder.pos_conv_embed.conv.weight_g").getDouble(0, 0, 0), 1e-5);
        // Frozen by default; seeds make models repeatable and distinct.
        assertTrue(g.trainableParameterNames().stream().noneMatch(n -> n.startsWith("audio.feature_extractor.")));
        assertEquals(g.parameter("scorer.logit_scale"), AubertModel.create(c, DataType.FLOAT, false, 7).graph().parameter("scorer.logit_scale"));
        assertEquals(g.parameter("text_projection.dense.weight"),
                AubertModel.create(c, DataType.FLOAT, false, 7).graph().parameter("text_projection.dense.weight"));
        assertNotEquals(g.parameter("text_projection.dense.weight"),
                AubertModel.create(c, DataType.FLOAT, false, 8).graph().parameter("text_projection.dense.weight"));
        Batch batch = TinyAubert.batch(1, false);
        AubertModel.Output o = m.forward(batch);
        assertArrayEquals(new long[]{3, 4}, o.textEmbedding().shape());
        assertArrayEquals(new long[]{3, 4}, o.audioEmbedding().shape());
        // Cosine logits are bounded by the scale.
        assertTrue(o.logits().amaxNumber().doubleValue() <= Math.exp(CosineScorer.INITIAL_LOGIT_SCALE) + 1e-4);
    }

    @Test
    void maxPoolingModelRunsAndRefusesAudioTooShortForAFrame() {
        AubertModel m = AubertModel.create(TinyAubert.config(0).withPooling(AubertConfig.Pooling.MAX), DataType.FLOAT, false, 1);
        Batch ok = TinyAubert.batch(2, false);
        assertArrayEquals(new long[]{3, 3}, m.scores(ok).shape());
        INDArray mask = ok.audioMask().dup();
        mask.getRow(2).assign(0);
        mask.getRow(2).get(NDArrayIndex.interval(0, 5)).assign(1);
        Batch tooShort = Batch.of(ok.textIds(), ok.textMask(), ok.spanStart(), ok.spanEnd(), ok.audioValues(), mask);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.scores(tooShort));
        assertTrue(e.getMessage().contains("example 2 is too short for one frame"), e.getMessage());
    }
}

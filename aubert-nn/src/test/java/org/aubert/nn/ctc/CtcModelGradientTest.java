package org.aubert.nn.ctc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.aubert.nn.graph.Graph;
import org.aubert.nn.train.TrainingStep;
import org.aubert.nn.wav2vec2.AudioEncoder;

/**
 * The parameter gradients the surrogate {@code sum(logits * G)} gives equal central finite differences of the true
 * CTC loss (computed outside the graph), in double precision, on a tiny HuBERT CTC model with dropout (masks fixed by
 * the step seed) and the "mean" reduction: one random entry of each of 8 parameters spread over the conv stack,
 * its group norm, the projection, the positional conv (weight norm), attention, feed-forward and the head (each finite difference costs
 * two forward passes, about a second each on a busy machine, so the whole model is not swept).
 */
class CtcModelGradientTest {
    private static final Logger LOG = LoggerFactory.getLogger(CtcModelGradientTest.class);
    @TempDir Path dir;

    static final List<String> CHECKED = List.of("feature_extractor.conv_layers.0.conv.weight",
            "feature_extractor.conv_layers.0.layer_norm.weight", "feature_projection.projection.weight",
            "encoder.pos_conv_embed.conv.weight_v", "encoder.pos_conv_embed.conv.weight_g", "encoder.layers.0.attention.q_proj.weight",
            "encoder.layers.0.feed_forward.intermediate_dense.weight", "lm_head.weight");

    @Test
    void surrogateGradientsEqualFiniteDifferencesOfTheCtcLoss() throws Exception {
        CtcModel.Reduction reduction = CtcModel.Reduction.MEAN;
        boolean layerStyle = false;
        double dropout = 0.1;
        CtcModel m = CtcModel.create(TinyCtc.config(dropout, layerStyle), reduction, false, TinyCtc.vocabDir(dir),
                new AudioEncoder.Options(DataType.DOUBLE, true, false), 3);
        CtcBatch batch = TinyCtc.batch(1);
        CtcBatch b = new CtcBatch(batch.inputValues().castTo(DataType.DOUBLE), batch.attentionMask(), batch.labels(), batch.transcripts());
        long seed = 77;
        TrainingStep step = m.trainingStep(b, seed);
        assertEquals(m.loss(b, seed), step.loss(), 1e-12, "the step's loss is the CTC loss with the same masks");
        Graph g = m.graph();
        assertEquals(g.trainableParameterNames().size(), step.gradients().size());
        SplittableRandom rng = new SplittableRandom(5);
        double eps = 1e-6;
        int checked = 0;
        double worst = 0;
        String worstAt = "";
        for (String name : g.trainableParameterNames()) {
            if (CHECKED.stream().noneMatch(name::startsWith)) continue;
            INDArray p = g.parameter(name);
            INDArray grad = step.gradients().get(name);
            for (int s = 0; s < 1; s++) {
                long idx = rng.nextLong(p.length());
                double orig = p.getDouble(idx);
                p.putScalar(idx, orig + eps);
                double up = m.loss(b, seed);
                p.putScalar(idx, orig - eps);
                double down = m.loss(b, seed);
                p.putScalar(idx, orig);
                double fd = (up - down) / (2 * eps);
                double an = grad.getDouble(idx);
                // Finite differences of a loss of ~10 carry ~1e-8 of rounding noise: a tolerance floor for ~0 gradients.
                double err = Math.abs(fd - an) / Math.max(1e-2, Math.abs(fd) + Math.abs(an));
                if (err > worst) {
                    worst = err;
                    worstAt = name + "[" + idx + "] fd " + fd + " analytic " + an;
                }
                checked++;
            }
        }
        LOG.info("CTC gradient check ({}): {} entries, worst relative error {} at {}", reduction, checked, worst, worstAt);
        assertTrue(checked >= CHECKED.size(), "checked " + checked);
        assertTrue(worst < 1e-5, "worst relative error " + worst + " at " + worstAt);
        Map<String, INDArray> grads = step.gradients();
        assertTrue(grads.get("lm_head.weight").norm2Number().doubleValue() > 1e-3, "the head gets a gradient");
    }
}

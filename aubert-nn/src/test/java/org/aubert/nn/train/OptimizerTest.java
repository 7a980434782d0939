package org.aubert.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The optimisers, the schedule and the clipping against PyTorch 2.13 (float64): the expected values were printed by
 * torch.optim.AdamW / Adagrad (weight decay 0.1 on the matrix, 0 on the bias), transformers'
 * get_cosine_schedule_with_warmup and torch.nn.utils.clip_grad_norm_ on the same inputs.
 */
class OptimizerTest {
    static final double[][][] GRAD_W = {{{0.3, -0.1, 0.2}, {1.0, -2.0, 0.5}}, {{-0.2, 0.4, 0.1}, {0.0, 1.5, -0.5}},
            {{0.7, 0.0, -0.3}, {-1.0, 0.2, 0.9}}};
    static final double[][] GRAD_B = {{0.05, -0.4}, {0.3, 0.1}, {-0.6, 0.2}};
    static final double[] LRS = {0.1, 0.05, 0.02};

    private static Map<String, INDArray> run(Optimizer opt) {
        Map<String, INDArray> p = new LinkedHashMap<>();
        p.put("w", Nd4j.createFromArray(new double[][]{{0.5, -1.0, 2.0}, {0.25, 0.0, -0.75}}));
        p.put("b", Nd4j.createFromArray(0.1, -0.2));
        for (int s = 0; s < 3; s++) {
            Map<String, INDArray> g = new LinkedHashMap<>();
            g.put("w", Nd4j.createFromArray(GRAD_W[s]));
            g.put("b", Nd4j.createFromArray(GRAD_B[s]));
            opt.update(p, g, LRS[s], s + 1);
        }
        return p;
    }

    @Test
    void adamWMatchesTorch() {
        Map<String, INDArray> p = run(new AdamW(0.9, 0.999, 1e-8, 0.1));
        assertArrayEquals(new double[]{0.37264483553396616, -0.92034808941193391, 1.8219825798118514, 0.1147504238524905,
                0.10411520446410309, -0.84353143145068255}, p.get("w").reshape(6).toDoubleVector(), 1e-12);
        assertArrayEquals(new double[]{-0.036707173829830797, -0.075577925686323238}, p.get("b").toDoubleVector(), 1e-12);
    }

    @Test
    void adagradMatchesTorch() {
        Map<String, INDArray> p = run(new Adagrad(1e-10, 0.1));
        assertArrayEquals(new double[]{0.40303344523854112, -0.93706668313521557, 1.8751083330131177, 0.16312609104208345,
                0.068226141228054996, -0.82454140339068238}, p.get("w").reshape(6).toDoubleVector(), 1e-12);
        assertArrayEquals(new double[]{-0.031480636468110917, -0.1208554968814104}, p.get("b").toDoubleVector(), 1e-12);
    }

    @Test
    void stateRoundTripContinuesExactly() {
        AdamW a = new AdamW(0.9, 0.999, 1e-8, 0.1);
        Map<String, INDArray> p = new LinkedHashMap<>();
        p.put("w", Nd4j.createFromArray(new double[][]{{0.5, -1.0, 2.0}, {0.25, 0.0, -0.75}}));
        p.put("b", Nd4j.createFromArray(0.1, -0.2));
        a.update(p, Map.of("w", Nd4j.createFromArray(GRAD_W[0]), "b", Nd4j.createFromArray(GRAD_B[0])), 0.1, 1);
        AdamW b = new AdamW(0.9, 0.999, 1e-8, 0.1);
        b.loadState(a.state(), p);
        Map<String, INDArray> p2 = new LinkedHashMap<>();
        p.forEach((k, v) -> p2.put(k, v.dup()));
        Map<String, INDArray> g = Map.of("w", Nd4j.createFromArray(GRAD_W[1]), "b", Nd4j.createFromArray(GRAD_B[1]));
        a.update(p, g, 0.05, 2);
        b.update(p2, g, 0.05, 2);
        assertEquals(p.get("w"), p2.get("w"));
        assertEquals(p.get("b"), p2.get("b"));
    }

    @Test
    void foreignOrMisShapedStateIsRefusedByName() {
        Map<String, INDArray> p = Map.of("w", Nd4j.zeros(2, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AdamW(0.9, 0.999, 1e-8, 0).loadState(Map.of("sum/w", Nd4j.zeros(2, 3)), p));
        assertTrue(e.getMessage().contains("sum/w"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Adagrad(1e-10, 0).loadState(Map.of("sum/w", Nd4j.zeros(3, 2)), p));
        assertTrue(e.getMessage().contains("sum/w") && e.getMessage().contains("[3, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Adagrad(1e-10, 0).loadState(Map.of("sum/v", Nd4j.zeros(2, 3)), p));
        assertTrue(e.getMessage().contains("sum/v"), e.getMessage());
    }

    @Test
    void cosineScheduleWithWarmupMatchesTransformers() {
        LearningRateSchedule s = new LearningRateSchedule(2.0, 10, 100, 1.5);
        long[] steps = {0, 3, 10, 25, 40, 55, 70, 100};
        double[] expected = {0, 0.59999999999999998, 2, 1, 0, 0.99999999999999978, 2, 0};
        for (int i = 0; i < steps.length; i++) assertEquals(expected[i], s.at(steps[i]), 1e-12, "step " + steps[i]);
        LearningRateSchedule half = new LearningRateSchedule(1.0, 0, 4, 0.5);
        assertArrayEquals(new double[]{1, 0.5 * (1 + Math.cos(Math.PI / 4)), 0.5, 0.5 * (1 + Math.cos(3 * Math.PI / 4)), 0},
                new double[]{half.at(0), half.at(1), half.at(2), half.at(3), half.at(4)}, 1e-15);
    }

    @Test
    void clippingMatchesTorch() {
        Map<String, INDArray> g = new LinkedHashMap<>();
        g.put("a", Nd4j.createFromArray(3.0, 4.0));
        g.put("b", Nd4j.createFromArray(new double[][]{{12.0}}));
        double norm = GradientClipping.globalNorm(g);
        assertEquals(13.0, norm, 1e-12);
        GradientClipping.clip(g, norm, 1.0);
        assertArrayEquals(new double[]{0.23076921301775288, 0.3076922840236705}, g.get("a").toDoubleVector(), 1e-12);
        assertEquals(0.9230768520710115, g.get("b").getDouble(0), 1e-12);
        assertEquals(1.0, GradientClipping.clip(g, 1.0 - 1e-3, 1.0));
    }
}

package org.aubert.nn.bert;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import org.aubert.core.config.Activation;
import org.aubert.core.config.BertConfig;
import org.aubert.nn.GradientCheck;
import org.aubert.nn.graph.Graph;
import org.aubert.nn.graph.GraphRunner;

/** Finite differences in double precision against SameDiff's gradients for every BERT parameter. */
class BertGradientTest {
    private static final BertConfig TINY = new BertConfig(23, 8, 2, 2, 12, Activation.GELU, 0.1, 0.1, 16, 2, 0.02, 1e-12, 0);

    @Test
    void everyParameterOfBertForMaskedLMWithDropoutAndPadding() {
        Nd4j.getRandom().setSeed(7);
        Graph g = new Graph(DataType.DOUBLE, true);
        BertForMaskedLM m = BertForMaskedLM.build(g.root(), TINY);
        randomise(g);
        SDVariable target = g.sd().constant("target", Nd4j.rand(DataType.DOUBLE, 2, 5, 23).subi(0.5));
        g.sd().sum("loss", m.logitsVariable().mul(target));
        g.sd().setLossVariables("loss");

        INDArray ids = Nd4j.createFromArray(new long[][]{{2, 7, 7, 9, 3}, {2, 22, 3, 0, 0}});
        INDArray mask = Nd4j.createFromArray(new double[][]{{1, 1, 1, 1, 1}, {1, 1, 1, 0, 0}});
        INDArray types = Nd4j.createFromArray(new long[][]{{0, 0, 1, 1, 1}, {0, 0, 0, 0, 0}});
        Map<String, INDArray> in = BertModel.inputs(ids, mask, types, TINY, DataType.DOUBLE);
        GradientCheck.Result r = GradientCheck.check(new GraphRunner(g), in, BertModel.dims(ids), 11, "loss", 3, 1e-5, 1e-5, 3);
        System.out.println("BERT MLM gradient check: " + r.checked() + " entries, worst rel error " + r.worstRelError() + " at " + r.worstEntry());
        assertTrue(r.passed(), String.join("\n", r.failures()));
        assertTrue(r.checked() > 100, "too few entries checked: " + r.checked());
    }

    @Test
    void poolerGradients() {
        Nd4j.getRandom().setSeed(8);
        Graph g = new Graph(DataType.DOUBLE, false);
        BertModel m = BertModel.build(g.root(), TINY, true);
        randomise(g);
        SDVariable pooled = g.sd().getVariable(BertModel.POOLER_OUTPUT);
        g.sd().sum("loss", pooled.mul(g.sd().constant(Nd4j.rand(DataType.DOUBLE, 2, 8))));
        g.sd().setLossVariables("loss");
        INDArray ids = Nd4j.createFromArray(new long[][]{{2, 5, 3}, {2, 4, 3}});
        Map<String, INDArray> in = BertModel.inputs(ids, null, null, TINY, DataType.DOUBLE);
        GradientCheck.Result r = GradientCheck.check(m.runner(), in, BertModel.dims(ids), 0, "loss", 2, 1e-5, 1e-5, 5);
        assertTrue(r.passed(), String.join("\n", r.failures()));
    }

    /** Random weights (LayerNorm gains around 1) so every term of the gradient is exercised. */
    static void randomise(Graph g) {
        for (String name : g.parameterNames()) {
            INDArray p = g.parameter(name);
            INDArray v = Nd4j.randn(DataType.DOUBLE, p.shape()).muli(0.5);
            if (name.endsWith("LayerNorm.weight")) v.addi(1);
            g.setParameter(name, v);
        }
    }
}

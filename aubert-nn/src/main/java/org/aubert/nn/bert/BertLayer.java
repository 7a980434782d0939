package org.aubert.nn.bert;

import org.nd4j.autodiff.samediff.SDVariable;

import org.aubert.core.config.BertConfig;
import org.aubert.nn.graph.Dims;
import org.aubert.nn.graph.LayerNorm;
import org.aubert.nn.graph.Linear;
import org.aubert.nn.graph.Nn;
import org.aubert.nn.graph.Scope;
import org.aubert.nn.graph.SelfAttention;

/**
 * {@code encoder.layer.N}: post-LN transformer layer,
 * {@code a = LN(h + drop(attn(h)))}, {@code h' = LN(a + drop(W2·act(W1·a)))}.
 */
final class BertLayer {
    private final Scope scope;
    private final BertConfig c;
    private final SelfAttention attention;
    private final LayerNorm attentionNorm;
    private final Linear intermediate;
    private final Linear output;
    private final LayerNorm outputNorm;
    private final String batchDim;
    private final String timeDim;

    BertLayer(Scope scope, BertConfig c, String batchDim, String timeDim) {
        this.scope = scope;
        this.c = c;
        this.batchDim = batchDim;
        this.timeDim = timeDim;
        Scope att = scope.child("attention");
        this.attention = new SelfAttention(att, SelfAttention.Names.BERT, c.hiddenSize(), c.numAttentionHeads(),
                c.attentionProbsDropoutProb(), batchDim, timeDim);
        this.attentionNorm = new LayerNorm(att.child("output"), "LayerNorm", c.hiddenSize(), c.layerNormEps());
        this.intermediate = new Linear(scope.child("intermediate"), "dense", c.hiddenSize(), c.intermediateSize(), true);
        this.output = new Linear(scope.child("output"), "dense", c.intermediateSize(), c.hiddenSize(), true);
        this.outputNorm = new LayerNorm(scope.child("output"), "LayerNorm", c.hiddenSize(), c.layerNormEps());
    }

    SDVariable forward(SDVariable h, SDVariable bias) {
        Dims hidden = Dims.of(batchDim, timeDim, c.hiddenSize());
        SDVariable att = scope.child("attention.output").dropout(attention.forward(h, bias), c.hiddenDropoutProb(), hidden);
        SDVariable a = attentionNorm.forward(h.add(att));
        SDVariable ffn = output.forward(Nn.activation(scope.sd(), c.hiddenAct(), intermediate.forward(a, 3)), 3);
        ffn = scope.child("output").dropout(ffn, c.hiddenDropoutProb(), hidden);
        return outputNorm.forward(a.add(ffn));
    }
}

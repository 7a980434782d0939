package org.aubert.nn.bert;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import org.aubert.core.checkpoint.Checkpoints;
import org.aubert.core.checkpoint.TensorSource;
import org.aubert.core.config.BertConfig;
import org.aubert.nn.graph.Graph;
import org.aubert.nn.graph.LayerNorm;
import org.aubert.nn.graph.Linear;
import org.aubert.nn.graph.Nn;
import org.aubert.nn.graph.Scope;
import org.aubert.nn.weights.LoadSpec;
import org.aubert.nn.weights.WeightLoader;

/**
 * HuggingFace {@code BertForMaskedLM}: the encoder plus {@code cls.predictions} (transform dense → act
 * → LayerNorm, then a decoder tied to the word embeddings, plus {@code cls.predictions.bias}).
 * Output variable {@code logits} [B, T, vocab] (under the build scope's prefix).
 */
public final class BertForMaskedLM {
    public static final String LOGITS = "logits";

    private final BertModel bert;
    private final SDVariable logits;

    private BertForMaskedLM(BertModel bert, SDVariable logits) {
        this.bert = bert;
        this.logits = logits;
    }

    public static BertForMaskedLM build(Scope scope, BertConfig c) {
        BertModel bert = BertModel.build(scope, c, false);
        Graph g = scope.graph();
        SameDiff sd = g.sd();
        Scope pred = scope.child("cls.predictions");
        Scope transform = pred.child("transform");
        Linear dense = new Linear(transform, "dense", c.hiddenSize(), c.hiddenSize(), true);
        LayerNorm norm = new LayerNorm(transform, "LayerNorm", c.hiddenSize(), c.layerNormEps());
        SDVariable bias = pred.param("bias", c.vocabSize());
        SDVariable h = norm.forward(Nn.activation(sd, c.hiddenAct(), dense.forward(bert.lastHiddenStateVariable(), 3)));
        SDVariable decoder = g.tied(bert.wordEmbeddingsName());
        SDVariable logits = Nn.linear(sd, h, 3, decoder, bias, c.hiddenSize(), c.vocabSize()).rename(scope.name(LOGITS));
        return new BertForMaskedLM(bert, logits);
    }

    public static BertForMaskedLM load(Path dir, DataType dtype, boolean training) throws IOException {
        BertConfig c = BertConfig.load(dir);
        try (TensorSource weights = Checkpoints.open(dir)) {
            Graph g = new Graph(dtype, training);
            BertForMaskedLM m = build(g.root(), c);
            WeightLoader.load(g, weights, loadSpec());
            return m;
        }
    }

    /** Keys of a BERT MLM checkpoint: as {@link BertModel#loadSpec()} but {@code cls.predictions.*} is used. */
    public static LoadSpec loadSpec() {
        // The decoder weight and bias are copies of tied tensors in older checkpoints; NSP heads are unused.
        return LoadSpec.of(List.of("bert."), "embeddings\\.position_ids",
                "cls\\.predictions\\.decoder\\.(weight|bias)", "cls\\.seq_relationship\\..*", "pooler\\..*");
    }

    public BertModel bert() { return bert; }

    public SDVariable logitsVariable() { return logits; }

    /** MLM logits [B, T, vocab] and the encoder's last hidden state. */
    public record Output(INDArray logits, INDArray lastHiddenState) {}

    public Output forward(INDArray inputIds, INDArray attentionMask, INDArray tokenTypeIds) {
        Map<String, INDArray> in = BertModel.inputs(inputIds, attentionMask, tokenTypeIds, bert.config(), bert.graph().dtype());
        String last = bert.lastHiddenStateVariable().name();
        Map<String, INDArray> out = bert.runner().output(in, BertModel.dims(inputIds), 0, logits.name(), last);
        return new Output(out.get(logits.name()), out.get(last));
    }
}

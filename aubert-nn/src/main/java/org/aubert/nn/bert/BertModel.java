package org.aubert.nn.bert;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import org.aubert.core.checkpoint.Checkpoints;
import org.aubert.core.checkpoint.TensorSource;
import org.aubert.core.config.BertConfig;
import org.aubert.nn.graph.Graph;
import org.aubert.nn.graph.GraphRunner;
import org.aubert.nn.graph.Linear;
import org.aubert.nn.graph.Scope;
import org.aubert.nn.graph.SelfAttention;
import org.aubert.nn.weights.LoadSpec;
import org.aubert.nn.weights.WeightLoader;

/**
 * HuggingFace {@code BertModel} in SameDiff: embeddings, post-LN encoder, optional pooler. Outputs are
 * graph variables named {@code hidden_states_0..L}, {@code last_hidden_state} and {@code pooler_output}
 * under the build scope's prefix (so a joint model can hold the encoder under {@code text.}); the inputs
 * keep their HF names ({@code input_ids}, {@code attention_mask}, ...).
 * {@link #build} adds it to an existing graph (AuBERT's joint model does); {@link #load} makes a
 * stand-alone model from a HuggingFace folder.
 */
public final class BertModel {
    /** The mask placeholder: 1 for tokens, 0 for padding, in the graph's float type. */
    public static final String ATTENTION_MASK = "attention_mask";
    public static final String LAST_HIDDEN_STATE = "last_hidden_state";
    public static final String POOLER_OUTPUT = "pooler_output";
    /** Dropout-mask dimension symbols: batch size and number of tokens. */
    public static final String BATCH = "B";
    public static final String TIME = "T";

    private final BertConfig config;
    private final GraphRunner runner;
    private final BertEmbeddings embeddings;
    private final SDVariable lastHiddenState;
    private final SDVariable pooled;
    private final List<SDVariable> hiddenStates;

    private BertModel(BertConfig config, Graph graph, BertEmbeddings embeddings, SDVariable last, SDVariable pooled,
                      List<SDVariable> hiddenStates) {
        this.config = config;
        this.runner = new GraphRunner(graph);
        this.embeddings = embeddings;
        this.lastHiddenState = last;
        this.pooled = pooled;
        this.hiddenStates = hiddenStates;
    }

    /** Builds the encoder (and pooler if asked) under {@code scope}. */
    public static BertModel build(Scope scope, BertConfig c, boolean withPooler) {
        Graph g = scope.graph();
        BertEmbeddings emb = new BertEmbeddings(scope, c);
        SDVariable mask = g.sd().placeHolder(ATTENTION_MASK, g.dtype(), -1, -1);
        SDVariable bias = SelfAttention.keyBias(g.sd(), mask);
        List<SDVariable> states = new ArrayList<>();
        SDVariable h = emb.forward(BATCH, TIME, c.hiddenSize()).rename(scope.name("hidden_states_0"));
        states.add(h);
        for (int i = 0; i < c.numHiddenLayers(); i++) {
            h = new BertLayer(scope.child("encoder.layer." + i), c, BATCH, TIME).forward(h, bias).rename(scope.name("hidden_states_" + (i + 1)));
            states.add(h);
        }
        SDVariable last = g.sd().identity(scope.name(LAST_HIDDEN_STATE), h);
        SDVariable pooled = null;
        if (withPooler) {
            Linear dense = new Linear(scope.child("pooler"), "dense", c.hiddenSize(), c.hiddenSize(), true);
            // h[:, 0]: begin/end masks keep axes 0 and 2 whole, shrink mask drops axis 1.
            SDVariable first = g.sd().stridedSlice(last, new long[]{0, 0, 0}, new long[]{0, 1, 0},
                    new long[]{1, 1, 1}, 1 | 4, 1 | 4, 0, 0, 2);
            pooled = g.sd().math.tanh(scope.name(POOLER_OUTPUT), dense.forward(first, 2));
        }
        return new BertModel(c, g, emb, last, pooled, states);
    }

    /** Loads {@code config.json} and weights from a HuggingFace folder; the pooler is built when the checkpoint has one. */
    public static BertModel load(Path dir, DataType dtype, boolean training) throws IOException {
        BertConfig c = BertConfig.load(dir);
        try (TensorSource weights = Checkpoints.open(dir)) {
            boolean pooler = weights.names().stream().anyMatch(n -> n.startsWith("pooler.") || n.startsWith("bert.pooler."));
            Graph g = new Graph(dtype, training);
            BertModel m = build(g.root(), c, pooler);
            WeightLoader.load(g, weights, loadSpec());
            return m;
        }
    }

    /** Keys a BERT checkpoint may carry that the encoder does not use (pre-training heads, legacy buffers). */
    public static LoadSpec loadSpec() {
        return LoadSpec.of(List.of("bert."), "embeddings\\.position_ids", "cls\\..*", "pooler\\..*");
    }

    public BertConfig config() { return config; }

    public Graph graph() { return runner.graph(); }

    public GraphRunner runner() { return runner; }

    String wordEmbeddingsName() { return embeddings.wordEmbeddingsName(); }

    /** The last hidden state [B, T, H] as a graph variable, for heads built on top of the encoder. */
    public SDVariable lastHiddenStateVariable() { return lastHiddenState; }

    /** Output of {@link #forward}: [B, T, H] states and, with a pooler, [B, H]. */
    public record Output(INDArray lastHiddenState, INDArray poolerOutput, List<INDArray> hiddenStates) {}

    /**
     * Runs the encoder on int64 {@code inputIds} [B, T]; {@code attentionMask} and {@code tokenTypeIds}
     * may be null (all ones / all zeros, as in HF).
     */
    public Output forward(INDArray inputIds, INDArray attentionMask, INDArray tokenTypeIds) {
        Map<String, INDArray> in = inputs(inputIds, attentionMask, tokenTypeIds, config, runner.graph().dtype());
        List<String> names = new ArrayList<>();
        for (SDVariable s : hiddenStates) names.add(s.name());
        names.add(lastHiddenState.name());
        if (pooled != null) names.add(pooled.name());
        Map<String, INDArray> out = runner.output(in, dims(inputIds), 0, names.toArray(String[]::new));
        List<INDArray> states = new ArrayList<>();
        for (SDVariable s : hiddenStates) states.add(out.get(s.name()));
        return new Output(out.get(lastHiddenState.name()), pooled == null ? null : out.get(pooled.name()), states);
    }

    /** Values of the dropout-mask symbols {@code B} and {@code T} for a batch of ids [B, T]. */
    public static Map<String, Long> dims(INDArray inputIds) {
        return Map.of(BATCH, inputIds.size(0), TIME, inputIds.size(1));
    }

    /**
     * The graph inputs for a batch: ids, float mask, token types and positions 0..T-1; {@code mask} and
     * {@code types} may be null (all ones / all zeros).
     */
    public static Map<String, INDArray> inputs(INDArray ids, INDArray mask, INDArray types, BertConfig c, DataType dtype) {
        if (ids.rank() != 2) throw new IllegalArgumentException("input_ids must be [batch, length], got rank " + ids.rank());
        long b = ids.size(0);
        long t = ids.size(1);
        if (t > c.maxPositionEmbeddings()) {
            throw new IllegalArgumentException("sequence length " + t + " exceeds max_position_embeddings " + c.maxPositionEmbeddings());
        }
        checkShape("attention_mask", mask, b, t);
        checkShape("token_type_ids", types, b, t);
        Map<String, INDArray> in = new HashMap<>();
        in.put(BertEmbeddings.INPUT_IDS, ids.castTo(DataType.INT64));
        in.put(ATTENTION_MASK, mask == null ? Nd4j.ones(dtype, b, t) : mask.castTo(dtype));
        in.put(BertEmbeddings.TOKEN_TYPE_IDS, types == null ? Nd4j.zeros(DataType.INT64, b, t) : types.castTo(DataType.INT64));
        in.put(BertEmbeddings.POSITION_IDS, Nd4j.arange(0, t).castTo(DataType.INT64).reshape(1, t).repeat(0, b));
        return in;
    }

    private static void checkShape(String name, INDArray a, long b, long t) {
        if (a != null && (a.rank() != 2 || a.size(0) != b || a.size(1) != t)) {
            throw new IllegalArgumentException(name + " must be [" + b + ", " + t + "] like input_ids, got "
                    + java.util.Arrays.toString(a.shape()));
        }
    }
}

package org.aubert.nn.bert;

import org.nd4j.autodiff.samediff.SDVariable;

import org.aubert.core.config.BertConfig;
import org.aubert.nn.graph.Dims;
import org.aubert.nn.graph.Embedding;
import org.aubert.nn.graph.LayerNorm;
import org.aubert.nn.graph.Scope;

/** {@code embeddings.*}: word + position + token-type embeddings, LayerNorm, dropout. */
final class BertEmbeddings {
    static final String INPUT_IDS = "input_ids";
    static final String POSITION_IDS = "position_ids";
    static final String TOKEN_TYPE_IDS = "token_type_ids";

    private final Scope scope;
    private final Embedding word;
    private final Embedding position;
    private final Embedding tokenType;
    private final LayerNorm norm;
    private final double dropout;

    BertEmbeddings(Scope parent, BertConfig c) {
        this.scope = parent.child("embeddings");
        this.word = new Embedding(scope, "word_embeddings", c.vocabSize(), c.hiddenSize());
        this.position = new Embedding(scope, "position_embeddings", c.maxPositionEmbeddings(), c.hiddenSize());
        this.tokenType = new Embedding(scope, "token_type_embeddings", c.typeVocabSize(), c.hiddenSize());
        this.norm = new LayerNorm(scope, "LayerNorm", c.hiddenSize(), c.layerNormEps());
        this.dropout = c.hiddenDropoutProb();
    }

    /** [B, T, H] from the id inputs (looked up outside the graph). */
    SDVariable forward(String batchDim, String timeDim, long hidden) {
        SDVariable sum = word.lookup(INPUT_IDS).add(tokenType.lookup(TOKEN_TYPE_IDS)).add(position.lookup(POSITION_IDS));
        return scope.dropout(norm.forward(sum), dropout, Dims.of(batchDim, timeDim, hidden));
    }

    String wordEmbeddingsName() { return word.weightName(); }
}

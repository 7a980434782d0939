package org.aubert.nn.aubert;

import org.nd4j.autodiff.samediff.SDVariable;

import org.aubert.nn.graph.Scope;

/** Scores every (text, audio) pair of a batch: [B, P] and [B, P] to logits [B, B], row i = text i, column j = audio j. */
public interface Scorer {
    /** Parameter prefix of the scorer. */
    String SCOPE = "scorer";

    SDVariable logits(SDVariable text, SDVariable audio);

    /** The scorer of {@code type} under {@code parent.child("scorer")}, for embeddings of size {@code proj}. */
    static Scorer create(Scope parent, AubertConfig.ScorerType type, long proj) {
        Scope s = parent.child(SCOPE);
        return switch (type) {
            case MLP -> new MlpScorer(s, proj);
            case COSINE -> new CosineScorer(s, false);
            case CENTRED_COSINE -> new CosineScorer(s, true);
        };
    }
}

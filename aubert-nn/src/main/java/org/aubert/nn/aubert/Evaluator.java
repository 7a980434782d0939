package org.aubert.nn.aubert;

import java.util.ArrayList;
import java.util.List;

import org.aubert.nn.train.BatchStream;

/** Runs a model without dropout over every batch of a source and pools the retrieval metrics. */
public final class Evaluator {
    /** The order of evaluation batches does not change the pooled figures; a fixed seed keeps logs comparable. */
    static final long ORDER_SEED = 0;

    private Evaluator() {}

    public static EvaluationReport evaluate(AubertModel model, BatchStream<Batch> source) {
        source.reset(ORDER_SEED);
        List<RetrievalMetrics> metrics = new ArrayList<>();
        while (source.hasNext()) metrics.add(RetrievalMetrics.of(model.scores(source.next())));
        if (metrics.isEmpty()) throw new IllegalArgumentException("the evaluation source yielded no batches");
        return EvaluationReport.of(metrics);
    }
}

package org.aubert.nn.train;

import java.util.Map;

/** What evaluating a model on held-out data gives: a loss (the best checkpoint is chosen by it) and named figures. */
public interface Evaluation {
    /** The validation loss; lower is better. */
    double loss();

    /** Every figure under snake_case keys (written to {@code metrics.jsonl}). */
    Map<String, Object> toMap();

    /** One line for logs. */
    String summary();

    /** A few figures for a progress bar. */
    default String brief() { return summary(); }
}

package org.aubert.nn.train;

/** Hears about a run as it goes (progress display, early stopping, tests). An exception thrown here stops the run. */
public interface TrainingListener {
    default void onStart(long firstStep, long maxSteps) {}

    default void onStep(StepRecord record) {}

    default void onEvaluation(long step, Evaluation report) {}

    default void onEnd() {}
}

package org.aubert.nn.train;

import java.util.Locale;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A console progress bar over the optimiser steps showing the running loss, the step's metrics and the last evaluation. */
public final class ProgressBarListener implements TrainingListener {
    private final String taskName;
    private ProgressBar bar;
    private double smoothedLoss = Double.NaN;
    private String lastEval = "";

    public ProgressBarListener() { this("pretrain"); }

    /** @param taskName the label before the bar */
    public ProgressBarListener(String taskName) { this.taskName = taskName; }

    @Override
    public void onStart(long firstStep, long maxSteps) {
        bar = new ProgressBarBuilder().setTaskName(taskName).setInitialMax(maxSteps).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500).continuousUpdate().build();
        bar.stepTo(firstStep);
    }

    @Override
    public void onStep(StepRecord r) {
        if (Double.isFinite(r.loss())) smoothedLoss = Double.isNaN(smoothedLoss) ? r.loss() : 0.9 * smoothedLoss + 0.1 * r.loss();
        bar.stepTo(r.step());
        String acc = r.metrics().containsKey("t2a_accuracy")
                ? String.format(Locale.ROOT, " acc %.2f/%.2f", r.metric("t2a_accuracy"), r.metric("a2t_accuracy")) : "";
        bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f%s%s", smoothedLoss, acc, lastEval));
    }

    @Override
    public void onEvaluation(long step, Evaluation report) {
        lastEval = " | val " + report.brief();
    }

    @Override
    public void onEnd() {
        if (bar != null) bar.close();
    }
}

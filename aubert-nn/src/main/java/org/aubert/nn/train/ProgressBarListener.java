package org.aubert.nn.train;

import java.util.Locale;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import org.aubert.nn.aubert.EvaluationReport;

/** A console progress bar over the optimiser steps showing the running loss and accuracies. */
public final class ProgressBarListener implements TrainingListener {
    private ProgressBar bar;
    private double smoothedLoss = Double.NaN;
    private String lastEval = "";

    @Override
    public void onStart(long firstStep, long maxSteps) {
        bar = new ProgressBarBuilder().setTaskName("pretrain").setInitialMax(maxSteps).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500).continuousUpdate().build();
        bar.stepTo(firstStep);
    }

    @Override
    public void onStep(StepRecord r) {
        if (Double.isFinite(r.loss())) smoothedLoss = Double.isNaN(smoothedLoss) ? r.loss() : 0.9 * smoothedLoss + 0.1 * r.loss();
        bar.stepTo(r.step());
        bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f acc %.2f/%.2f%s", smoothedLoss, r.t2aAccuracy(), r.a2tAccuracy(), lastEval));
    }

    @Override
    public void onEvaluation(long step, EvaluationReport report) {
        lastEval = String.format(Locale.ROOT, " | val acc %.2f/%.2f (chance %.2f)", report.t2aAccuracy(), report.a2tAccuracy(), report.chance());
    }

    @Override
    public void onEnd() {
        if (bar != null) bar.close();
    }
}

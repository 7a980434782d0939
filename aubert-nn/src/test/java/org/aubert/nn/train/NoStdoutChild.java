package org.aubert.nn.train;

import java.nio.file.Path;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import org.aubert.nn.aubert.AubertModel;
import org.aubert.nn.aubert.TinyAubert;

/**
 * The child process of {@link NoStdoutTest}: builds the tiny AuBERT (BERT + HuBERT encoders, poolers, heads, loss) for
 * training and runs one {@link Trainer} step (gradient graph, AdamW update, checkpoint, curves, progress bar),
 * writing nothing to stdout on purpose. Then it prints
 * {@link #MARKER} and builds a gradient function straight through SameDiff (the control: that must print).
 */
final class NoStdoutChild {
    static final String MARKER = "@@control@@";
    static final String DONE = "@@done@@";

    private NoStdoutChild() {}

    public static void main(String[] args) throws Exception {
        Nd4j.getEnvironment().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxMasterThreads(1);

        AubertModel model = AubertModel.create(TinyAubert.config(0.1), DataType.FLOAT, true);
        TrainerConfig config = TrainerConfig.DEFAULT.withSchedule(1e-3, 0, 1).withSeed(3);
        Trainer.Summary s = new Trainer(model, config, Path.of(args[0])).addListener(new ProgressBarListener())
                .fit(new SyntheticProsodyTask(3, 1, 1, false), null);
        require(s.steps() == 1, "one training step");

        System.out.flush();
        System.out.println(MARKER);
        SameDiff sd = SameDiff.create();
        sd.setLossVariables(sd.sum("loss", sd.var("w", Nd4j.ones(DataType.FLOAT, 2)).mul(2)));
        sd.createGradFunction();
        System.out.flush();
        System.err.println(DONE);
    }

    private static void require(boolean ok, String what) {
        if (!ok) throw new IllegalStateException(what + " failed");
    }
}

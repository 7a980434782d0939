package org.aubert.nn.aubert;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The auxiliary masked-LM loss: cross-entropy of BERT's MLM logits [B, T, V] at the labelled positions, averaged over
 * them (HF's {@code BertForMaskedLM} loss with labels of -100 ignored), written by hand for the same reasons as
 * {@link InfoNceLoss}. Labels arrive as ids [B, T] (0 where ignored) and per-position weights [B, T] that are
 * 1/(number of labelled positions) where labelled and 0 elsewhere, so the graph needs no division by a count.
 */
final class MaskedLmLoss {
    /** HF's label for "no loss here". */
    static final long IGNORE = -100;

    private MaskedLmLoss() {}

    static SDVariable build(SameDiff sd, SDVariable logits, SDVariable labels, SDVariable weights, int vocab, DataType dtype) {
        SDVariable onehot = sd.oneHot(labels, vocab, -1, 1.0, 0.0, dtype);
        SDVariable nll = sd.sum(onehot.mul(sd.nn.logSoftmax(logits)), 2).neg();
        return sd.sum(nll.mul(weights));
    }

    /** The label ids (ignored positions as 0) and weights for HF-style labels [B, T]; labels must be -100 or in [0, vocab). */
    static INDArray[] feeds(INDArray labels, int vocab, DataType dtype) {
        long[] flat = labels.castTo(DataType.INT64).reshape(labels.length()).toLongVector();
        long count = 0;
        for (long l : flat) {
            if (l != IGNORE && (l < 0 || l >= vocab)) {
                throw new IllegalArgumentException("MLM label " + l + " is neither " + IGNORE + " nor in [0, " + vocab + ")");
            }
            if (l != IGNORE) count++;
        }
        long[] ids = new long[flat.length];
        double[] w = new double[flat.length];
        for (int i = 0; i < flat.length; i++) {
            if (flat[i] != IGNORE) {
                ids[i] = flat[i];
                w[i] = 1.0 / count;
            }
        }
        return new INDArray[]{Nd4j.createFromArray(ids).reshape(labels.shape()),
                Nd4j.createFromArray(w).reshape(labels.shape()).castTo(dtype)};
    }
}

package org.aubert.nn.ctc;

/**
 * The connectionist temporal classification loss of one utterance and its exact gradient with respect to the logits,
 * by the forward-backward algorithm in log space (double precision). Computing it outside the graph and feeding the
 * gradient back as a constant keeps training exact: SameDiff's cross-entropy family has wrong gradients (see
 * SAMEDIFF-NOTES), and its CTC op is unmeasured.
 *
 * <p>Conventions follow {@code torch.nn.functional.ctc_loss}: logits are unnormalised scores over the vocabulary per
 * frame (log-softmax is applied here), the blank has index {@code blank}, the loss is {@code -log p(labels | x)}; an
 * impossible alignment (too few frames) gives an infinite loss, or 0 with a zero gradient when {@code zeroInfinity}.
 */
public final class CtcLoss {

    /** The loss and d loss / d logits ([frames][vocabulary]). */
    public record Result(double loss, double[][] gradient) {}

    private CtcLoss() {}

    /**
     * @param logits [T][V] scores of the valid frames
     * @param labels target ids, none equal to the blank
     */
    public static Result compute(float[][] logits, int[] labels, int blank, boolean zeroInfinity) {
        double[][] d = new double[logits.length][];
        for (int f = 0; f < logits.length; f++) {
            d[f] = new double[logits[f].length];
            for (int k = 0; k < d[f].length; k++) d[f][k] = logits[f][k];
        }
        return compute(d, labels, blank, zeroInfinity);
    }

    /** {@link #compute(float[][], int[], int, boolean)} on double-precision scores (gradient checks). */
    public static Result compute(double[][] logits, int[] labels, int blank, boolean zeroInfinity) {
        int t = logits.length;
        if (t == 0) throw new IllegalArgumentException("no frames");
        int v = logits[0].length;
        for (int l : labels) {
            if (l < 0 || l >= v || l == blank) throw new IllegalArgumentException("label " + l + " is the blank or outside the vocabulary of " + v);
        }
        double[][] logp = logSoftmax(logits);
        int s = 2 * labels.length + 1;
        // Extended sequence: blank, l1, blank, l2, ..., blank.
        int[] ext = new int[s];
        for (int i = 0; i < s; i++) ext[i] = i % 2 == 0 ? blank : labels[i / 2];
        double[][] alpha = new double[t][s];
        double[][] beta = new double[t][s];
        for (double[] row : alpha) java.util.Arrays.fill(row, Double.NEGATIVE_INFINITY);
        for (double[] row : beta) java.util.Arrays.fill(row, Double.NEGATIVE_INFINITY);
        alpha[0][0] = logp[0][ext[0]];
        if (s > 1) alpha[0][1] = logp[0][ext[1]];
        for (int f = 1; f < t; f++) {
            for (int i = 0; i < s; i++) {
                double a = alpha[f - 1][i];
                if (i >= 1) a = logAdd(a, alpha[f - 1][i - 1]);
                if (i >= 2 && ext[i] != blank && ext[i] != ext[i - 2]) a = logAdd(a, alpha[f - 1][i - 2]);
                alpha[f][i] = a + logp[f][ext[i]];
            }
        }
        beta[t - 1][s - 1] = logp[t - 1][ext[s - 1]];
        if (s > 1) beta[t - 1][s - 2] = logp[t - 1][ext[s - 2]];
        for (int f = t - 2; f >= 0; f--) {
            for (int i = 0; i < s; i++) {
                double b = beta[f + 1][i];
                if (i + 1 < s) b = logAdd(b, beta[f + 1][i + 1]);
                if (i + 2 < s && ext[i] != blank && ext[i] != ext[i + 2]) b = logAdd(b, beta[f + 1][i + 2]);
                beta[f][i] = b + logp[f][ext[i]];
            }
        }
        double logLik = s > 1 ? logAdd(alpha[t - 1][s - 1], alpha[t - 1][s - 2]) : alpha[t - 1][s - 1];
        double[][] grad = new double[t][v];
        if (logLik == Double.NEGATIVE_INFINITY) {
            return new Result(zeroInfinity ? 0 : Double.POSITIVE_INFINITY, grad);
        }
        // d(-log p)/d logit[f][k] = softmax[f][k] - sum over positions i with ext[i] = k of alpha*beta / (p * y[f][k]).
        for (int f = 0; f < t; f++) {
            double[] occupancy = new double[v];
            java.util.Arrays.fill(occupancy, Double.NEGATIVE_INFINITY);
            for (int i = 0; i < s; i++) {
                occupancy[ext[i]] = logAdd(occupancy[ext[i]], alpha[f][i] + beta[f][i]);
            }
            for (int k = 0; k < v; k++) {
                double soft = Math.exp(logp[f][k]);
                double post = occupancy[k] == Double.NEGATIVE_INFINITY ? 0 : Math.exp(occupancy[k] - logLik - logp[f][k]);
                grad[f][k] = soft - post;
            }
        }
        return new Result(-logLik, grad);
    }

    static double[][] logSoftmax(float[][] x) {
        double[][] d = new double[x.length][];
        for (int f = 0; f < x.length; f++) {
            d[f] = new double[x[f].length];
            for (int k = 0; k < d[f].length; k++) d[f][k] = x[f][k];
        }
        return logSoftmax(d);
    }

    static double[][] logSoftmax(double[][] x) {
        double[][] out = new double[x.length][];
        for (int f = 0; f < x.length; f++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double a : x[f]) max = Math.max(max, a);
            double sum = 0;
            for (double a : x[f]) sum += Math.exp(a - max);
            double lse = max + Math.log(sum);
            out[f] = new double[x[f].length];
            for (int k = 0; k < x[f].length; k++) out[f][k] = x[f][k] - lse;
        }
        return out;
    }

    static double logAdd(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) return b;
        if (b == Double.NEGATIVE_INFINITY) return a;
        double m = Math.max(a, b);
        return m + Math.log1p(Math.exp(-Math.abs(a - b)));
    }
}

package org.aubert.data.align;

import java.util.Arrays;

/**
 * Expected entry frames of CTC states under the posterior over all alignment paths (forward-backward), rather than
 * on the single best path. For state {@code s} of the interleaved sequence (blank, l0, blank, l1, ..., blank) the
 * path is at or beyond {@code s} at frame {@code t} with probability {@code F_s(t)}, non-decreasing in {@code t}, so
 * the frame at which it enters {@code s} has expectation {@code sum_t (1 - F_s(t))}: fractional, and pulled towards
 * where the model's doubt lies when it is unsure of a letter's place. The expectations are non-decreasing in
 * {@code s}. Cost: two passes of {@code frames x states} log-additions, and as many doubles twice over in memory.
 */
final class CtcExpectedTimes {
    private static final double NEG = Double.NEGATIVE_INFINITY;

    private CtcExpectedTimes() {}

    /**
     * The expected entry frame of each of {@code wanted} (state indices, in any order) for {@code labels} over
     * {@code logProbs}; null when no path has a finite score.
     */
    static double[] entryFrames(Emissions logProbs, int[] labels, int blank, int[] wanted) {
        int frames = logProbs.frames();
        int vocab = logProbs.vocab();
        float[] lp = logProbs.values();
        CtcStates sequence = CtcStates.of(labels, blank);
        int n = sequence.count();
        int[] token = sequence.token();
        boolean[] skip = sequence.skip();
        double[][] alpha = new double[frames][n];
        double[][] beta = new double[frames][n];
        for (double[] row : alpha) Arrays.fill(row, NEG);
        for (double[] row : beta) Arrays.fill(row, NEG);
        alpha[0][0] = lp[token[0]];
        alpha[0][1] = lp[token[1]];
        for (int t = 1; t < frames; t++) {
            int row = t * vocab;
            for (int s = 0; s < n; s++) {
                double a = alpha[t - 1][s];
                if (s >= 1) a = logAdd(a, alpha[t - 1][s - 1]);
                if (skip[s]) a = logAdd(a, alpha[t - 1][s - 2]);
                alpha[t][s] = a + lp[row + token[s]];
            }
        }
        beta[frames - 1][n - 1] = 0;
        beta[frames - 1][n - 2] = 0;
        for (int t = frames - 2; t >= 0; t--) {
            int row = (t + 1) * vocab;
            for (int s = 0; s < n; s++) {
                double b = beta[t + 1][s] + lp[row + token[s]];
                if (s + 1 < n) b = logAdd(b, beta[t + 1][s + 1] + lp[row + token[s + 1]]);
                if (s + 2 < n && skip[s + 2]) b = logAdd(b, beta[t + 1][s + 2] + lp[row + token[s + 2]]);
                beta[t][s] = b;
            }
        }
        double z = logAdd(alpha[frames - 1][n - 1], alpha[frames - 1][n - 2]);
        if (z == NEG) return null;
        double[] out = new double[wanted.length];
        double[] atOrBeyond = new double[n];
        for (int t = 0; t < frames; t++) {
            double acc = 0;
            for (int s = n - 1; s >= 0; s--) {
                acc += Math.exp(alpha[t][s] + beta[t][s] - z);
                atOrBeyond[s] = acc;
            }
            for (int k = 0; k < wanted.length; k++) out[k] += 1 - Math.min(1, atOrBeyond[wanted[k]]);
        }
        return out;
    }

    private static double logAdd(double a, double b) {
        if (a == NEG) return b;
        if (b == NEG) return a;
        return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
    }
}

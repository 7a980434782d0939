package org.aubert.nn.ctc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class CtcLossTest {

    /** p(labels) summed over every frame labelling that collapses to the labels. */
    private static double bruteForce(float[][] logits, int[] labels, int blank) {
        double[][] logp = CtcLoss.logSoftmax(logits);
        int t = logits.length;
        int v = logits[0].length;
        int[] path = new int[t];
        double total = 0;
        long paths = (long) Math.pow(v, t);
        for (long code = 0; code < paths; code++) {
            long c = code;
            for (int f = 0; f < t; f++) {
                path[f] = (int) (c % v);
                c /= v;
            }
            List<Integer> collapsed = new ArrayList<>();
            int prev = -1;
            for (int p : path) {
                if (p != prev && p != blank) collapsed.add(p);
                prev = p;
            }
            if (collapsed.size() != labels.length) continue;
            boolean same = true;
            for (int i = 0; i < labels.length && same; i++) same = collapsed.get(i) == labels[i];
            if (!same) continue;
            double lp = 0;
            for (int f = 0; f < t; f++) lp += logp[f][path[f]];
            total += Math.exp(lp);
        }
        return total;
    }

    private static float[][] random(Random r, int t, int v) {
        float[][] x = new float[t][v];
        for (float[] row : x) for (int k = 0; k < v; k++) row[k] = (float) (2 * r.nextGaussian());
        return x;
    }

    @Test
    void lossEqualsBruteForceOverAllAlignments() {
        Random r = new Random(3);
        int cases = 0;
        for (int rep = 0; rep < 60; rep++) {
            int v = 2 + r.nextInt(3);
            int t = 1 + r.nextInt(6);
            int n = r.nextInt(Math.min(t, 3) + 1);
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) labels[i] = 1 + r.nextInt(v - 1);
            float[][] x = random(r, t, v);
            double p = bruteForce(x, labels, 0);
            CtcLoss.Result res = CtcLoss.compute(x, labels, 0, false);
            if (p == 0) {
                assertEquals(Double.POSITIVE_INFINITY, res.loss());
                assertEquals(0, CtcLoss.compute(x, labels, 0, true).loss());
            } else {
                assertEquals(-Math.log(p), res.loss(), 1e-9 * Math.max(1, Math.abs(res.loss())));
                cases++;
            }
        }
        assertTrue(cases > 30, "enough feasible cases: " + cases);
    }

    @Test
    void gradientEqualsFiniteDifferences() {
        Random r = new Random(5);
        for (int rep = 0; rep < 10; rep++) {
            int v = 5;
            int t = 12;
            int[] labels = {1, 2, 2, 3};     // a repeat needs a blank in between
            float[][] x = random(r, t, v);
            CtcLoss.Result res = CtcLoss.compute(x, labels, 0, false);
            for (int f = 0; f < t; f += 3) {
                for (int k = 0; k < v; k++) {
                    float keep = x[f][k];
                    double h = 1e-2;
                    x[f][k] = (float) (keep + h);
                    double up = CtcLoss.compute(x, labels, 0, false).loss();
                    x[f][k] = (float) (keep - h);
                    double down = CtcLoss.compute(x, labels, 0, false).loss();
                    x[f][k] = keep;
                    double fd = (up - down) / (2 * ((float) (keep + h) - keep));
                    assertEquals(fd, res.gradient()[f][k], 2e-3, "frame " + f + " token " + k);
                }
            }
            for (int f = 0; f < t; f++) {
                double sum = 0;
                for (double g : res.gradient()[f]) sum += g;
                assertEquals(0, sum, 1e-9, "softmax gradients sum to zero per frame");
            }
        }
    }
}
